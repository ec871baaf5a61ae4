import { apiAs, shot, signIn } from "./helpers";
import { expect, test } from "./fixtures";

// The release gate: a pipeline's question (here asked with the admin's session; pipelines use a
// gate token) is stored, and its decision shows on the signer page and in the decisions list.
test("a gate decision shows on the signer page and in the decisions list", async ({ page, demoAdmin }) => {
  const api = await apiAs(demoAdmin);
  const signers = await api.get("/api/v1/signers?pageSize=1");
  expect(signers.status()).toBe(200);
  const signer = (await signers.json()).rows[0] as { id: string; name: string };
  const res = await api.post("/api/v1/gate", {
    data: { signer: signer.name, environment: "e2e-gate-env", action: "sign", triggeredBy: "e2e" },
  });
  expect(res.status()).toBe(200);
  const answer = await res.json();
  expect(["allow", "warn", "deny"]).toContain(answer.decision);
  // no grant covers the made-up environment
  expect(answer.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain("gate.no-grant");

  await signIn(page, demoAdmin);
  await page.goto(`/signers/${signer.id}`);
  const card = page.getByTestId("signer-gate");
  await expect(card.getByText("sign → e2e-gate-env")).toBeVisible();
  await expect(card.getByText("gate.no-grant").first()).toBeVisible();
  await shot(page, "11-01-signer-gate");

  await page.goto(`/gate?signer=${signer.id}`);
  await expect(page.getByRole("heading", { name: "Gate decisions" })).toBeVisible();
  await expect(page.getByText("sign → e2e-gate-env").first()).toBeVisible();
  await shot(page, "11-02-gate-decisions");
});

// The policy page's lists (issue 17: on the shared list shell): an exception recorded with the form
// shows in force on the exceptions tab, is lifted from its row, and the versions tab lists the saved
// versions; the tab lives in the URL.
test("a gate exception is recorded, listed in force and lifted; the versions are a tab away", async ({
  adminPage: page,
}) => {
  await page.goto("/admin/policy");
  await page.getByRole("link", { name: "Gate exceptions" }).click();
  await expect(page).toHaveURL(/\/admin\/policy\?view=exceptions$/);
  const reason = `e2e exception ${test.info().workerIndex}-${Date.now()}`;
  const form = page.locator("form").filter({ has: page.getByLabel("Reason") });
  await form.getByLabel("Signer").selectOption({ index: 1 });
  await form.getByLabel("Rule").selectOption("gate.unknown-certificate");
  await form.getByLabel("Ends on").fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: /^Record/ }).click();
  const list = page.getByRole("table", { name: /^Per-signer exceptions to a gate rule/ });
  const row = list.getByRole("row").filter({ hasText: reason });
  await expect(row).toContainText("in force");
  await shot(page, "11-03-gate-exceptions");
  await row.getByRole("button", { name: /^Lift the exception of/ }).click();
  await expect(row).toContainText("lifted");
  await expect(row.getByRole("button", { name: /^Lift/ })).toHaveCount(0);

  await page.getByRole("link", { name: "Versions" }).click();
  await expect(page).toHaveURL(/\/admin\/policy$/);
  await expect(
    page.getByRole("table", { name: "Policy versions, newest first" }).or(page.getByText("No saved version yet")),
  ).toBeVisible();
});
