import { apiAs, shot, signIn } from "./helpers";
import { account, expect, test } from "./fixtures";

// Issue 14: an administrator changes a user's role, disables them (after confirming) and re-enables
// them from the users list, with the keyboard; refusals show in the user's row. A user whose person
// was marked as having left is re-enabled once the person is marked as back.
test.describe.configure({ mode: "serial" });

const RUTH = account("Ruth Rolle", "owner");
const PAUL = account("Paul Leaver", "owner");

test.beforeAll(async ({ adminApi, ensureAccounts }) => {
  // Paul is a person of the inventory first, so his account is linked to him when it is made
  const person = await adminApi.post("/api/v1/people", { data: { name: PAUL.name, email: PAUL.email } });
  expect([201, 409]).toContain(person.status());
  await ensureAccounts(RUTH, PAUL);
});

test("role, disable (confirmed) and re-enable from the users list, by keyboard", async ({ page, admin }) => {
  await signIn(page, admin);
  await page.goto("/admin");
  const row = page.locator("tbody tr", { hasText: RUTH.email });

  await row.getByLabel(`Role of ${RUTH.email}`, { exact: true }).selectOption("analyst");
  await row.getByRole("button", { name: `Change role of ${RUTH.email}` }).focus();
  await page.keyboard.press("Enter");
  await expect(row.getByRole("status")).toHaveText("Role changed");
  await expect(row.getByRole("cell").nth(1)).toHaveText("Security analyst");
  await expect(row.getByLabel(`Role of ${RUTH.email}`, { exact: true })).toHaveValue("analyst");

  // disabling asks first; Escape cancels and gives focus back
  const disable = row.getByRole("button", { name: `Disable ${RUTH.email}` });
  await disable.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Disable ${RUTH.name}?` });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(disable).toBeFocused();
  await expect(row).toContainText("active");

  await page.keyboard.press("Enter");
  await dialog.getByLabel("Reason (optional)").fill("on sabbatical");
  await shot(page, "10-01-disable-confirm");
  await dialog.getByRole("button", { name: `Disable ${RUTH.name}` }).click();
  await expect(row.getByRole("status")).toHaveText("User disabled");
  await expect(row).toContainText("disabled");
  await expect(row).toContainText("on sabbatical");
  const anonymous = await apiAs(null);
  const refused = await anonymous.post("/api/auth/sign-in/email", {
    data: { email: RUTH.email, password: RUTH.password },
  });
  expect(refused.status(), "a disabled user cannot sign in").not.toBe(200);
  await anonymous.dispose();

  await row.getByRole("button", { name: `Re-enable ${RUTH.email}` }).click();
  await expect(row.getByRole("status")).toHaveText("User re-enabled");
  await expect(row).toContainText("active");
  await (await apiAs(RUTH)).dispose();
});

test("a user whose person left is re-enabled once the person is back", async ({ page, admin, adminApi }) => {
  const people = await adminApi.get(`/api/v1/people?q=${encodeURIComponent(PAUL.email)}`).then((r) => r.json());
  const personId = (people.rows as { id: string; email: string }[]).find((p) => p.email === PAUL.email)?.id ?? "";
  expect(personId).not.toBe("");
  const left = await adminApi.post(`/api/v1/people/${personId}/deactivate`, { data: { reason: "e2e" } });
  expect(left.status(), await left.text()).toBe(200);

  await signIn(page, admin);
  await page.goto("/admin");
  const row = page.locator("tbody tr", { hasText: PAUL.email });
  await expect(row).toContainText("yes, has left");
  await row.getByRole("button", { name: `Re-enable ${PAUL.email}` }).click();
  await expect(row.getByRole("alert")).toContainText("mark them as back first");
  await shot(page, "10-02-reenable-refused");

  await row.getByRole("link", { name: "mark them as back" }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${personId}`));
  await page.getByRole("button", { name: `Mark ${PAUL.name} as back` }).click();
  await expect(page.getByText("Marked as back.")).toBeVisible();

  await page.goto("/admin");
  await row.getByRole("button", { name: `Re-enable ${PAUL.email}` }).click();
  await expect(row.getByRole("status")).toHaveText("User re-enabled");
  await (await apiAs(PAUL)).dispose();
});

test("a person moves to another team from their page, and back to none", async ({ page, admin, adminApi }) => {
  const team = await adminApi.post("/api/v1/teams", { data: { name: "Movers" } });
  expect([201, 409]).toContain(team.status());
  const people = await adminApi.get(`/api/v1/people?q=${encodeURIComponent(PAUL.email)}`).then((r) => r.json());
  const personId = (people.rows as { id: string; email: string }[]).find((p) => p.email === PAUL.email)?.id ?? "";

  await signIn(page, admin);
  await page.goto(`/people/${personId}`);
  await page.getByLabel("Team").selectOption({ label: "Movers" });
  await page.getByRole("button", { name: "Move to team" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Now in team Movers" })).toBeVisible();
  await expect(page.getByText(`${PAUL.email} · Movers`)).toBeVisible();
  await page.getByLabel("Team").selectOption({ label: "No team" });
  await page.getByRole("button", { name: "Move to team" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Now in no team" })).toBeVisible();
});

test("a refused new user keeps what was typed, except the password", async ({ page, admin }) => {
  await signIn(page, admin);
  await page.goto("/admin");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create user" }) });
  await form.getByLabel("Name").fill("Rita Refused");
  await form.getByLabel("Email").fill("rita.refused@e2e.example");
  await form.getByLabel("Role", { exact: true }).selectOption("auditor");
  await form.getByLabel("Initial password").fill("too short");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByLabel("Initial password")).toHaveAccessibleDescription(/12/);
  await expect(form.getByLabel("Name")).toHaveValue("Rita Refused");
  await expect(form.getByLabel("Email")).toHaveValue("rita.refused@e2e.example");
  await expect(form.getByLabel("Role", { exact: true })).toHaveValue("auditor");
  // a secret is never sent back to the page
  await expect(form.getByLabel("Initial password")).toHaveValue("");
});
