import { shot } from "./helpers";
import { account, expect, test } from "./fixtures";
import { startSmtpTestServer, type SmtpTestServer } from "../lib/mail/testing/smtp-test-server";
import { bodyOf, waitForMail } from "./mail";

// Approvals instead of standing access (issue 20): a window is asked for on release-bot-eu's
// just-in-time production grant (the demo data makes it just-in-time), the email reaches its backup
// owner at a real SMTP server, he follows the single-use link through sign-in and approves, and
// the request shows approved. The page names the triggering human from her declared CI account.
test.describe.configure({ mode: "serial" });

const PORT = Number(process.env.E2E_PORT ?? 3100);
// the same demo person's account as 06-attestation.spec.ts's
const NOAH = account("Noah Williams", "owner", { domain: "acme.example" });

let smtp: SmtpTestServer;

test.beforeAll(async ({ demoAdmin, ensureAccounts }) => {
  expect(demoAdmin.email).toBeTruthy();
  await ensureAccounts(NOAH);
  smtp = await startSmtpTestServer({ port: PORT + 25 });
});

test.afterAll(async () => {
  await smtp?.stop();
});

test("an approver approves a request from the emailed link; the request shows approved", async ({ page, adminApi }) => {
  const reason = `Release e2e-${Date.now()}`;
  const asked = await adminApi.post("/api/v1/approvals", {
    data: { signer: "release-bot-eu", environment: "production", hours: 2, reason, triggeredBy: "@AKHAN-CI" },
  });
  expect(asked.status(), await asked.text()).toBe(201);
  const { id } = (await asked.json()) as { id: string };
  const sent = await adminApi.post("/api/v1/attestations/run-jobs", { data: {} });
  expect(sent.status(), await sent.text()).toBe(200);

  const mail = await waitForMail(smtp, NOAH.email, /^Approval requested: release-bot-eu/);
  expect(bodyOf(mail)).toContain(reason);
  const link = bodyOf(mail).match(/https?:\/\/[^\s"<>]+\/approve\/[A-Za-z0-9_-]+/);
  expect(link, "the email carries an approval link").not.toBeNull();

  await page.goto(new URL(link![0]).pathname);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel("Email").fill(NOAH.email);
  await page.getByLabel("Password").fill(NOAH.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/approvals/${id}\\?from=link`));
  await expect(page.getByTestId("approval-state")).toHaveText("pending");
  // the run's "triggered by" is Aisha's declared CI account (demo data): she is named, and may not decide
  await expect(page.getByTestId("triggering-human")).toContainText("Aisha Khan (as @AKHAN-CI)");
  await shot(page, "14-01-approval-from-link");
  await page.getByRole("button", { name: "Approve this request" }).click();
  await expect(page.getByTestId("approval-state")).toHaveText("approved");
  await expect(page.getByText(`${NOAH.email} at`)).toBeVisible();

  await page.goto("/approvals?state=approved");
  const approved = page.getByRole("table", { name: "Approval requests, newest first" });
  await expect(approved.getByRole("link", { name: "release-bot-eu" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Approved" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText(/^\d+ approved requests?/)).toBeVisible();
  // the list is the API's read model (issue 17): the same filter and reader, paged, counted the same way
  const listed = await page.request.get("/api/v1/approvals?state=approved&pageSize=1");
  expect(listed.status()).toBe(200);
  const body = (await listed.json()) as { rows: { state: string }[]; total: number; approvals: unknown[] };
  expect(body.rows).toHaveLength(1);
  expect(body.rows[0].state).toBe("approved");
  expect(body.approvals).toEqual(body.rows);
  await expect(page.getByText(`${body.total} approved request`)).toBeVisible();
  // "All" leaves the state filter
  await page.getByRole("link", { name: "All", exact: true }).click();
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.getByRole("link", { name: "All", exact: true })).toHaveAttribute("aria-current", "page");
});
