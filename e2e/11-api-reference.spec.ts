import { apiAs, shot, signIn } from "./helpers";
import { expect, test } from "./fixtures";

// Issue 19: the OpenAPI document is public and names every operation; the dashboard's API reference
// renders it readably at desktop and phone widths; /metrics answers only with credentials.

test("the OpenAPI document, its reference page and the metrics endpoint", async ({ page, admin }) => {
  const anonymous = await apiAs(null);
  const res = await anonymous.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/signers", "/api/v1/signers/{id}"]));
  expect((await anonymous.get("/metrics")).status()).toBe(401);

  await signIn(page, admin);
  const metrics = await page.request.get("/metrics");
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toMatch(/^signet_certificates\{status="valid"\} \d+$/m);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/api-reference");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  const listSigners = page.locator("#getSigners");
  await expect(listSigners.getByText("/api/v1/signers", { exact: true })).toBeVisible();
  await expect(listSigners.getByText("scope read")).toBeVisible();
  await expect(page.getByRole("heading", { name: "SignerPage" })).toBeVisible();
  await shot(page, "110-api-reference");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/api-reference#tag-signers");
  await expect(page.locator("#getSigners")).toBeVisible();
  await shot(page, "111-api-reference-phone");
});
