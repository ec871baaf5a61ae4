import type { APIRequestContext, Page } from "@playwright/test";
import { apiAs, shot, signIn } from "./helpers";
import { account, expect, test } from "./fixtures";

// Signers, owners and privileges: register a signer, offboard a person (their signers become
// orphaned), hand their signers over, issue a pipeline token and report a signature with it,
// bulk import, and an owner who sees only their own signers. On the demo data (`demoAdmin`).
test.describe.configure({ mode: "serial" });

const SIGNER = "e2e-release-pipeline";
// a demo person (prisma/demo/people.ts); the last test gives them an account
const KENJI = account("Kenji Watanabe", "owner", { domain: "acme.example" });
test.beforeAll(async ({ demoAdmin, ensureAccounts }) => {
  expect(demoAdmin.email).toBeTruthy();
  await ensureAccounts(KENJI);
});

const digest = `sha256:${"c0ffee".repeat(10)}abcd`;

async function signerId(api: APIRequestContext, name: string): Promise<string> {
  const res = await api.get(`/api/v1/signers?q=${encodeURIComponent(name)}`);
  expect(res.status()).toBe(200);
  const row = (await res.json()).rows.find((r: { name: string }) => r.name === name);
  expect(row, `signer ${name}`).toBeTruthy();
  return row.id;
}

function watchServerErrors(page: Page) {
  const errors: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

test("an analyst-level user registers a signer in the UI and finds it in the list", async ({ page, demoAdmin }) => {
  const errors = watchServerErrors(page);
  await signIn(page, demoAdmin);
  await page.goto("/signers");
  await page.getByRole("link", { name: "New signer" }).click();
  await expect(page.getByRole("heading", { name: "New signer" })).toBeVisible();
  // a refused form keeps what was typed and says which field is wrong
  await page.getByLabel("Name").fill(SIGNER);
  // a field's hint is its accessible description, and its error takes the hint's place
  await expect(page.getByLabel("Privileges")).toHaveAccessibleDescription(/^One grant per line/);
  await page.getByLabel("Privileges").fill("sign release");
  await page.getByRole("button", { name: "Create signer" }).click();
  await expect(page.getByText(/is not a scope/)).toBeVisible();
  await expect(page.getByLabel("Privileges")).toHaveAccessibleDescription(/is not a scope/);
  await expect(page.getByLabel("Custody evidence")).toHaveAccessibleDescription(/^A reference, never a secret/);
  await expect(page.getByLabel("Name")).toHaveValue(SIGNER);
  await shot(page, "05-01-signer-form-errors");

  await page.getByLabel("Kind").selectOption("ci-pipeline");
  await page.getByLabel("Platform").selectOption("github-actions");
  await page.getByLabel("Environments").fill("production");
  await page.getByLabel("Artifact types").fill("jar, container");
  await page.getByLabel("Primary owner").selectOption({ label: `${KENJI.name} <${KENJI.email}>` });
  await page.getByLabel("Team").selectOption({ label: "Mobile Apps" });
  await page.getByLabel("Privileges").fill("sign:release/production@production\nrepo:acme/mobile");
  // key custody is declared on the signer, before any certificate exists
  await page.getByLabel("Key custody").selectOption("hsm");
  await page.getByLabel("Custody evidence").fill("Thales Luna 7, partition mobile-01, attestation ATT-77");
  await page.getByRole("button", { name: "Create signer" }).click();
  await expect(page.getByRole("heading", { name: SIGNER })).toBeVisible();
  await expect(page.getByText("Signer created.")).toBeVisible();
  await expect(page.getByTestId("primary-owner")).toContainText(KENJI.name);
  await expect(page.getByRole("cell", { name: "sign:release/production", exact: true })).toBeVisible();
  // no backup owner: the engine's finding shows with its standard
  await expect(page.locator('[data-rule="signer.no-backup-owner"]')).toBeVisible();
  await expect(page.getByTestId("declared-custody")).toContainText("HSM");
  await expect(page.getByTestId("declared-custody")).toContainText("Thales Luna 7, partition mobile-01");
  await shot(page, "05-02-signer-created");

  await page.goto(`/signers?q=${SIGNER}`);
  await expect(page.getByRole("link", { name: SIGNER })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  expect(errors).toEqual([]);
});

test("the declared custody is edited like any other field, and audited", async ({ adminPage: page, adminApi }) => {
  await page.goto(`/signers/${await signerId(adminApi, SIGNER)}/edit`);
  await expect(page.getByLabel("Key custody")).toHaveValue("hsm");
  await expect(page.getByLabel("Custody evidence")).toHaveValue(
    "Thales Luna 7, partition mobile-01, attestation ATT-77",
  );
  // evidence without a custody type is refused with the reason
  await page.getByLabel("Key custody").selectOption("unknown");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/evidence without a custody type/)).toBeVisible();
  await page.getByLabel("Key custody").selectOption("cloud-kms");
  await page.getByLabel("Custody evidence").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByTestId("declared-custody")).toContainText("Cloud KMS");
  await expect(page.getByTestId("declared-custody")).toContainText("no evidence");
  await expect(page.getByRole("list", { name: "Audit trail" })).toContainText(/changed: .*custody/);
  await shot(page, "05-02b-signer-custody");
  // a demo key with no custody record of its own shows its signer's declaration, marked as such
  await page.goto(`/signers/${await signerId(adminApi, "security-lab-signer")}`);
  await expect(page.getByRole("table", { name: "Keys and custody" })).toContainText("Software file (declared)");
  await expect(page.locator('[data-rule="key.not-in-hsm"]')).toContainText("as declared by its signer");
  await shot(page, "05-02c-declared-custody-on-key");
});

