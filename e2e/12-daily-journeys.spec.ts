import type { APIRequestContext, Page } from "@playwright/test";
import { account, expect, test, type Account } from "./fixtures";
import { startSmtpTestServer, type SmtpTestServer } from "../lib/mail/testing/smtp-test-server";
import { bodyOf, waitForMail } from "./mail";

// Issue 17, "Done when": an owner opens an emailed attestation link on a phone and completes a
// three-signer attestation in under ten interactions; a security analyst goes from the overview's
// top item to the fix in two clicks. Interactions are counted by the test itself: each click, key
// press, filled field (the phone's saved credentials fill it in one go) and form submission.

const PHONE = { width: 390, height: 844 };
const PORT = Number(process.env.E2E_PORT ?? 3100);
const PASSWORD = "journey-password-0123";
const ANALYST = account("Tia Today", "analyst");

let smtp: SmtpTestServer;
let admin: APIRequestContext;

/**
 * A new owner of three new signers, named in three scripts (issue 17: "a signer named ñandú or 签名
 * is refused"), registered through the API as the security team would.
 */
async function ownerOfThree(): Promise<{ owner: Account; signers: { id: string; name: string }[] }> {
  const run = Date.now().toString(36);
  const owner: Account = {
    name: "Júlia Journey",
    email: `julia.${run}@example.test`,
    password: PASSWORD,
    role: "owner",
  };
  const person = await admin.post("/api/v1/people", { data: { name: owner.name, email: owner.email } });
  expect(person.status(), await person.text()).toBe(201);
  const signers = [];
  for (const name of [`ñandú-release-${run}`, `签名-builds-${run}`, `journey-plugin-${run}`]) {
    const res = await admin.post("/api/v1/signers", { data: { name, kind: "other", primaryOwner: owner.email } });
    expect(res.status(), await res.text()).toBe(201);
    const created = (await res.json()) as { id: string; name: string };
    expect(created.name).toBe(name);
    signers.push(created);
  }
  return { owner, signers };
}

const mailTo = (address: string, subject: RegExp) => waitForMail(smtp, address, subject);

/** Counts what a person does: every call is one click, key press, filled field or submission. */
function counter() {
  let count = 0;
  return {
    get count() {
      return count;
    },
    async do(action: () => Promise<unknown>) {
      count += 1;
      await action();
    },
  };
}

/** No sideways scroll at this size (the whole check lives in 12-responsive; this is the journey's own page). */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
  expect(widths.doc, "the page scrolls sideways").toBeLessThanOrEqual(widths.win + 1);
}

test.beforeAll(async ({ adminApi, demoAdmin }) => {
  expect(demoAdmin.email).toBeTruthy();
  admin = adminApi;
  smtp = await startSmtpTestServer({ port: PORT + 25 });
});

test.afterAll(async () => {
  await smtp?.stop();
});

test("an owner answers an emailed three-signer attestation on a phone in under ten interactions", async ({
  newPage,
  ensureAccounts,
}, testInfo) => {
  const { owner, signers } = await ownerOfThree();
  await ensureAccounts(owner);
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString();
  const started = await admin.post("/api/v1/campaigns", {
    data: { name: "Phone journey review", scope: { kind: "signers", signerIds: signers.map((s) => s.id) }, dueAt: due },
  });
  expect(started.status(), await started.text()).toBe(200);
  const { campaignId } = (await started.json()) as { campaignId: string };
  const jobs = await admin.post("/api/v1/attestations/run-jobs", { data: {} });
  expect(jobs.status()).toBe(200);
  const mail = await mailTo(owner.email, /^Action needed by .*: confirm 3 signers you own/);
  const link = bodyOf(mail).match(/https?:\/\/[^\s"<>]+\/attest\/[A-Za-z0-9_-]+/)?.[0];
  expect(link, "the email carries an attestation link").toBeTruthy();

  const page = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  const person = counter();
  await person.do(() => page.goto(new URL(link!).pathname)); // tapping the link in the email
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await person.do(() => page.getByLabel("Email").fill(owner.email));
  await person.do(() => page.getByLabel("Password").fill(owner.password));
  await person.do(() => page.getByRole("button", { name: "Sign in", exact: true }).click());
  await expect(page).toHaveURL(/\/tasks\?from=link/);
  await expect(page.getByText("Signed in from your email link")).toBeVisible();
  for (const s of signers) await expect(page.getByRole("cell", { name: s.name, exact: true })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: testInfo.outputPath("owner-phone-tasks.png"), fullPage: true });

  await person.do(() => page.getByLabel("Select all 3 open").check());
  await person.do(() => page.getByRole("button", { name: "Attest 3 selected as unchanged" }).click());
  const dialog = page.getByRole("dialog", { name: "Attest 3 signers as unchanged?" });
  await expect(dialog).toContainText("still needed, keeps every grant it has, and that its key custody is as recorded");
  await person.do(() => dialog.getByRole("button", { name: "Confirm attestation" }).click());
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/^answered/)).toHaveCount(3);
  await expect(page.getByText("Nothing left to answer.")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("owner-phone-done.png"), fullPage: true });

  expect(person.count, "interactions to answer the emailed attestation").toBeLessThan(10);
  // the campaign records all three answers, by this owner
  const progress = (await (await admin.get(`/api/v1/campaigns/${campaignId}`)).json()) as {
    tasks: { status: string; signer: { name: string } }[];
  };
  expect(progress.tasks.map((t) => t.status)).toEqual(["submitted", "submitted", "submitted"]);
});

test("a security analyst goes from the overview's top item to its fix in two clicks", async ({
  newPage,
  ensureAccounts,
}, testInfo) => {
  await ensureAccounts(ANALYST);
  const page = await newPage({ as: ANALYST });
  await page.goto("/");
  const today = page.getByRole("list", { name: "Today, ranked" });
  const top = today.getByRole("link").first();
  // the demo inventory's worst problem: a revoked certificate whose signer still signs
  await expect(top).toHaveText(/revoked certificates? still signing/);
  await page.screenshot({ path: testInfo.outputPath("analyst-today.png"), fullPage: true });
  const person = counter();
  await person.do(() => top.click());
  await expect(page).toHaveURL(/\/findings\?rule=cert\.revoked-in-use/);
  const first = page.locator("main tbody tr").first().getByRole("link").first();
  await person.do(() => first.click());
  await expect(page).toHaveURL(/\/findings\/[^/?]+$/);
  // the fix: what to do, and the actions that do it, on the page the second click opened
  await expect(page.getByRole("heading", { name: "How to fix" })).toBeVisible();
  await expect(page.getByText("cert.revoked-in-use", { exact: true })).toBeVisible();
  await expect(page.getByTestId("finding-state")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("analyst-fix.png"), fullPage: true });
  expect(person.count).toBe(2);
});
