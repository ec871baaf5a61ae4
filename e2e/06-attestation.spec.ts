import type { APIRequestContext } from "@playwright/test";
import { apiAs, shot, signIn } from "./helpers";
import { account, expect, test } from "./fixtures";
import { startSmtpTestServer, type ReceivedMail, type SmtpTestServer } from "../lib/mail/testing/smtp-test-server";
import { bodyOf, waitForMail } from "./mail";

// A whole attestation campaign: the security team starts it, the owner's email arrives at a real
// SMTP server, the owner follows the single-use link through sign-in and answers three signers
// three ways, the security team acts on the outcome, the clock moves past the cadence and the due
// date (reminder, escalation), the export holds every answer, and misuse is refused and audited.
test.describe.configure({ mode: "serial" });

const DAY = 86_400_000;
const PORT = Number(process.env.E2E_PORT ?? 3100);
// demo people (prisma/demo/people.ts): Noah holds four Release Engineering tasks, Mateo three others
const NOAH = account("Noah Williams", "owner", { domain: "acme.example" });
const MATEO = account("Mateo Garcia", "owner", { domain: "acme.example" });
const SECURITY_TEAM = "security-team@example.test";

let smtp: SmtpTestServer;
let admin: APIRequestContext;
let campaignId = "";
let noahLink = "";
let startedAt = 0;

const mailTo = (address: string, subject: RegExp) => waitForMail(smtp, address, subject);

