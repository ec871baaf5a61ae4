import fs from "node:fs";
import { readCsv, shot, signIn } from "./helpers";
import { account, expect, test } from "./fixtures";

// Incidents and drills (issue 20), on the demo data: the security team declares a key compromised
// and follows the incident's timeline; an auditor finds the demo's finished drill in the drill
// history and exports its report as CSV.

test.describe.configure({ mode: "serial" });
test.use({ timezoneId: "UTC" });

const ANALYST = account("Sam Responder", "analyst");
const AUDITOR = account("Alex Audit", "auditor");
// a demo signer no other spec touches, with an unrevoked certificate and signing events
const SIGNER = "platform-print-driver";

test.beforeAll(async ({ demoAdmin, ensureAccounts }) => {
  expect(demoAdmin.email).toBeTruthy();
  await ensureAccounts(ANALYST, AUDITOR);
});

test("the security team declares a key compromised and sees the incident's timeline", async ({ page }) => {
  await signIn(page, ANALYST);
  await page.goto("/incidents");
  await page.getByRole("link", { name: "Declare a key compromised" }).click();
  await expect(page).toHaveURL(/\/incidents\/new\?subjectType=key/);
  const key = page.getByLabel("Key", { exact: true });
  const value = await key
    .locator("option", { hasText: `(${SIGNER})` })
    .first()
    .getAttribute("value");
  await key.selectOption(value!);
  const suspected = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Suspected compromise time").fill(suspected);
  await page.getByLabel("What happened").fill("e2e: the print driver's signing key was found on a shared drive");
  await page.getByRole("button", { name: "Declare compromised" }).click();

  await expect(page).toHaveURL(/\/incidents\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Compromise of key");
  const timeline = page.getByRole("table", { name: "What happened, oldest first" });
  await expect(timeline).toContainText(`suspected since ${suspected}`);
  await expect(timeline).toContainText(`Signer ${SIGNER} suspended`);
  await expect(timeline).toContainText("Revocation requested for");
  await expect(timeline).toContainText("Recovery task opened for");
  await expect(timeline).toContainText("people told by email");
  // contained inside the declaration's transaction; recovery waits for the re-signing
  await expect(page.getByText("Time to contain")).toBeVisible();
  await expect(page.getByRole("table", { name: /Release channels to recover/ })).toContainText("open");
  await shot(page, "130-incident-timeline");

  await page.goto("/incidents?mode=compromise");
  await expect(page.getByRole("table", { name: "Incidents and drills, newest first" })).toContainText("Compromise");
});

test("an auditor exports the demo's finished drill report as CSV", async ({ page }) => {
  await signIn(page, AUDITOR);
  await page.goto("/incidents");
  await page.getByRole("link", { name: "Drill history" }).click();
  await expect(page).toHaveURL(/mode=drill/);
  // the list shell (issue 17): the tab is marked, the count is the drills', and the export follows the tab
  await expect(page.getByRole("link", { name: "Drill history" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText(/^\d+ drills?/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Export (JSON)" })).toHaveAttribute("href", /mode=drill/);
  const drills = page.getByRole("table", { name: "Incidents and drills, newest first" });
  await expect(drills).toContainText("DRILL");
  await expect(drills).not.toContainText("Compromise");
  await drills.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("DRILL: Compromise of signer release-bot-us");
  await expect(page.getByRole("heading", { name: "Drill report" })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export report (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^drill-report-.*\.csv$/);
  const { header, records } = readCsv(fs.readFileSync((await download.path())!, "utf8"));
  expect(header).toEqual(["section", "item", "value", "detail"]);
  expect(records.find((r) => r.item === "incident")?.detail).toBe("DRILL");
  expect(records.find((r) => r.item === "signers")?.detail).toBe("release-bot-eu; release-bot-us");
  expect(records.some((r) => r.section === "no_response")).toBe(true);
  expect(records.some((r) => r.section === "slow_or_blocked")).toBe(true);
  await shot(page, "131-drill-report");
});
