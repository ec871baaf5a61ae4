import fs from "node:fs";
import { shot } from "./helpers";
import { expect, test } from "./fixtures";

// The admin's alert journey on the demo data (the `demoAdmin` fixture): run the alert sweep from
// the jobs page, find the queued emails in the outbox, preview one, and edit the global policy.
test.describe.configure({ mode: "serial" });

// The e2e server may be started with SMTP_URL (06-attestation's SMTP server); the banner depends on it.
const isSmtpConfigured = /^\s*SMTP_URL\s*:/m.test(fs.readFileSync("playwright.config.ts", "utf8"));

test("jobs → run the alert sweep now → queued emails in the outbox → preview one", async ({ adminPage: page }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts & jobs" }).click();
  await expect(page).toHaveURL(/\/admin\/jobs$/);
  const sweep = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "alerts.sweep" }) });
  await expect(sweep).toContainText("Plans expiry alerts");
  await expect(sweep).toContainText("every 1 h");

  const before = Number(await page.request.get("/api/v1/outbox?pageSize=1").then(async (r) => (await r.json()).total));
  await sweep.getByRole("button", { name: "Run now: alerts.sweep" }).click();
  await expect(sweep.getByRole("status")).toHaveText("Finished: succeeded");
  await expect(sweep).toContainText(/planned \d+ · deliveries \d+ · messages \d+/);
  // the card now shows this run: succeeded, with its result, and the lease is free again
  await expect(sweep.getByText("✓succeeded")).toBeVisible();
  await expect(sweep).toContainText("free");
  await shot(page, "70-jobs");

  const after = await page.request.get("/api/v1/outbox?pageSize=1").then((r) => r.json());
  expect(after.total, "the demo data has certificates inside the alert bands").toBeGreaterThan(before);

  await page.getByRole("navigation", { name: "Alerts and jobs" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page).toHaveURL(/\/admin\/outbox$/);
  const banner = page.getByText("SMTP is not configured: emails are waiting");
  if (isSmtpConfigured) await expect(banner).toHaveCount(0);
  else await expect(banner).toBeVisible();
  await expect(page.getByTestId("outbox-count-pending")).not.toHaveText("0");

  // filter on pending: every row says so in words, not only in colour
  await page.getByLabel("Filter by status").selectOption("pending");
  await expect(page).toHaveURL(/status=pending/);
  const rows = page.getByRole("table", { name: "Emails" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText("pending");
  await expect(rows.first().getByRole("button", { name: "Retry now" })).toBeVisible();
  await shot(page, "71-outbox");

  // "Retry now" on a waiting email: queued again at once, audited
  const last = rows.last();
  await last.getByRole("button", { name: "Retry now" }).click();
  await expect(last.getByText("Queued")).toBeVisible();

  const subject = (await rows.first().getByRole("link").textContent()) ?? "";
  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Email preview" })).toBeVisible();
  await expect(page.getByText(subject, { exact: true }).first()).toBeVisible();
  const frame = page.locator("iframe[title^='HTML preview']");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator("iframe[title^='HTML preview']").locator("body")).not.toBeEmpty();
  await expect(page.getByTestId("outbox-text-body")).not.toBeEmpty();
  await expect(
    page.getByRole("table", { name: "Alerts this email carries" }).locator("tbody tr").first(),
  ).toBeVisible();
  await shot(page, "72-outbox-preview");
});

test("global alert policy: a bad value is refused with a clear error, a good one is saved", async ({
  adminPage: page,
}) => {
  await page.goto("/admin/alert-policy");
  const signing = page.getByLabel("Signing certificates: alert days before expiry");
  await expect(signing).toHaveValue("90, 30, 14, 7, 1");

  await signing.fill("7, 30, 90");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Signing certificates: list the days from largest to smallest")).toBeVisible();
  await expect(signing).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("CA certificates: alert days before expiry").fill("4000");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(
    page.getByText(/CA certificates: 4000 — each band must be a whole number of days from 1 to 3650/),
  ).toBeVisible();
  await shot(page, "73-alert-policy-error");

  await signing.fill("60, 30, 14, 7");
  await page.getByLabel("CA certificates: alert days before expiry").fill("365, 180, 90");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved the global policy." })).toBeVisible();
  await expect(signing).not.toHaveAttribute("aria-invalid");

  // stored: a reload shows the new bands, and the change is in the audit log
  await page.reload();
  await expect(page.getByLabel("Signing certificates: alert days before expiry")).toHaveValue("60, 30, 14, 7");
  const audit = await page.request.get("/api/v1/audit?action=alerts.policy-set").then((r) => r.json());
  expect(audit.rows[0].summary).toContain("signing 60/30/14/7");
  await shot(page, "74-alert-policy-saved");

  // a signer's own policy, picked in the same form, is listed beside it
  const scope = page.getByLabel("Applies to");
  const signerName = ((await scope.locator("option").nth(1).textContent()) ?? "").trim();
  await scope.selectOption({ index: 1 });
  await expect(page.getByText("This signer follows the global policy")).toBeVisible();
  await page.getByLabel("Signing certificates: alert days before expiry").fill("45, 10");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved the policy of ${signerName}.` })).toBeVisible();
  const overrides = page.getByRole("table", { name: "Signers with their own alert policy" });
  await expect(overrides.locator("tbody tr")).toHaveCount(1);
  await expect(overrides.locator("tbody tr")).toContainText(signerName);
  await expect(overrides.locator("tbody tr")).toContainText("45, 10");
  await shot(page, "75-alert-policy-signer");
});
