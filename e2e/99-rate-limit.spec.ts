import { test, expect } from "@playwright/test";
import { apiAs } from "./helpers";

// Runs last: it exhausts this client's sign-in budget for a minute.
test("password sign-in is rate limited and the attempt after the limit gets 429", async () => {
  const api = await apiAs(null);
  const statuses: number[] = [];
  for (let i = 0; i < 45; i++) {
    const res = await api.post("/api/auth/sign-in/email", { data: { email: "nobody@example.test", password: `guess-number-${i}` } });
    statuses.push(res.status());
  }
  expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
  expect(statuses.at(-1)).toBe(429);
  await api.dispose();
});
