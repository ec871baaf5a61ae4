import type { Page } from "@playwright/test";
import { baseURL, shot, signInThroughApi } from "./helpers";
import { expect, test } from "./fixtures";
import {
  OIDC_CLIENT,
  OIDC_GROUPS_USER,
  oidcPortFor,
  startOidcProvider,
  type RunningOidcProvider,
} from "./oidc-provider";

// Single sign-on maps the identity provider's groups to a role (SIGNET_OIDC_ROLE_MAP in
// playwright.config.ts: signet-e2e-analysts → analyst, signet-e2e-auditors → auditor), through the
// real test provider sending a `groups` claim, and again at every sign-in. The administrator comes
// from the `admin` fixture.
test.describe.configure({ mode: "serial" });

const appPort = Number(process.env.E2E_PORT ?? 3100);
const user = OIDC_GROUPS_USER;
let idp: RunningOidcProvider;

test.beforeAll(async () => {
  idp = await startOidcProvider({
    port: oidcPortFor(appPort),
    redirectUri: `${baseURL}/api/auth/oauth2/callback/oidc`,
    groups: { [user.sub]: ["everyone", "signet-e2e-analysts"] },
  });
});

test.afterAll(async () => {
  await idp?.close();
});

async function sessionRole(page: Page) {
  const res = await page.request.get("/api/auth/get-session");
  const body = (await res.json()) as { user?: { email: string; role: string } } | null;
  return body?.user ?? null;
}

test("a user of a mapped directory group signs in with its role, and a group change applies at the next sign-in", async ({
  page,
  admin,
}) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${OIDC_CLIENT.providerName}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Continue" }).click();
  // Signet asks for the groups scope (SIGNET_OIDC_EXTRA_SCOPES)
  await expect(page.getByText(/Signet asks for: .*groups/)).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();

  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByText(`${user.email} · Security analyst`)).toBeVisible();
  expect(await sessionRole(page)).toMatchObject({ email: user.email, role: "analyst" });
  await shot(page, "sso-groups-01-analyst");

  // the directory moves them to the auditors: the next sign-in says so
  idp.setGroups(user.sub, ["signet-e2e-auditors"]);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole("button", { name: `Sign in with ${OIDC_CLIENT.providerName}` }).click();
  await expect(page).toHaveURL(`${baseURL}/`);
  expect(await sessionRole(page)).toMatchObject({ role: "auditor" });

  // both changes are in the audit log, made by the identity provider's group mapping
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInThroughApi(page, admin);
  await page.goto("/audit");
  for (const change of ["owner → analyst", "analyst → auditor"]) {
    const row = page.locator("tbody tr", { hasText: `${user.email}: role ${change} (identity-provider groups)` });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("user.role-changed");
  }
  await shot(page, "sso-groups-02-audit");
});

test("a role an administrator keeps by hand survives the next sign-in's group mapping", async ({ page, admin }) => {
  await signInThroughApi(page, admin);
  await page.goto("/admin");
  const row = page.getByTestId(`access-${user.email}`);
  await row.getByRole("button", { name: `Keep role by hand for ${user.email}` }).click();
  await expect(row.getByRole("status")).toHaveText("Role source changed");
  await expect(page.locator("tbody tr", { hasText: user.email })).toContainText("managed by hand");
  await shot(page, "sso-groups-03-kept-by-hand");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // the directory puts them back among the analysts; Signet keeps the auditor role set by hand
  idp.setGroups(user.sub, ["signet-e2e-analysts"]);
  await page.getByRole("button", { name: `Sign in with ${OIDC_CLIENT.providerName}` }).click();
  // a new browser: the provider asks to log in and to consent again
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(`${baseURL}/`);
  expect(await sessionRole(page)).toMatchObject({ email: user.email, role: "auditor" });
});
