import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { shot, signIn } from "./helpers";
import { expect, test } from "./fixtures";

// Certificate upload in the web UI: a new certificate, a garbage file and a private key in one
// go (imported / failed / refused), then the same certificate again (already known).
// Asks for the demo data first: the app loads it only into an empty inventory, so a spec that
// imports must not run before it on the same database.
test.describe.configure({ mode: "serial" });

const CN = `e2e-upload-${Date.now()}`;
const certPem = execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "/dev/null", "-subj", `/CN=${CN}`, "-days", "30", "-outform", "PEM"], { stdio: ["ignore", "pipe", "ignore"] });
const keyPem = execFileSync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], { stdio: ["ignore", "pipe", "ignore"] });

const cert = { name: "new-cert.pem", mimeType: "application/x-pem-file", buffer: certPem };
const garbage = { name: "garbage.bin", mimeType: "application/octet-stream", buffer: Buffer.from("this is not a certificate\n") };
const key = { name: "private-key.pem", mimeType: "application/x-pem-file", buffer: keyPem };

function row(page: Page, file: string) {
  return page.getByTestId("import-row").filter({ has: page.getByRole("cell", { name: file, exact: true }) });
}

test("upload three files, then the good one again", async ({ page, demoAdmin }) => {
  const serverErrors: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
  });
  await signIn(page, demoAdmin);
  await page.goto("/import/certificates");
  await expect(page.getByRole("heading", { name: "Import certificates" })).toBeVisible();

  await page.getByLabel("Certificate files").setInputFiles([cert, garbage, key]);
  await expect(page.getByTestId("import-selected")).toHaveText("3 files selected");
  await page.getByRole("button", { name: "Upload" }).click();

  await expect(page.getByTestId("import-summary")).toContainText("1 imported, 0 already known, 1 failed, 1 refused (private key)");
  await expect(page.getByTestId("import-progress")).toHaveText("3 of 3 files");
  await expect(row(page, cert.name)).toHaveAttribute("data-status", "imported");
  await expect(row(page, cert.name)).toContainText("Imported");
  await expect(row(page, cert.name)).toContainText(CN);
  await expect(row(page, garbage.name)).toHaveAttribute("data-status", "failed");
  await expect(row(page, garbage.name).getByRole("cell").nth(3)).not.toBeEmpty();
  await expect(row(page, key.name)).toHaveAttribute("data-status", "refused-private-key");
  await expect(row(page, key.name)).toContainText("Refused: private key");
  await shot(page, "09-import-upload");

  await page.getByLabel("Certificate files").setInputFiles([cert]);
  await expect(page.getByTestId("import-selected")).toHaveText("1 file selected");
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("0 imported, 1 already known, 0 failed, 0 refused");
  await expect(row(page, cert.name)).toHaveAttribute("data-status", "already-known");
  await expect(row(page, cert.name)).toContainText(CN);
  await shot(page, "09-import-upload-again");

  // the new certificate is in the inventory
  await page.goto(`/certificates?q=${encodeURIComponent(CN)}`);
  await expect(page.getByText(CN).first()).toBeVisible();
  expect(serverErrors).toEqual([]);
});
