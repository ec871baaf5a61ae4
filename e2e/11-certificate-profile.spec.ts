import fs from "node:fs";
import path from "node:path";
import { shot } from "./helpers";
import { expect, test } from "./fixtures";

// Issue #15 item 4: the certificate page says which profile judges a certificate and why.
// Uploads a Debian Secure Boot signer and one of zlint's CSBR test certificates (public fixtures
// in lib/x509/testdata), then opens each certificate's page. Asks for the demo data first (the
// app loads it only into an empty inventory).
test.describe.configure({ mode: "serial" });

const TESTDATA = path.join(import.meta.dirname, "..", "lib", "x509", "testdata");
const pem = (folder: string, name: string) => ({
  name,
  mimeType: "application/x-pem-file",
  buffer: fs.readFileSync(path.join(TESTDATA, folder, name)),
});

test("the certificate page names the profile that judges it and why", async ({ adminPage: page }) => {
  await page.goto("/import/certificates");
  await page
    .getByLabel("Certificate files")
    .setInputFiles([
      pem("debian-secure-boot", "debian-signer-2022-linux.pem"),
      pem("zlint-code-signing", "validCodeSigningCertificateIssuedAfterMarch1st2026.pem"),
    ]);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("0 failed");

  // find each certificate through the certificates list's search, as a person would
  const open = async (q: string) => {
    await page.goto(`/certificates?q=${encodeURIComponent(q)}`);
    await page.getByRole("link", { name: q }).first().click();
    await expect(page.getByTestId("certificate-profile")).toBeVisible();
  };

  await open("Debian Secure Boot Signer 2022 - linux");
  const uefi = page.getByTestId("certificate-profile");
  await expect(uefi).toHaveAttribute("data-profile", "uefi-secure-boot");
  await expect(uefi).toContainText("UEFI Secure Boot");
  await expect(uefi).toContainText(
    "Why: its subject names UEFI Secure Boot (CN=Debian Secure Boot Signer 2022 - linux).",
  );
  await shot(page, "11-profile-uefi");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "11-profile-uefi-phone");
  await page.setViewportSize({ width: 1440, height: 900 });

  await open("Example Co");
  const csbr = page.getByTestId("certificate-profile");
  await expect(csbr).toHaveAttribute("data-profile", "csbr");
  await expect(csbr).toContainText("Why: asserts CA/B Forum code signing 2.23.140.1.4.1.");
  await csbr.getByText(/requirements apply/).click();
  await expect(csbr).toContainText("cert.weak-rsa: CSBR v3.10 §6.1.5.2 (for certificates issued from 2021-06-01)");
  await shot(page, "11-profile-csbr");
});
