import fs from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { readCsv, shot } from "./helpers";
import { expect, test } from "./fixtures";

// Revocation (issue 8): check now against the demo data's unreachable responders, a key
// compromise request and its 24-hour deadline, and the impact planner with its CSV.
// On the demo data (the `demoAdmin` fixture).

test.describe.configure({ mode: "serial" });
// datetime-local inputs speak the browser's time zone: pin it so expected deadlines are exact
test.use({ timezoneId: "UTC" });

type Impact = { invalidated: { signedAt: string }[]; remainValid: { signedAt: string }[] };
type Target = { id: string; name: string; signedAts: number[] };

let target: Target;

/** An unexpired leaf with OCSP/CRL URLs and signing events spread over time (demo data). */
async function findTarget(api: APIRequestContext): Promise<Target> {
  const list = (await (await api.get("/api/v1/certificates?pageSize=200")).json()) as {
    rows: {
      id: string;
      subjectCn: string | null;
      subject: string;
      isCA: boolean;
      notAfter: string;
      revocationStatus: string;
    }[];
  };
  const candidates = list.rows.filter(
    (c) => !c.isCA && c.revocationStatus !== "revoked" && new Date(c.notAfter).getTime() > Date.now(),
  );
  for (const c of candidates) {
    const detail = (await (await api.get(`/api/v1/certificates/${c.id}`)).json()) as {
      ocspUrls?: string[];
      crlUrls?: string[];
    };
    if (!detail.ocspUrls?.length && !detail.crlUrls?.length) continue;
    const impact = (await (
      await api.get(`/api/v1/certificates/${c.id}/revocation/impact?date=1970-01-01`)
    ).json()) as Impact;
    const signedAts = impact.invalidated.map((e) => new Date(e.signedAt).getTime()).sort((a, b) => a - b);
    // at least a day between the first and last signature, so a date in between splits them
    if (signedAts.length >= 3 && signedAts.at(-1)! - signedAts[0] > 86_400_000)
      return { id: c.id, name: c.subjectCn ?? c.subject, signedAts };
  }
  throw new Error("the demo data has no unexpired certificate with revocation URLs and signing events");
}

/** "YYYY-MM-DDTHH:mm" in UTC (the browser's zone here). */
const localValue = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const utcLabel = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

test.beforeAll(async ({ demoAdmin, adminApi }) => {
  expect(demoAdmin.email).toBeTruthy();
  target = await findTarget(adminApi);
});

test("check now records the unreachable responder's error and shows it", async ({ adminPage: page }) => {
  await page.goto(`/certificates/${target.id}`);
  const panel = page.getByTestId("revocation-panel");
  await expect(panel.getByRole("heading", { name: "Revocation status" })).toBeVisible();
  await panel.getByRole("button", { name: "Check now" }).click();
  await expect(panel.getByTestId("revocation-outcome")).toContainText("The check failed", { timeout: 60_000 });
  await expect(panel.getByTestId("revocation-last-error")).toBeVisible();
  await expect(panel.getByText("unknown — no valid answer")).toBeVisible();
  // the page still works: the details above the panel are intact
  await expect(page.getByRole("heading", { name: "Chain" })).toBeVisible();
  await shot(page, "80-revocation-check-failed");

  await page.goto("/revocation");
  await page
    .getByRole("navigation", { name: "Revocation view" })
    .getByRole("link", { name: /^Failed checks/ })
    .click();
  await expect(page).toHaveURL(/\/revocation\?view=failed$/);
  await expect(page.getByTestId("last-check-summary")).toContainText("failed their last check");
  await expect(
    page
      .getByRole("table", { name: "Certificates whose last revocation check failed" })
      .getByRole("link", { name: target.name }),
  ).toBeVisible();
});

