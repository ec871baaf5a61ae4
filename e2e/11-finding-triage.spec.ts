import { shot } from "./helpers";
import { expect, test } from "./fixtures";

// The finding lifecycle in the browser (issue #13 item 4), on the demo data: the triage dialog keeps
// what was entered when the server refuses and says which field is wrong; an acceptance is lifted
// early; every move shows on the finding's timeline; bulk triage from the findings list; the state
// filter in the filter bar lists accepted risks and false positives apart from the open ones.
test.describe.configure({ mode: "serial" });

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("the triage dialog keeps the values on refusal; lift the acceptance early; the timeline shows each move", async ({
  adminPage: page,
  demoAdmin,
}) => {
  await page.goto("/findings?sort=firstSeenAt&dir=asc");
  await page.locator("tbody tr td:first-child a").nth(2).click();
  await expect(page).toHaveURL(/\/findings\/[^/?]+$/);
  const findingUrl = page.url();
  await expect(page.getByTestId("finding-state")).toHaveText(/open/);

  const reason = `Compensating control in place, ticket RISK-${Date.now()}`;
  await page.getByRole("button", { name: "Accept the risk…" }).click();
  const dialog = page.getByRole("dialog", { name: /Accept the risk/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Reason").fill(reason);
  const until = dialog.getByLabel("Accepted until (last day)");
  await until.fill(day(400));
  await dialog.getByRole("button", { name: "Accept the risk" }).click();
  // refused by the server: the dialog stays, says why beside the field, and keeps both values
  await expect(dialog.getByText(/at most 365 days/).first()).toBeVisible();
  await expect(until).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Reason")).toHaveValue(reason);
  await expect(until).toHaveValue(day(400));
  await shot(page, "110-triage-refused");

  await until.fill(day(30));
  await dialog.getByRole("button", { name: "Accept the risk" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("finding-state")).toHaveText(/risk accepted/);
  const timeline = page.getByTestId("finding-timeline");
  await expect(timeline.locator('li[data-action="accept-risk"]')).toContainText(reason);
  await expect(timeline.locator('li[data-action="accept-risk"]')).toContainText(demoAdmin.email);

  // lift it early: open again at once, and the timeline says so (newest first)
  await page.getByRole("button", { name: "Lift the acceptance" }).click();
  await expect(page.getByTestId("finding-state")).toHaveText(/open/);
  await expect(timeline.locator("li").first()).toHaveAttribute("data-action", "reopen");
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByTestId("finding-state")).toHaveText(/acknowledged/);
  await page.goto(findingUrl);
  await expect(timeline.locator("li")).toHaveCount(3);
  await expect(timeline.locator("li").first()).toHaveAttribute("data-action", "acknowledge");
  await shot(page, "111-finding-timeline");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "111-finding-timeline-phone");
});

test("bulk triage from the findings list; the state filter lists them apart", async ({ adminPage: page }) => {
  await page.goto("/findings?severity=low");
  const total = page.getByTestId("list-total");
  const before = Number(await total.getAttribute("data-total"));
  expect(before).toBeGreaterThanOrEqual(2);
  const rows = page.locator("main tbody tr");
  const titles: string[] = [];
  for (const i of [0, 1]) {
    const box = rows.nth(i).getByRole("checkbox");
    titles.push(String(await box.getAttribute("aria-label")).replace(/^Select: /, ""));
    await box.check();
  }
  const bar = page.getByTestId("bulk-triage");
  await expect(bar).toContainText("2 selected findings");
  await bar.getByRole("button", { name: "Mark as false positive…" }).click();
  const dialog = page.getByRole("dialog", { name: /Mark as false positive: 2 selected findings/ });
  await dialog.getByLabel("Reason").fill("short");
  await dialog.getByRole("button", { name: "Mark as false positive" }).click();
  await expect(dialog.getByText(/at least 10 characters/).first()).toBeVisible();
  await expect(dialog.getByLabel("Reason")).toHaveValue("short");
  await dialog.getByLabel("Reason").fill("Lab signers, never used for releases");
  await shot(page, "112-bulk-triage-dialog");
  await dialog.getByRole("button", { name: "Mark as false positive" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("bulk-triage-outcome")).toHaveText("2 changed.");
  await expect(total).toHaveAttribute("data-total", String(before - 2));
  await shot(page, "113-bulk-triaged");

  // the filter bar offers the state, and the list under it holds the two
  await page.goto("/findings?severity=low");
  await page.locator('main [name="state"]').selectOption("false-positive");
  await expect(page).toHaveURL(/state=false-positive/);
  await expect(page.locator('main [name="state"]')).toHaveValue("false-positive");
  for (const t of titles) await expect(page.getByRole("checkbox", { name: `Select: ${t}` }).first()).toBeVisible();
  await shot(page, "114-findings-false-positive");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "114-findings-false-positive-phone");
});
