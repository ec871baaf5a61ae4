import { test, expect } from "@playwright/test";
import { apiAs } from "./helpers";
import { LOGIN_ATTEMPTS_PER_MINUTE } from "./limits";

// Runs last: it exhausts this client's sign-in budget for a minute. Earlier specs have used part
// of the same minute's budget, so the test counts: never more wrong-password answers than the
// limit, and once refused, refused with 429 until the window ends.
test("password sign-in is rate limited and the attempt after the limit gets 429", async () => {
  const api = await apiAs(null);
  const statuses: number[] = [];
  for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE + 5; i++) {
    const res = await api.post("/api/auth/sign-in/email", { data: { email: "nobody@example.test", password: `guess-number-${i}` } });
    statuses.push(res.status());
  }
  const firstRefusal = statuses.indexOf(429);
  expect(firstRefusal, "some attempt is refused with 429").toBeGreaterThanOrEqual(0);
  expect(statuses.slice(0, firstRefusal).every((s) => s === 401)).toBe(true);
  expect(firstRefusal).toBeLessThanOrEqual(LOGIN_ATTEMPTS_PER_MINUTE);
  expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
  await api.dispose();
});