/** The people directory (the old /people URL redirects there), the person, then their management page. */
async function openPersonToManage(page: Page, name: string) {
  await page.goto(`/people?q=${encodeURIComponent(name.split(" ")[0])}`);
  await expect(page).toHaveURL(/\/owners\?q=/);
  await page.getByRole("link", { name }).click();
  await page.getByRole("link", { name: `Manage ${name}` }).click();
  await expect(page).toHaveURL(/\/people\/[^/?]+/);
  // the owner page it came from has the same heading and links to the same names: wait for this page's own content
  await expect(page.getByText(/^Signers owned \(/)).toBeVisible();
}

test("a signer is suspended with a reason and resumed; a refused change keeps the reason typed", async ({
  adminPage: page,
  adminApi,
}) => {
  await page.goto(`/signers/${await signerId(adminApi, SIGNER)}/edit`);
  await page.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Give a reason to suspend a signer" })).toBeVisible();
  const tooLong = "r".repeat(501);
  await page.getByLabel("Reason").fill(tooLong);
  await page.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /500/ })).toBeVisible();
  await expect(page.getByLabel("Reason")).toHaveValue(tooLong);
  await page.getByLabel("Reason").fill("e2e: signing paused while the pipeline is rebuilt");
  await page.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByRole("status")).toContainText("Signer is now suspended");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("status")).toContainText("Signer is now active");
});