test("a key compromise request gets a 24-hour deadline on /revocation", async ({ adminPage: page }) => {
  await page.goto(`/certificates/${target.id}`);
  const panel = page.getByTestId("revocation-panel");
  const opener = panel.getByRole("button", { name: "Record revocation / request…" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Record revocation or request" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("What happened")).toBeFocused();
  // Escape closes it and focus returns to the button
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await opener.click();
  const requestedAt = Math.floor(Date.now() / 60_000) * 60_000 - 60 * 60_000;
  await dialog.getByLabel("What happened").selectOption("requested");
  await dialog.getByLabel("Reason (RFC 5280)").selectOption("cessationOfOperation");
  await dialog.getByLabel("Requested at (your local time)").fill(localValue(requestedAt));
  await expect(dialog.getByTestId("computed-deadline")).toContainText(
    `${utcLabel(requestedAt + 5 * 86_400_000)} (5 days after the request)`,
  );
  await dialog.getByLabel("Reason (RFC 5280)").selectOption("keyCompromise");
  const deadline = utcLabel(requestedAt + 86_400_000);
  await expect(dialog.getByTestId("computed-deadline")).toContainText(`${deadline} (24 hours after the request)`);
  await dialog.getByLabel("Note (optional)").fill("e2e: private key found in a public repository");
  await shot(page, "81-revocation-record-dialog");
  await dialog.getByRole("button", { name: "Record", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId("revocation-outcome")).toContainText(`the CA must revoke by ${deadline}`);
  const requests = panel.getByRole("table", { name: "Revocation requests of this certificate" });
  await expect(requests.locator("tbody tr").first()).toContainText("Key compromise");
  await expect(requests.locator("tbody tr").first()).toContainText("due soon");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Revocation" }).click();
  await expect(page).toHaveURL(/\/revocation$/);
  const row = page
    .getByRole("table", { name: "Revocation requests and their deadlines" })
    .getByRole("row")
    .filter({ hasText: target.name })
    .filter({ hasText: "Key compromise" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(deadline);
  await expect(row).toContainText("24 hours");
  await expect(row).toContainText("due soon");
  await shot(page, "82-revocation-page");
});

test("the impact planner splits signatures at the chosen date and exports CSV", async ({ adminPage: page }) => {
  await page.goto(`/certificates/${target.id}`);
  const planner = page.getByTestId("impact-planner");
  const dateInput = planner.getByLabel("Candidate revocation date (your local time)");
  const summary = planner.getByTestId("impact-summary");
  const total = target.signedAts.length;

  // before every signature: all invalidated
  await dateInput.fill(localValue(target.signedAts[0] - 60_000));
  await planner.getByRole("button", { name: "Show impact" }).click();
  await expect(summary).toContainText(`${total} invalidated, 0 stay valid`);

  // in the middle: the later ones are invalidated, the earlier ones stay valid
  const middle =
    Math.ceil((target.signedAts[0] + (target.signedAts.at(-1)! - target.signedAts[0]) / 2) / 60_000) * 60_000;
  const invalidated = target.signedAts.filter((t) => t >= middle).length;
  expect(invalidated).toBeGreaterThan(0);
  expect(invalidated).toBeLessThan(total);
  await dateInput.fill(localValue(middle));
  await planner.getByRole("button", { name: "Show impact" }).click();
  await expect(summary).toContainText(`${invalidated} invalidated, ${total - invalidated} stay valid`);
  await expect(planner.getByRole("table", { name: "Invalidated signatures" }).locator("tbody tr")).toHaveCount(
    invalidated,
  );
  await expect(planner.getByRole("table", { name: "Signatures that stay valid" }).locator("tbody tr")).toHaveCount(
    total - invalidated,
  );
  await shot(page, "83-revocation-impact");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    planner.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^revocation-impact-.*\.csv$/);
  const { header, records } = readCsv(fs.readFileSync((await download.path())!, "utf8"));
  expect(header.join(",")).toBe("status,signed_at,signer,artifact,artifact_digest,environment,ci_run_url,event_id");
  expect(records).toHaveLength(total);
  expect(records.filter((r) => r.status === "invalidated")).toHaveLength(invalidated);
});
