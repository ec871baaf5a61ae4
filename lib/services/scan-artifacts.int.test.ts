import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createSigner } from "@/lib/db/signers/signers";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { signKernelModule } from "@/lib/scan/testing/build-kmod";
import { createCodeSigningLeaf, createTestCas } from "@/lib/x509/testing/test-ca";
import { importCertificates } from "./import-certificates";
import { scanArtifacts } from "./scan-artifacts";
import { testActor as actor } from "@/lib/testing/actors";

// A kernel module's signature carries no certificate, only the signer's issuer and serial: the
// scan reads it again with the inventory's certificate of that name (Debian's module build key,
// imported as issue 15 did), so the signature is verified and attributed to the signer using it.

const KEY_PEM = join(
  import.meta.dirname,
  "..",
  "x509",
  "testdata",
  "debian-secure-boot",
  "debian-linux-6.1.0-50-module-build-key.pem",
);
const crc7 = new Uint8Array(readFileSync(join(import.meta.dirname, "..", "scan", "testdata", "crc7.ko")));
const now = new Date("2026-12-04T09:00:00Z");

describeEachDatabase("scanArtifacts: signatures that carry no certificate", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));

  it("leaves an unknown module signer unattributed and not-checked", async () => {
    const { intermediate } = await createTestCas();
    const key = await createCodeSigningLeaf(intermediate, { key: "RSA-2048" });
    const module = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, ...new TextEncoder().encode("other module")]);
    const result = await scanArtifacts(
      db,
      { files: [{ name: "other.ko", bytes: await signKernelModule(module, key) }], actor, source: "cli" },
      { now },
    );
    expect(result.files[0].signatures).toMatchObject([
      {
        signerCertificateSha256: null,
        signer: null,
        discovery: null,
        verification: { status: "not-checked", reason: "the signer's certificate is not in the signature" },
      },
    ]);
  });

  it("verifies Debian's crc7.ko with the module signing certificate in the inventory and names its signer", async () => {
    const signer = await createSigner(db, { name: "debian-modules", kind: "ci-pipeline", artifactTypes: ["ko"] });
    await importCertificates(
      db,
      {
        files: [{ name: "module-build-key.pem", bytes: new Uint8Array(readFileSync(KEY_PEM)) }],
        actor,
        source: "cli",
        signerId: signer.id,
      },
      { now },
    );
    const result = await scanArtifacts(
      db,
      { files: [{ name: "crc7.ko", bytes: crc7 }], actor, source: "cli" },
      { now },
    );
    expect(result.files[0]).toMatchObject({ outcome: "signed", format: "kernel-module" });
    expect(result.files[0].signatures).toMatchObject([
      {
        location: "appended signature",
        signerCertificateSha256: "bba4f5303d6f7e9968bf08633a1c4a4bcf71e32c1127ee594f74986ecd1ff052",
        signer: { id: signer.id, name: "debian-modules" },
        discovery: null,
        verification: { status: "verified" },
      },
    ]);
    const stored = await db.artifactSignature.findFirstOrThrow({
      where: { artifact: { sha256: result.files[0].sha256 } },
      select: { verificationStatus: true, certificateId: true },
    });
    expect(stored.verificationStatus).toBe("verified");
    expect(stored.certificateId).not.toBeNull();
  });
});
