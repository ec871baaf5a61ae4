import path from "node:path";
import { shot } from "./helpers";
import { expect, test } from "./fixtures";

// Discovery from signed artifacts, as the security team uses it: scan files in the dashboard, then
// decide each identity nobody registered — a Sigstore keyless identity becomes a signer in one
// form, a vendor's certificate is marked known-external — and each leaves the "new" queue.
const TESTDATA = path.join(import.meta.dirname, "..", "lib", "scan", "testdata");

test("scanned artifacts fill the discovery queue; one becomes a signer, one is marked known-external", async ({
  adminPage: page,
}) => {
  await page.goto("/scans");
  await page
    .getByLabel("Signed artifacts")
    .setInputFiles([path.join(TESTDATA, "sigstore/v03-message.sigstore.json"), path.join(TESTDATA, "fwupdx64.efi")]);
  // the recent scans (the list shell, issue 17): one scan per uploaded file joins the list without a reload
  const scanCount = page.getByText(/^\d[\d,]* scans?/);
  const countOf = async () => Number(/^([\d,]+)/.exec((await scanCount.textContent()) ?? "")?.[1].replace(/,/g, ""));
  await expect(scanCount).toBeVisible();
  const scansBefore = await countOf();
  await page.getByRole("button", { name: "Scan", exact: true }).click();
  await expect(page.getByTestId("scan-progress")).toHaveText(/2 of 2 files: 2 signed/, { timeout: 60_000 });
  await expect(scanCount).toHaveText(new RegExp(`^${(scansBefore + 2).toLocaleString("en")} scans`));
  await expect(page.getByRole("table", { name: "Recent scans, newest first" })).toBeVisible();
  await shot(page, "14-01-scan-results");

  await page.goto("/discovery");
  // the queue is a list on the shared shell: a table, one row per identity, its decisions in the row
  const queue = page.getByRole("table", { name: "Discovered identities" });
  const keyless = queue.getByRole("row").filter({ hasText: "Keyless identity:" }).first();
  await expect(keyless).toBeVisible();
  await expect(keyless.getByText("OIDC issuer")).toBeVisible();
  await shot(page, "14-02-discovery-queue");

  const newCount = async () =>
    Number(/\((\d+)\)/.exec((await page.getByRole("link", { name: /^New \(/ }).textContent()) ?? "")?.[1]);
  const before = await newCount();
  await keyless.getByLabel("New signer name").fill("e2e-keyless-release");
  await keyless.getByLabel("Owner").selectOption({ index: 1 });
  await keyless.getByRole("button", { name: /^Create signer for/ }).click();
  // a new signer opens on its own page, carrying the keyless identity it was created from
  await expect(page.getByRole("heading", { name: "e2e-keyless-release" })).toBeVisible();
  await expect(page.getByText("Signer created.")).toBeVisible();
  await expect(page.getByText("Keyless identity")).toBeVisible();
  await page.goto("/discovery");
  expect(await newCount()).toBe(before - 1);

  // the UEFI application's signing certificate is Debian's: a vendor, not ours
  const vendor = queue.getByRole("row").filter({ hasText: "Debian Secure Boot Signer" }).first();
  await expect(vendor).toBeVisible();
  await vendor.getByLabel("Whose signature (vendor)").fill("Debian (fwupd)");
  await vendor.getByRole("button", { name: /^Mark known-external/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked known-external" })).toBeVisible();
  await page.goto("/discovery?state=known-external");
  await expect(page.getByText("known-external: Debian (fwupd)").first()).toBeVisible();
  await page.goto("/discovery?state=linked");
  await expect(page.getByRole("link", { name: "e2e-keyless-release" })).toBeVisible();
  // the tabs are links in the URL: back to the new entries without a reload
  await page.getByRole("link", { name: /^New \(/ }).click();
  await expect(page).toHaveURL(/\/discovery$/);
  expect(await newCount()).toBe(before - 2);
  await shot(page, "14-03-discovery-linked");
});
