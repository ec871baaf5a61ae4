import { signInThroughApi } from "./helpers";
import { expect, test } from "./fixtures";

// A client component renders twice: on the server, then again in the browser when the page
// hydrates, each time with its own clock. Relative times ("just now", "5 minutes ago") read
// differently where the clocks differ, and a list whose prefetched data is older than the queries'
// 30 s stale time by the browser's clock starts refetching at once and showed "updating…", an
// element the server's HTML did not have. Either made React discard the server's HTML for the
// whole page and render it anew, losing what a user had typed meanwhile (the create-user form on
// /admin answered "Enter a name" after its Name had been filled). The browser's clock is moved
// three hours ahead here, so both happen on every list with a recent time: the pages must still
// hydrate without a mismatch.
test("pages hydrate without a mismatch when the browser's clock differs from the server's", async ({ page, admin }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signInThroughApi(page, admin);
  await page.clock.setFixedTime(Date.now() + 3 * 3_600_000);
  for (const path of ["/admin", "/audit"]) {
    await page.goto(path);
    await expect(page.locator("main time").first(), `${path} shows a relative time`).toBeVisible();
  }
  expect(errors, "errors thrown in the page (React's #418 is a hydration mismatch)").toEqual([]);
});

// The revocation list's state badge is computed from the clock, not only its text: it must be the
// server's clock on both sides. A request due in 25 hours is "open" by the server and "due soon" by
// a browser three hours ahead; before the list took the server's now it hydrated with a mismatch.
test("the revocation list's deadline badges hydrate by the server's clock", async ({ page, adminApi, demoAdmin }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // a CA certificate: 08-revocation's requests are on a leaf, and its panel reads the latest first
  const list = (await (await adminApi.get("/api/v1/certificates?pageSize=200")).json()) as {
    rows: { id: string; isCA: boolean }[];
  };
  const ca = list.rows.find((c) => c.isCA);
  expect(ca, "the demo data holds a CA certificate").toBeTruthy();
  const dueAt = Date.now() + 25 * 3_600_000;
  const recorded = await adminApi.post(`/api/v1/certificates/${ca!.id}/revocation`, {
    data: { kind: "requested", reason: "superseded", requestedAt: new Date(dueAt - 5 * 86_400_000).toISOString() },
  });
  expect(recorded.status(), await recorded.text()).toBe(200);
  await signInThroughApi(page, demoAdmin);
  await page.clock.setFixedTime(Date.now() + 3 * 3_600_000);
  await page.goto("/revocation");
  const deadline = `${new Date(dueAt).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const row = page
    .getByRole("table", { name: "Revocation requests and their deadlines" })
    .getByRole("row")
    .filter({ hasText: deadline });
  await expect(row.first()).toContainText("open");
  expect(errors, "errors thrown in the page (React's #418 is a hydration mismatch)").toEqual([]);
});
