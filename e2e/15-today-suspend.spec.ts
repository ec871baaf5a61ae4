import { shot, signIn } from "./helpers";
import { account, expect, test } from "./fixtures";

// Issue 17, "Today, ranked": an item whose list holds one signer offers its fix in one click. On the
// demo data the top item is platform-vpn-client's certificate, revoked for key compromise 15 days ago
// and still signing; an analyst suspends the signer from the overview, the signer reads suspended
// and the audit trail records who did it and why. The demo data comes from the `demoAdmin` fixture, so
// the spec passes alone on a fresh database; no other spec suspends platform-vpn-client (12-daily-journeys
// only opens the same item's finding).

const ANALYST = account("Sid Suspend", "analyst");
const SIGNER = "platform-vpn-client";

test("an analyst suspends the signer still signing with a revoked certificate in one click from Today", async ({
  page,
  demoAdmin,
  adminApi,
  ensureAccounts,
}) => {
  expect(demoAdmin.email).toBeTruthy();
  await ensureAccounts(ANALYST);
  await signIn(page, ANALYST);
  await page.goto("/");
  const today = page.getByRole("list", { name: "Today, ranked" });
  const item = today.getByRole("listitem").filter({ hasText: /revoked certificates? still signing/ });
  await expect(item).toBeVisible();
  const suspend = item.getByRole("button", { name: `Suspend ${SIGNER}` });
  await expect(suspend).toBeVisible();
  await shot(page, "15-01-today-suspend");

  await suspend.click();
  const done = page.getByRole("status").filter({ hasText: `${SIGNER} is suspended` });
  await expect(done).toBeVisible();
  const href = await done.getByRole("link", { name: SIGNER }).getAttribute("href");
  const signerId = /^\/signers\/([^/?]+)$/.exec(href ?? "")?.[1];
  expect(signerId, `the link to the signer (${href})`).toBeTruthy();
  await shot(page, "15-02-today-suspended");

  // the signer is suspended, as the API and its page say
  const signer = await adminApi.get(`/api/v1/signers/${signerId}`);
  expect(signer.status()).toBe(200);
  expect(((await signer.json()) as { status: string }).status).toBe("suspended");
  await page.goto(`/signers/${signerId}`);
  await expect(page.getByText("suspended", { exact: true }).first()).toBeVisible();

  // and the change is audited: by the analyst, with the overview's reason
  const audit = await adminApi.get(`/api/v1/audit?action=signer.suspended&target=${signerId}`);
  expect(audit.status()).toBe(200);
  const events = ((await audit.json()) as { rows: { actorLabel: string; summary: string; targetId: string }[] }).rows;
  expect(events).toHaveLength(1);
  expect(events[0].targetId).toBe(signerId);
  expect(events[0].actorLabel).toContain(ANALYST.email);
  expect(events[0].summary).toMatch(new RegExp(`^Signer ${SIGNER} suspended: Suspended from the overview: `));
});
