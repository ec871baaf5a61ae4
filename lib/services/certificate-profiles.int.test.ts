import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { certificateProfileOf } from "@/lib/db/certificates/profile";
import { createSigner } from "@/lib/db/signers/signers";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { parseCertificateFile } from "@/lib/x509";
import { evaluateFindings } from "./evaluate-findings";
import { importCertificates, type ImportFile } from "./import-certificates";
import { testActor as actor } from "@/lib/testing/actors";

// Issue #15 item 4, done-when: imported together, Debian's Secure Boot and kernel certificates
// (shim, grub, fwupd, linux signers, their Microsoft and Debian CAs, the kernel's module build key),
// the earlier real-world corpus (Apple, Mozilla add-ons, Sigstore, Authenticode) and zlint's
// code-signing test certificates: CSBR findings appear only on the zlint ones, and every finding
// on the others cites a profile that governs them.

const TESTDATA = join(import.meta.dirname, "..", "x509", "testdata");
const now = new Date("2026-12-03T09:00:00Z");

function filesIn(folder: string, filter: (name: string) => boolean = () => true): ImportFile[] {
  return readdirSync(join(TESTDATA, folder))
    .filter((n) => /\.pem$/.test(n) && filter(n))
    .map((name) => ({ name: `${folder}/${name}`, bytes: new Uint8Array(readFileSync(join(TESTDATA, folder, name))) }));
}

type Row = { ruleId: string; sha256: string; subject: string; evidence: Record<string, unknown> };

describeEachDatabase("profiles on a mixed real-world estate", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  let rows: Row[];
  let zlintFingerprints: Set<string>;

  beforeAll(async () => {
    const efi = await createSigner(db, { name: "debian-efi", kind: "ci-pipeline", artifactTypes: ["efi"] });
    const modules = await createSigner(db, { name: "debian-modules", kind: "ci-pipeline", artifactTypes: ["ko"] });
    // leaves in use by a signer, so lifecycle rules speak too; CAs and the rest only imported
    const efiLeaves = ["debian-signer-", "microsoft-windows-uefi-driver-publisher", "microsoft-uefi-ca-2023-signer"];
    const inUseReal = ["apple-developer-id", "authenticode-codetwo", "sigstore-python", "sigstore-js"];
    const isEfiLeaf = (n: string) => efiLeaves.some((p) => n.startsWith(p));
    const isKernelKey = (n: string) => n.includes("module-build-key");
    const isInUseReal = (n: string) => inUseReal.some((p) => n.startsWith(p));
    const load = (files: ImportFile[], signerId?: string) =>
      importCertificates(db, { files, actor, source: "cli", signerId }, { now });
    await load(filesIn("debian-secure-boot", isEfiLeaf), efi.id);
    await load(filesIn("debian-secure-boot", isKernelKey), modules.id);
    await load(filesIn("debian-secure-boot", (n) => !isEfiLeaf(n) && !isKernelKey(n)));
    // one signer each: a later certificate of the same signer would supersede the earlier ones
    for (const file of filesIn("real", isInUseReal)) {
      const signer = await createSigner(db, { name: file.name, kind: "ci-pipeline" });
      await load([file], signer.id);
    }
    await load(filesIn("real", (n) => !isInUseReal(n)));
    const zlint = await importCertificates(db, { files: filesIn("zlint-code-signing"), actor, source: "cli" }, { now });
    expect(zlint.files.every((f) => f.status !== "failed")).toBe(true);
    await evaluateFindings(db, { now });

    const certificates = await db.certificate.findMany({ select: { id: true, sha256: true, subject: true } });
    const byId = new Map(certificates.map((c) => [c.id, c]));
    zlintFingerprints = new Set(
      filesIn("zlint-code-signing").flatMap((f) => parseCertificateFile(f.bytes).certificates.map((c) => c.sha256)),
    );
    const findings = await db.finding.findMany({
      where: { subjectType: "certificate", resolvedAt: null },
      select: { ruleId: true, certificateId: true, evidenceJson: true },
    });
    rows = findings.map((f) => {
      const c = byId.get(f.certificateId!)!;
      return { ruleId: f.ruleId, sha256: c.sha256, subject: c.subject, evidence: JSON.parse(f.evidenceJson) };
    });
  }, 120_000);

  it("raises CSBR findings on zlint's certificates only", () => {
    const csbr = rows.filter((r) => r.evidence.profile === "csbr");
    expect(csbr.length).toBeGreaterThan(15);
    expect(csbr.filter((r) => !zlintFingerprints.has(r.sha256)).map((r) => `${r.ruleId} ${r.subject}`)).toEqual([]);
    // 48 files, 47 certificates: containsProhibitedEKU.pem and noRequiredCodeSigningEKU.pem are the same one
    expect(zlintFingerprints.size).toBe(47);
  });

  it("every other finding cites the profile that governs its certificate, and a requirement of it", () => {
    const others = rows.filter((r) => !zlintFingerprints.has(r.sha256));
    // the in-use signers that expired in 2026 (UEFI), Apple's (2022) and the SHA-1 Authenticode one
    expect(new Set(others.map((r) => r.evidence.profile))).toEqual(new Set(["uefi-secure-boot", "apple", "private"]));
    for (const r of others) {
      expect(r.evidence.requirement, `${r.ruleId} on ${r.subject}`).toEqual(expect.any(String));
      const expected = /Secure Boot|UEFI/.test(r.subject)
        ? "uefi-secure-boot"
        : /kernel key/.test(r.subject)
          ? "kernel-module"
          : undefined;
      if (expected) expect(r.evidence.profile, `${r.ruleId} on ${r.subject}`).toBe(expected);
      expect(r.evidence.profile).not.toBe("csbr");
    }
    // RSA-2048 is what UEFI firmware verifies: not weak for Secure Boot signers and CAs
    expect(others.filter((r) => r.ruleId === "cert.weak-rsa" && /Secure Boot|UEFI/.test(r.subject))).toEqual([]);
    // nor do the CSBR's subject, CRL or AIA requirements reach them
    expect(
      others.filter((r) => ["cert.subject-fields", "cert.no-crl-dp", "cert.no-aia-issuer"].includes(r.ruleId)),
    ).toEqual([]);
  });

  it("chooses each certificate's profile from its policies, its chain or its signer's artifacts", async () => {
    // the choice itself, as the certificate page reads it, not only through the findings it raised
    const of = async (like: string) => {
      const c = await db.certificate.findFirst({ where: { subject: { contains: like } }, select: { id: true } });
      return certificateProfileOf(db, c!.id);
    };
    expect((await of("Signer 2022 - linux"))?.profile).toBe("uefi-secure-boot");
    expect((await of("Build time autogenerated kernel key"))?.profile).toBe("kernel-module");
    expect((await of("Microsoft Corporation UEFI CA 2011"))?.profile).toBe("uefi-secure-boot");
    expect((await of("Developer ID Application"))?.profile).toBe("apple");
    expect((await of("tabscope@xuldev.org"))?.profile).toBe("mozilla-addons");
    expect(await of("Example Co")).toMatchObject({ profile: "csbr", basis: "certificate-policy" });
  });
});