function linkIn(mail: ReceivedMail): string {
  const m = bodyOf(mail).match(/https?:\/\/[^\s"<>]+\/attest\/[A-Za-z0-9_-]+/);
  expect(m, "the email carries an attestation link").not.toBeNull();
  return new URL(m![0]).pathname;
}

async function runJobs(now?: Date) {
  const res = await admin.post("/api/v1/attestations/run-jobs", { data: now ? { now: now.toISOString() } : {} });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

// the demo data, and owner accounts (made by the administrator in /admin) for two demo people
test.beforeAll(async ({ adminApi, demoAdmin, ensureAccounts }) => {
  expect(demoAdmin.email).toBeTruthy();
  await ensureAccounts(NOAH, MATEO);
  admin = adminApi;
  smtp = await startSmtpTestServer({ port: PORT + 25 });
});

test.afterAll(async () => {
  await smtp?.stop();
});

test("the security team starts a campaign for a team; owners are emailed", async ({ adminPage: page }) => {
  await page.getByRole("link", { name: "Campaigns", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Attestation campaigns" })).toBeVisible();
  await page.getByLabel("Campaign name").fill("Release signers review");
  await page.getByLabel("Scope").selectOption("team");
  await page.getByLabel("Team").selectOption({ label: "Release Engineering" });
  await page.getByLabel("Remind every (days)").fill("7");
  await shot(page, "06-01-start-campaign");
  startedAt = Date.now();
  await page.getByRole("button", { name: "Start campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[^/]+$/);
  campaignId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: "Release signers review" })).toBeVisible();
  await expect(page.getByText("Active signers of team Release Engineering")).toBeVisible();
  await shot(page, "06-02-campaign-started");

  await runJobs();
  const invite = await mailTo(NOAH.email, /^Action needed by .*: confirm 4 signers you own/);
  const text = bodyOf(invite);
  for (const name of ["release-bot-us", "release-nightly-builds", "release-web-plugin", "release-maven-publisher"])
    expect(text).toContain(name);
  noahLink = linkIn(invite);
  await mailTo(MATEO.email, /^Action needed/);
});

test("the owner follows the link through sign-in to their own tasks and answers four signers four ways", async ({
  page,
}) => {
  await page.goto(noahLink);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel("Email").fill(NOAH.email);
  await page.getByLabel("Password").fill(NOAH.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\?from=link/);
  await expect(page.getByText("Signed in from your email link")).toBeVisible();
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(4);
  await expect(page.getByText("release-promoter")).toHaveCount(0);
  await shot(page, "06-03-owner-tasks");

  // 1. still needed, everything kept
  await page.getByRole("link", { name: "Review and answer release-web-plugin" }).click();
  await expect(page.getByRole("heading", { name: "Attest release-web-plugin" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Certificates" })).toBeVisible();
  await page.getByLabel("Yes, still needed").check();
  await page.getByLabel("Comment (optional)").fill("Still publishes the browser plugin");
  await shot(page, "06-04-answer-form");
  await page.getByRole("button", { name: "Submit attestation" }).click();
  await expect(page.getByRole("status")).toContainText("release-web-plugin is recorded");

  // 2. no longer needed: decommission
  await page.getByRole("link", { name: "Review and answer release-nightly-builds" }).click();
  await page.getByLabel("No, decommission it").check();
  await expect(page.getByText("The signer will be suspended at once")).toBeVisible();
  await page.getByRole("button", { name: "Submit attestation" }).click();
  await expect(page.getByRole("status")).toContainText("release-nightly-builds is recorded");

  // 3. still needed, but one grant removed
  await page.getByRole("link", { name: "Review and answer release-bot-us" }).click();
  await page.getByLabel("Yes, still needed").check();
  await page.getByRole("radiogroup", { name: "Grant approve:release" }).getByLabel("Remove").check();
  await shot(page, "06-05-remove-privilege");
  await page.getByRole("button", { name: "Submit attestation" }).click();
  await expect(page.getByRole("status")).toContainText("release-bot-us is recorded");
  await expect(page.getByText(/^answered/)).toHaveCount(3);

  // 4. bulk: unchanged, confirmed in a dialog that takes the focus and gives it back on cancel
  const opener = page.getByRole("button", { name: /selected as unchanged/ });
  await expect(opener).toBeDisabled();
  await page.getByLabel("Select release-maven-publisher").check();
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Attest 1 signer as unchanged?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Confirm attestation" })).toBeFocused();
  await shot(page, "06-06-bulk-dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await opener.click();
  await dialog.getByRole("button", { name: "Confirm attestation" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/^answered/)).toHaveCount(4);
  await shot(page, "06-07-owner-done");

  // a replayed link is refused
  await page.goto(noahLink);
  await expect(page.getByText("This link has already been used")).toBeVisible();
  await shot(page, "06-08-replayed-link");
});

test("another owner cannot reach those tasks, by page or by API; both are refused and audited", async ({ newPage }) => {
  const tasks = await (await admin.get(`/api/v1/campaigns/${campaignId}`)).json();
  const noahsTask = tasks.tasks.find((t: { signer: { name: string } }) => t.signer.name === "release-bot-us");
  const page = await newPage({ as: MATEO });
  const res = await page.goto(`/tasks/${noahsTask.id}`);
  expect(res?.status()).toBe(403);
  await expect(page.getByTestId("refusal-403")).toContainText(
    "This attestation task is not yours. Your own open tasks are under My tasks.",
  );
  const api = await apiAs(MATEO);
  const answer = await api.post(`/api/v1/attestations/${noahsTask.id}/answer`, { data: { isStillNeeded: false } });
  expect(answer.status()).toBe(403);
  const bulk = await api.post("/api/v1/attestations/bulk", { data: { attestationIds: [noahsTask.id] } });
  expect(bulk.status()).toBe(403);
  await api.dispose();
  // Mateo's own list holds only Mateo's signers
  await page.goto("/tasks");
  await expect(page.getByText("release-bot-us")).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "release-promoter", exact: true })).toBeVisible();
});

test("the security team sees the outcomes and acts on them", async ({ adminPage: page }) => {
  await page.goto(`/campaigns/${campaignId}`);
  const requests = page.getByTestId("change-request");
  await expect(requests).toHaveCount(2);
  await expect(requests.filter({ hasText: "release-nightly-builds" })).toContainText("Decommission");
  await expect(requests.filter({ hasText: "release-bot-us" })).toContainText("approve:release");
  await shot(page, "06-09-security-team-view");
  await page.getByRole("button", { name: "Mark done: Remove privilege release-bot-us" }).click();
  await expect(requests).toHaveCount(1);

  const progress = await (await admin.get(`/api/v1/campaigns/${campaignId}`)).json();
  expect(
    progress.tasks.find((t: { signer: { name: string } }) => t.signer.name === "release-nightly-builds").signer.status,
  ).toBe("suspended");
  // every refusal is in the audit log
  await page.goto("/audit");
  await expect(page.getByText("attestation.access-refused").first()).toBeVisible();
  await expect(page.getByText("attestation.link-refused").first()).toBeVisible();
  await expect(page.getByText("attestation.answered").first()).toBeVisible();
});

test("a reminder goes out on the cadence, and an escalation once the due date passes", async ({ page, demoAdmin }) => {
  const reminderRun = await runJobs(new Date(startedAt + 7 * DAY + 3_600_000));
  expect(reminderRun.attestations.reminders).toBeGreaterThan(0);
  const reminder = await mailTo(MATEO.email, /^Reminder: /);
  expect(linkIn(reminder)).not.toBe(noahLink);
  // Noah answered everything: no reminder for him
  expect(smtp.received.filter((m) => m.to.includes(NOAH.email) && /^Reminder/.test(m.subject))).toHaveLength(0);

  const escalationRun = await runJobs(new Date(startedAt + 22 * DAY));
  expect(escalationRun.attestations.escalations).toBeGreaterThan(0);
  const escalation = await mailTo(SECURITY_TEAM, /^Escalation: /);
  expect(bodyOf(escalation)).toContain(`/campaigns/${campaignId}`);
  await mailTo(MATEO.email, /^Overdue: /);
  // running again sends nothing twice
  const count = smtp.received.length;
  const again = await runJobs(new Date(startedAt + 22 * DAY + 60_000));
  expect(again.attestations).toMatchObject({ reminders: 0, escalations: 0, emails: 0 });
  expect(smtp.received.length).toBe(count);

  await signIn(page, demoAdmin);
  await page.goto(`/campaigns/${campaignId}`);
  // the escalation date shows in the tasks of the owners who did not answer
  const escalatedDay = new Date(startedAt + 22 * DAY).toISOString().slice(0, 10);
  await expect(
    page.getByRole("table", { name: "Tasks" }).getByRole("cell", { name: escalatedDay }).first(),
  ).toBeVisible();
  await shot(page, "06-10-after-escalation");
});

test("the export holds every answer with who answered and when", async () => {
  const json = await (await admin.get(`/api/v1/campaigns/${campaignId}/export?format=json`)).json();
  const answers = json.tasks.flatMap((t: { answers: unknown[] }) => t.answers);
  expect(answers).toHaveLength(4);
  for (const a of answers)
    expect(a).toMatchObject({ answeredBy: `${NOAH.name} <${NOAH.email}>`, answeredByUser: NOAH.email });
  const csvRes = await admin.get(`/api/v1/campaigns/${campaignId}/export?format=csv`);
  expect(csvRes.headers()["content-type"]).toContain("text/csv");
  const csv = await csvRes.text();
  expect(csv.split("\r\n")[0]).toContain("answeredBy");
  for (const name of ["release-web-plugin", "release-nightly-builds", "release-bot-us", "release-maven-publisher"])
    expect(csv).toContain(name);
  expect(csv).toContain("approve:release: remove");
});

test("an expired link is refused", async ({ newPage }) => {
  // a campaign started (by the test clock) three weeks ago: its invitation link expired a week ago
  const past = new Date(Date.now() - 21 * DAY);
  const progress = await (await admin.get(`/api/v1/campaigns/${campaignId}`)).json();
  const signerId = progress.tasks.find((t: { signer: { name: string } }) => t.signer.name === "release-artifact-mirror")
    .signer.id;
  const res = await admin.post("/api/v1/campaigns", {
    data: {
      name: "Old review",
      scope: { kind: "signers", signerIds: [signerId] },
      dueAt: new Date(past.getTime() + 10 * DAY).toISOString(),
      now: past.toISOString(),
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  await runJobs();
  const old = await mailTo(MATEO.email, /^Action needed.*Old review/);
  const page = await newPage({ as: MATEO });
  await page.goto(linkIn(old));
  await expect(page.getByText("This link has expired")).toBeVisible();
  await shot(page, "06-11-expired-link");
});
