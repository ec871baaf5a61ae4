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
