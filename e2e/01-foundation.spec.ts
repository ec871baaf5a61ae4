import { test, expect } from "@playwright/test";
import { ADMIN, shot, signIn } from "./helpers";

// The first-run journey of a new installation: setup → sign in → demo data → dashboard.
test.describe.configure({ mode: "serial" });

test("a fresh installation leads to the setup page and nothing is open to anonymous users", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Signet" })).toBeVisible();
  await shot(page, "01-setup");
  const api = await page.request.get("/api/v1/signers");
  expect(api.status()).toBe(401);
});

test("setup validates input and creates the first administrator", async ({ page }) => {
  await page.goto("/setup");
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("short");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await shot(page, "02-setup-errors");
  // what was typed survives the failed submit (the password never comes back)
  await expect(page.getByLabel("Your name")).toHaveValue(ADMIN.name);

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page).toHaveURL(/\/sign-in\?setup=done/);
  await expect(page.getByText("Administrator created")).toBeVisible();

  // the setup page is closed once an administrator exists
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("wrong-password-123");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("not correct");
  await shot(page, "03-sign-in-error");
});

test("the administrator loads the demo data and sees signers and certificates", async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole("heading", { name: "The inventory is empty" })).toBeVisible();
  await shot(page, "04-empty-overview");
  await page.getByRole("button", { name: "Load demo data" }).click();
  await expect(page.getByText("Orphaned signers")).toBeVisible({ timeout: 120_000 });
  await shot(page, "05-overview");

  await page.getByRole("link", { name: "Signers", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Signers" })).toBeVisible();
  const signerRows = page.locator("tbody tr");
  expect(await signerRows.count()).toBeGreaterThanOrEqual(30);
  await expect(page.locator("tbody").getByText(/orphaned/).first()).toBeVisible();
  await shot(page, "06-signers");

  await page.getByRole("link", { name: "Certificates", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Certificates" })).toBeVisible();
  expect(await page.locator("tbody tr").count()).toBeGreaterThanOrEqual(50);
  await expect(page.locator("tbody").getByText("expired").first()).toBeVisible();
  await shot(page, "07-certificates");
});