test("a signer's credentials are added, refused when they look like a secret, edited and removed", async ({
  adminPage: page,
  adminApi,
}) => {
  // the demo signer with two credentials, one expiring in 9 days
  await page.goto(`/signers/${await signerId(adminApi, "data-pipeline-jar-signing")}`);
  const rows = page.getByTestId("credential-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "etl-uploader@acme-data.iam" })).toContainText(/in [89] days/);
  // the finding names that credential and its expiry as a reader would (its evidence once read "[object Object]")
  await expect(page.locator('[data-rule="signer.credential-expiring"]')).toContainText(
    /Name: etl-uploader@acme-data\.iam · Expires: in [89] days — \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · Expired: no/,
  );
  await expect(page.getByRole("list", { name: "Open findings" })).not.toContainText("[object Object]");
  const add = page.locator("form", { has: page.getByRole("heading", { name: "Add a credential" }) });
  await add.getByLabel("Kind").selectOption("registry-token");
  await add.getByLabel("Name").fill("ARTIFACTORY_TOKEN");
  await add.getByLabel("Where it lives").fill("token=ghp_abcdefghijklmnopqrstuvwxyz0123");
  await add.getByLabel("Expires").fill("2030-01-31");
  await add.getByRole("button", { name: "Add credential" }).click();
  // refused beside the field, what was typed kept
  await expect(add.getByText(/Looks like a secret/)).toBeVisible();
  await expect(add.getByLabel("Name")).toHaveValue("ARTIFACTORY_TOKEN");
  await expect(add.getByLabel("Expires")).toHaveValue("2030-01-31");
  // the secret itself is not sent back to stay on screen
  await expect(add.getByLabel("Where it lives")).toHaveValue("");
  await add.getByLabel("Where it lives").fill("Jenkins credential ARTIFACTORY (folder data)");
  await add.getByRole("button", { name: "Add credential" }).click();
  await expect(rows).toHaveCount(3);
  await page.getByRole("button", { name: "Edit credential ARTIFACTORY_TOKEN" }).click();
  const edit = page.locator("form", { has: page.getByRole("heading", { name: "Edit credential ARTIFACTORY_TOKEN" }) });
  await edit.getByLabel("Expires").fill("2031-01-31");
  await edit.getByRole("button", { name: "Save credential" }).click();
  await expect(edit.getByText("Credential ARTIFACTORY_TOKEN saved")).toBeVisible();
  await expect(rows.filter({ hasText: "ARTIFACTORY_TOKEN" })).toContainText("2031-01-31");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Remove credential ARTIFACTORY_TOKEN" }).click();
  await expect(rows).toHaveCount(2);
});

test("marking a person as left shows every signer they owned as orphaned at once", async ({ adminPage: page }) => {
  await openPersonToManage(page, "Olivia Brown");
  await expect(page.getByRole("heading", { name: "Olivia Brown" })).toBeVisible();
  await expect(page.getByRole("link", { name: "desktop-driver-signing" })).toBeVisible();
  await shot(page, "05-03-person-before");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Mark as left the company" }).click();
  await expect(page.getByRole("status")).toContainText(/Marked as left: \d+ signers orphaned/);

  await page.goto("/signers?orphaned=1&q=desktop");
  const row = page.locator("tr", { has: page.getByRole("link", { name: "desktop-driver-signing" }) });
  await expect(row).toContainText("orphaned — Olivia Brown left");
  await shot(page, "05-04-orphaned-list");
  await row.getByRole("link", { name: "desktop-driver-signing" }).click();
  await expect(page.getByTestId("orphaned-banner")).toBeVisible();
  await expect(page.locator('[data-rule="signer.orphaned"]')).toBeVisible();
  await shot(page, "05-05-orphaned-signer");
});

test("handing the leaver's signers to a successor in one action clears the orphaned state", async ({
  adminPage: page,
  adminApi,
}) => {
  await openPersonToManage(page, "Olivia Brown");
  await page.getByLabel("New primary owner").selectOption({ label: "Diego Alvarez" });
  await page.getByRole("button", { name: "Reassign chosen signers" }).click();
  await expect(page.getByRole("status")).toContainText(/Ownership of \d+ signers changed/);
  await shot(page, "05-06-reassigned");

  await page.goto(`/signers/${await signerId(adminApi, "desktop-driver-signing")}`);
  await expect(page.getByTestId("primary-owner")).toContainText("Diego Alvarez");
  await expect(page.getByTestId("orphaned-banner")).toHaveCount(0);
  await expect(page.locator('[data-rule="signer.orphaned"]')).toHaveCount(0);
  await expect(page.getByText("signer.ownership-changed").first()).toBeVisible();
});

test("a team and a person are added on the owners page; a refused form says which field and keeps what was typed", async ({
  adminPage: page,
}) => {
  // new names each run, so a retry on the same database adds them again rather than colliding
  const run = Date.now().toString(36);
  const teamName = `E2E Release Engineering ${run}`;
  await page.goto("/owners");
  const team = page.locator("form").filter({ has: page.getByLabel("Team name") });
  await team.getByLabel("Team name").fill(teamName);
  await team.getByRole("button", { name: "Add team" }).click();
  await expect(team.getByRole("status")).toContainText(`Team ${teamName} added`);

  const person = page.locator("form").filter({ has: page.getByRole("button", { name: "Add person" }) });
  // a name of spaces passes the browser's check, not the server's: the error stands under the field
  await person.getByLabel("Name").fill("   ");
  await person.getByLabel("Email").fill(`priya.${run}@acme.example`);
  await person.getByRole("button", { name: "Add person" }).click();
  await expect(person.getByLabel("Name")).toHaveAccessibleDescription("Name is required");
  // and the refused form keeps what was typed
  await expect(person.getByLabel("Email")).toHaveValue(`priya.${run}@acme.example`);
  await person.getByLabel("Name").fill("Priya Newhire");
  // no team chosen: the person is added without one
  await person.getByRole("button", { name: "Add person" }).click();
  await expect(person.getByRole("status")).toContainText("Priya Newhire added");

  await person.getByLabel("Name").fill("Paulo Newhire");
  await person.getByLabel("Email").fill(`paulo.${run}@acme.example`);
  await person.getByLabel("Team").selectOption({ label: teamName });
  await person.getByRole("button", { name: "Add person" }).click();
  await expect(person.getByRole("status")).toContainText("Paulo Newhire added");

  await page.goto(`/owners?q=${run}`);
  await expect(page.getByRole("row", { name: /Priya Newhire/ })).not.toContainText(teamName);
  await expect(page.getByRole("row", { name: /Paulo Newhire/ })).toContainText(teamName);
});

test("an API token is shown once; the pipeline reports a signature with it and it appears on the timeline", async ({
  adminPage: page,
  request,
  adminApi,
}) => {
  await page.goto("/admin/tokens");
  await page.getByLabel("Token name").fill("e2e release pipeline");
  await expect(page.getByRole("checkbox", { name: /^signing-events/ })).toBeChecked();
  // refused without its signer: the error stands under Signer and the name typed stays
  await page.getByLabel("Expires in (days)").fill("30");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("Signer", { exact: true })).toHaveAccessibleDescription(/for one signer: choose it/);
  await expect(page.getByLabel("Token name")).toHaveValue("e2e release pipeline");
  await expect(page.getByLabel("Expires in (days)")).toHaveValue("30");
  await page.getByLabel("Signer", { exact: true }).selectOption({ label: SIGNER });
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("token-value").textContent())?.trim() ?? "";
  expect(token).toMatch(/^sgt_/);
  await shot(page, "05-07-token-created");
  await page.reload();
  await expect(page.getByTestId("token-value")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(page.getByRole("cell", { name: `${token.slice(0, 10)}…` })).toBeVisible();

  const id = await signerId(adminApi, SIGNER);
  const auth = { authorization: `Bearer ${token}` };
  const event = {
    artifactName: "mobile-app-7.4.0.aab",
    artifactDigest: digest,
    environment: "production",
    scope: "sign:release/production",
    ciRunUrl: "https://ci.acme.example/runs/4711",
    signedAt: new Date().toISOString(),
  };
  const retryable = { ...auth, "idempotency-key": "run-4711/mobile-app-7.4.0.aab" };
  const ok = await request.post("/api/v1/signing-events", { headers: retryable, data: event });
  expect(ok.status(), await ok.text()).toBe(201);
  const recorded = await ok.json();
  expect(recorded.exercisedGrants).toEqual([
    expect.objectContaining({ scope: "sign:release/production", environment: "production" }),
  ]);
  // the pipeline retries: the same key and report get the first event back, a different report is refused
  const retry = await request.post("/api/v1/signing-events", { headers: retryable, data: event });
  expect(retry.status()).toBe(200);
  expect(await retry.json()).toMatchObject({ id: recorded.id, isReplay: true });
  const reused = await request.post("/api/v1/signing-events", {
    headers: retryable,
    data: { ...event, artifactName: "mobile-app-7.4.1.aab" },
  });
  expect(reused.status()).toBe(409);
  // bound to its signer: another signer's id is refused
  const other = await request.post("/api/v1/signing-events", {
    headers: auth,
    data: { ...event, signerId: await signerId(adminApi, "desktop-driver-signing") },
  });
  expect(other.status()).toBe(403);
  const future = await request.post("/api/v1/signing-events", {
    headers: auth,
    data: { ...event, signedAt: new Date(Date.now() + 3_600_000).toISOString() },
  });
  expect(future.status()).toBe(422);
  expect((await request.get("/api/v1/signers", { headers: auth })).status()).toBe(403);

  await page.goto(`/signers/${id}`);
  const timeline = page.getByRole("list", { name: "Signing activity" });
  await expect(timeline).toContainText("mobile-app-7.4.0.aab");
  await expect(timeline.getByText("mobile-app-7.4.0.aab")).toHaveCount(1);
  await expect(timeline).not.toContainText("mobile-app-7.4.1.aab");
  await expect(timeline).toContainText("production");
  const grant = page.locator("tr", { has: page.getByRole("cell", { name: "sign:release/production" }) });
  await expect(grant).not.toContainText("never");
  await expect(grant).toContainText("in use");
  await shot(page, "05-08-signer-timeline");

  await page.goto("/admin/tokens");
  const tokenRow = page.locator("tr", { hasText: "e2e release pipeline" });
  await expect(tokenRow).not.toContainText("never");
  await tokenRow.getByRole("button", { name: /Revoke/ }).click();
  await expect(tokenRow).toContainText("revoked");
  const revoked = await request.post("/api/v1/signing-events", { headers: auth, data: event });
  expect(revoked.status()).toBe(401);
});

