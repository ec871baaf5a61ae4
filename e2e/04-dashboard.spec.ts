import { apiAs, readCsv, shot, signIn } from "./helpers";
import { account, expect, test } from "./fixtures";

// The security team's triage journey on the demo data (the `demoAdmin` fixture): overview →
// expiring-soon → filtered list → certificate → finding → accept the risk; CSV export; keyboard use of a
// table; and an owner's restricted view.
test.describe.configure({ mode: "serial" });

// a demo person (prisma/demo/people.ts) with an account of their own
const OWNER = account("Carlos Mendes", "owner", { domain: "acme.example" });

test.beforeAll(async ({ demoAdmin, ensureAccounts }) => {
  expect(demoAdmin.email).toBeTruthy();
  await ensureAccounts(OWNER);
});

test("overview → expiring soon → certificate → finding → accept the risk with reason", async ({ page, demoAdmin }) => {
  // the longest journey of the suite: it outlasted 90 s on a shared, busy machine
  test.slow();
  await signIn(page, demoAdmin);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Certificates expiring per week" })).toBeVisible();
  const bars = page.locator('svg a[aria-label*="certificate"]');
  await expect(bars).toHaveCount(30);
  await shot(page, "40-overview");

  // a bar of the chart is a link to that week's certificates
  const nonEmptyBar = page.locator('svg a[aria-label]:not([aria-label^="0 "])').first();
  const label = (await nonEmptyBar.getAttribute("aria-label")) ?? "";
  const count = Number(label.split(" ")[0].replace(/,/g, ""));
  await nonEmptyBar.click();
  await expect(page).toHaveURL(/expiresFrom=\d{4}-\d{2}-\d{2}&expiresTo=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByText(new RegExp(`^${count} certificates?`))).toBeVisible();

  // the expiring-soon number leads to the filtered list
  await page.goto("/");
  const expiringStat = page.getByRole("link", { name: /Expiring soon/ });
  const expiringCount = Number(((await expiringStat.locator("div").nth(1).textContent()) ?? "0").replace(/,/g, ""));
  expect(expiringCount).toBeGreaterThan(0);
  await expiringStat.click();
  await expect(page).toHaveURL(/\/certificates\?status=expiring/);
  await expect(page.getByRole("search", { name: "Filters" }).getByLabel("State")).toHaveValue("expiring");
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBe(Math.min(expiringCount, 50));
  // the state badge, and beside it "revocation unknown" when the last revocation check failed
  for (const state of await rows.locator("td:nth-child(2)").allTextContents())
    expect(state).toMatch(/^expiring(revocation unknown)?$/);
  await shot(page, "41-certificates-expiring");

  // filters live in the URL: another choice, then back
  await page.getByRole("search", { name: "Filters" }).getByLabel("State").selectOption("expired");
  await expect(page).toHaveURL(/status=expired/);
  await expect(rows.first().locator("td:nth-child(2)")).toHaveText(/^expired(revocation unknown)?$/);
  await page.goBack();
  await expect(page).toHaveURL(/status=expiring/);
  await expect(rows.first().locator("td:nth-child(2)")).toHaveText(/^expiring(revocation unknown)?$/);

  // certificate detail
  await rows.first().locator("td").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/certificates\/[^/?]+$/);
  await expect(page.getByRole("heading", { name: "Chain" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Key and rotation" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Open findings \(\d+\)/ })).toBeVisible();
  await shot(page, "42-certificate");

  // a finding of it (or, if this one has none, the first expiry finding)
  const findingLinks = page
    .getByRole("table", { name: "Open findings of this certificate" })
    .locator("tbody tr td:first-child a");
  if ((await findingLinks.count()) > 0) await findingLinks.first().click();
  else {
    await page.goto("/findings?rule=cert.expiring");
    await page.locator("tbody tr td:first-child a").first().click();
  }
  await expect(page).toHaveURL(/\/findings\/[^/?]+$/);
  await expect(page.getByRole("heading", { name: "How to fix" })).toBeVisible();
  await expect(page.getByTestId("finding-state")).toHaveText(/open/);
  await shot(page, "43-finding");

  // accept the risk: native dialog, focus inside; a refusal stays in the dialog with the values kept
  const opener = page.getByRole("button", { name: "Accept the risk…" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: /Accept the risk/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await dialog.getByLabel("Reason").fill("too short");
  await dialog.getByRole("button", { name: "Accept the risk" }).click();
  await expect(dialog.getByRole("alert").first()).toContainText("at least 10 characters");
  await expect(dialog.getByLabel("Reason")).toHaveValue("too short");
  await shot(page, "44-triage-dialog");
  const reason = `Renewal ordered from the CA, ticket SEC-${Date.now()}`;
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Accept the risk" }).click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeHidden();
  await expect(page.getByTestId("finding-state")).toHaveText(/risk accepted/);
  await expect(page.getByTestId("triage-reason")).toHaveText(reason);
  await page.reload();
  await expect(page.getByTestId("finding-state")).toHaveText(/risk accepted/);
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await expect(page.getByTestId("finding-timeline")).toContainText(reason);
  await shot(page, "45-finding-risk-accepted");

  // accepted risks leave the open list and show under "risk accepted"
  await page.goto("/findings?state=risk-accepted");
  await expect(page.locator("tbody tr").first()).toBeVisible();
  await shot(page, "46-findings-risk-accepted");
  await page.goto("/audit?action=finding.risk-accepted");
  await expect(page.getByText(reason)).toBeVisible();
  // the hash chain holds every event written so far, the acceptance included (issue 14)
  await expect(page.getByTestId("chain-status")).toContainText(/Head\s*seq \d+/);
  await page.getByTestId("verify-chain").click();
  await expect(page.getByTestId("chain-result")).toContainText(/Intact: \d+ events verified/);
  await expect(page.getByTestId("chain-status")).toContainText(/intact up to seq \d+/);
  await shot(page, "47-audit");
});

test("a CSV export holds exactly the filtered rows", async ({ adminPage: page, demoAdmin }) => {
  await page.goto("/certificates?status=expired&sort=subject");
  const summary = await page.getByText(/^\d+ certificates?/).textContent();
  const total = Number((summary ?? "0").split(" ")[0].replace(/,/g, ""));
  expect(total).toBeGreaterThan(0);
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", "/api/v1/exports/certificates?status=expired&sort=subject");
  const api = await apiAs(demoAdmin);
  const res = await api.get((await exportLink.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  expect(res.headers()["content-disposition"]).toContain("signet-certificates-");
  const { header, records } = readCsv(await res.text());
  expect(header.join(",")).toBe(
    "id,subject_cn,subject,issuer_cn,serial,sha256,state,not_before,not_after,key_algorithm,custody,revocation,is_ca,signers",
  );
  expect(records).toHaveLength(total);
  expect(new Set(records.map((r) => r.state))).toEqual(new Set(["expired"]));
  // sorted by subject like the list
  const firstSubject = await page.locator("tbody tr").first().locator("td").first().textContent();
  expect(records[0].subject_cn).toBe((firstSubject ?? "").replace("(CA)", "").trim());
  await api.dispose();
});

test("a table works from the keyboard and remembers its columns", async ({ adminPage: page }) => {
  await page.goto("/certificates");
  const links = page.locator("tbody tr td:first-child a");
  // focus only sticks once React has hydrated the table
  await page.waitForLoadState("networkidle");
  await expect(async () => {
    await links.first().focus();
    await expect(links.first()).toBeFocused({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press("ArrowDown");
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(links.first()).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator("tbody tr").first().locator(":focus")).toHaveCount(1);

  // choose columns in the dialog; the choice survives a reload
  await page.getByRole("button", { name: "Columns" }).click();
  const dialog = page.getByRole("dialog", { name: "Columns to show" });
  await dialog.getByLabel("Serial").check();
  await dialog.getByLabel("Issuer").uncheck();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Columns" })).toBeFocused();
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "Serial" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /Issuer/ })).toHaveCount(0);
  await shot(page, "48-certificates-columns");

  // sort by a header link, then Enter on a row opens it
  await page.getByRole("link", { name: /Subject: sort/ }).click();
  await expect(page).toHaveURL(/sort=subject/);
  await links.first().focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/certificates\/[^/?]+$/);
});

test("keys, findings and owners lists and details render with their filters", async ({ adminPage: page }) => {
  await page.goto("/keys?rotation=overdue");
  await expect(page.getByRole("heading", { name: "Keys" })).toBeVisible();
  await shot(page, "49-keys");
  await page.goto("/findings");
  await expect(page.locator("tbody tr").first()).toBeVisible();
  await page.getByRole("search", { name: "Filters" }).getByLabel("Severity").selectOption("critical");
  await expect(page).toHaveURL(/severity=critical/);
  for (const s of await page.locator("tbody tr td:nth-child(2)").allTextContents()) expect(s).toContain("critical");
  await shot(page, "50-findings");
  await page.goto("/owners");
  await page.getByRole("link", { name: "Carlos Mendes" }).click();
  await expect(page.getByRole("heading", { name: /Signers \(\d+\)/ })).toBeVisible();
  await shot(page, "51-owner");
  await page.goto("/owners?kind=teams");
  await expect(page.getByRole("link", { name: "Payments" })).toBeVisible();
  await page.getByRole("link", { name: "Payments" }).click();
  await expect(page.getByRole("heading", { name: /People \(\d+\)/ })).toBeVisible();
  await shot(page, "52-team");
});

test("a page past the end of a list says where the list ends, and the API answers it truthfully", async ({
  adminPage: page,
  demoAdmin,
}) => {
  const api = await apiAs(demoAdmin);
  const answer = await api.get("/api/v1/signers?page=999");
  expect(answer.status()).toBe(200);
  const body = (await answer.json()) as { rows: unknown[]; total: number; page: number; pageSize: number };
  expect(body).toMatchObject({ rows: [], page: 999 });
  const pages = Math.ceil(body.total / body.pageSize);
  expect(pages).toBeGreaterThan(0);
  expect(pages).toBeLessThan(999);
  await api.dispose();

  // the tester saw "49,901–44 of 44", "page 999 of 1", an empty table and a lone Previous button
  await page.goto("/signers?page=999");
  await expect(page.getByRole("heading", { name: "Nothing on page 999" })).toBeVisible();
  await expect(page.getByText(`The list ends on page ${pages} (${body.total} signers).`)).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toHaveCount(0);
  await shot(page, "52b-signers-past-the-end");
  await page.getByRole("link", { name: `Go to page ${pages}` }).click();
  await expect(page.getByTestId("list-total")).toHaveText(new RegExp(`–${body.total} of ${body.total}$`));
  await expect(page.locator("tbody tr").first()).toBeVisible();

  // every list is on the same frame: the owners list too
  await page.goto("/owners?page=99");
  await expect(page.getByRole("heading", { name: "Nothing on page 99" })).toBeVisible();
  await expect(page.getByText(/^The list ends on page \d+ \(\d+ persons?\)\.$/)).toBeVisible();
});

test("an owner sees only their own signers' certificates, in the list and the export", async ({
  adminPage: page,
  newPage,
}) => {
  await page.goto("/certificates");
  const allText = await page.getByText(/^\d+ certificates?/).textContent();
  const all = Number((allText ?? "0").split(" ")[0].replace(/,/g, ""));

  const ownerPage = await newPage({ as: OWNER });
  await ownerPage.goto("/certificates");
  const mineText = await ownerPage.getByText(/^\d+ certificates?/).textContent();
  const mine = Number((mineText ?? "0").split(" ")[0].replace(/,/g, ""));
  expect(mine).toBeGreaterThan(0);
  expect(mine).toBeLessThan(all);
  await shot(ownerPage, "53-owner-certificates");
  const api = await apiAs(OWNER);
  const csv = await (await api.get("/api/v1/exports/certificates")).text();
  expect(readCsv(csv).records).toHaveLength(mine);
  await ownerPage.goto("/owners");
  await expect(ownerPage.locator("tbody tr")).toHaveCount(1);
  await api.dispose();
});
