import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { scanArtifact, type ScanOutcome } from "./index";

// Signed EFI binaries from Debian packages (testdata/README.md says where from).
const sample = (name: string) => {
  const bytes = readFileSync(path.join(import.meta.dirname, "testdata", name));
  return new Uint8Array(name.endsWith(".gz") ? gunzipSync(bytes) : bytes);
};
const subject = (der: Uint8Array | null) => (der ? new X509Certificate(der).subject.split("\n").join(",") : null);

function summary(outcome: ScanOutcome) {
  if (outcome.kind !== "signed") throw new Error(`expected signed, got ${JSON.stringify(outcome)}`);
  return outcome.signatures.map((s) => ({
    location: s.location,
    signer: subject(s.signerCertificate),
    chain: s.certificates.map(subject),
    digestAlgorithm: s.digestAlgorithm,
    verification: s.verification.status,
    claimedSigningTime: s.claimedSigningTime,
  }));
}

describe("real signed EFI binaries", () => {
  it("fwupd's EFI binary: signed by Debian's fwupd signer, verified", async () => {
    expect(summary(await scanArtifact("fwupdx64.efi", sample("fwupdx64.efi")))).toEqual([
      {
        location: "signature 1",
        signer: "CN=Debian Secure Boot Signer 2022 - fwupd",
        chain: ["CN=Debian Secure Boot Signer 2022 - fwupd"],
        digestAlgorithm: "SHA-256",
        verification: "verified",
        claimedSigningTime: new Date("2023-01-29T17:40:29Z"),
      },
    ]);
  });

  it("shim: two Microsoft signatures in two certificate-table entries, both verified", async () => {
    const ms = "C=US,ST=Washington,L=Redmond,O=Microsoft Corporation";
    expect(summary(await scanArtifact("shimx64.efi", sample("shimx64.efi.gz")))).toEqual([
      {
        location: "signature 1",
        signer: `${ms},CN=Microsoft Windows UEFI Driver Publisher`,
        chain: [`${ms},CN=Microsoft Windows UEFI Driver Publisher`, `${ms},CN=Microsoft Corporation UEFI CA 2011`],
        digestAlgorithm: "SHA-256",
        verification: "verified",
        claimedSigningTime: null,
      },
      {
        location: "signature 2",
        signer: `${ms},CN=Microsoft UEFI CA 2023 signer`,
        chain: [`${ms},CN=Microsoft UEFI CA 2023 signer`, "C=US,O=Microsoft Corporation,CN=Microsoft UEFI CA 2023"],
        digestAlgorithm: "SHA-256",
        verification: "verified",
        claimedSigningTime: null,
      },
    ]);
  });

  it("a changed byte in the code fails both signatures", async () => {
    const shim = sample("shimx64.efi.gz");
    shim[0x1000] ^= 1;
    const outcome = await scanArtifact("shimx64.efi", shim);
    expect(outcome.kind === "signed" && outcome.signatures.map((s) => s.verification.status)).toEqual([
      "failed",
      "failed",
    ]);
  });
});