test("a CSV import stores the good rows and reports the bad ones by row and field", async ({ adminPage: page }) => {
  await page.goto("/signers/import");
  const csv = [
    "name,kind,platform,environments,primary_owner,team,privileges",
    `e2e-import-good,build-service,jenkins,staging,${KENJI.email},Mobile Apps,sign:nightly@staging`,
    "e2e-import-bad,robot,jenkins,staging,nobody@acme.example,,sign nightly",
  ].join("\n");
  await page
    .getByLabel("File (CSV or JSON)")
    .setInputFiles({ name: "signers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check only (dry run)" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("Dry run, nothing written");
  await expect(report).toContainText("1 would be created");
  await expect(report.getByRole("cell", { name: "kind", exact: true })).toBeVisible();
  await expect(report.getByRole("cell", { name: "primary_owner" })).toBeVisible();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(report).toContainText("1 created");
  await expect(report).toContainText("1 refused");
  await shot(page, "05-09-import-report");
  await page.goto("/signers?q=e2e-import");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "e2e-import-good" })).toBeVisible();
});

test("an owner sees only their own signers, and other signers are not found", async ({ adminPage: page, adminApi }) => {
  const foreignId = await signerId(adminApi, "desktop-driver-signing");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, KENJI);
  await page.goto("/signers");
  await expect(page.getByText("The signers you own as primary or backup owner.")).toBeVisible();
  await expect(page.getByRole("link", { name: SIGNER })).toBeVisible();
  await expect(page.getByRole("link", { name: "mobile-android-release" })).toBeVisible();
  await expect(page.getByRole("link", { name: "desktop-driver-signing" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New signer" })).toHaveCount(0);
  await shot(page, "05-10-owner-signers");

  const api = await apiAs(KENJI);
  const list = await (await api.get("/api/v1/signers?pageSize=200")).json();
  expect(list.total).toBeGreaterThanOrEqual(2);
  expect(list.total).toBe(await page.locator("tbody tr").count());
  for (const row of list.rows) {
    expect([row.primaryOwner?.email, row.backupOwner?.email]).toContain(KENJI.email);
  }
  expect((await api.get(`/api/v1/signers/${foreignId}`)).status()).toBe(404);
  expect((await api.get(`/api/v1/signing-events?signerId=${foreignId}`)).status()).toBe(404);
  expect((await api.get("/api/v1/signers?q=desktop-driver")).ok()).toBe(true);
  expect((await (await api.get("/api/v1/signers?q=desktop-driver")).json()).total).toBe(0);
  expect((await api.get("/api/v1/people")).status()).toBe(403);
  expect(
    (
      await api.patch(`/api/v1/signers/${await signerId(adminApi, SIGNER)}`, { data: { description: "mine" } })
    ).status(),
  ).toBe(403);
  await api.dispose();

  const res = await page.goto(`/signers/${foreignId}`);
  expect(res?.status()).toBe(404);
  await shot(page, "05-11-owner-foreign-signer");
});
