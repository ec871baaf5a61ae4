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
