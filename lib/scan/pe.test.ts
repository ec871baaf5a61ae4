import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { oid, seq, set } from "@/lib/x509/testing/der-writer";
import { MAX_CMS_DEPTH } from "./cms";
import { scanArtifact } from "./index";
import { authenticodeSignature, buildPe, PE_OFFSETS, withCertificateTable } from "./testing/build-pe";
import { createTestSigners, timestampToken, type TestSigners } from "./testing/sign-cms";
import { signaturesOf as signatures } from "./testing";

const SIGNED_AT = new Date("2026-02-01T09:00:00Z");
const STAMPED_AT = new Date("2026-02-01T09:00:03Z");
const attr = (type: string, value: Uint8Array) => seq(oid(type), set(value));

let pki: TestSigners;

beforeAll(async () => {
  pki = await createTestSigners({
    rsa: "CN=Acme Release,O=Acme",
    ec: "CN=Acme Legacy,O=Acme",
    tsa: "CN=Acme TSA,O=Acme",
  });
});

/** RSA/SHA-256 with an RFC 3161 timestamp, and a nested P-256/SHA-1 signature. */
async function signedImage(pe = buildPe()) {
  const nested = await authenticodeSignature(pe, {
    signer: pki.ecLeaf,
    hash: "sha1",
    certificates: [pki.ecLeaf, pki.ca.intermediate],
  });
  const primary = await authenticodeSignature(pe, {
    signer: pki.rsaLeaf,
    certificates: [pki.ca.intermediate, pki.rsaLeaf],
    signingTime: SIGNED_AT,
    unsignedAttributes: async (signatureValue) => [
      attr("1.3.6.1.4.1.311.3.3.1", await timestampToken({ tsa: pki.tsa, signatureValue, time: STAMPED_AT })),
      attr("1.3.6.1.4.1.311.2.4.1", nested),
    ],
  });
  return withCertificateTable(pe, [primary]);
}

describe("Authenticode PE reader", () => {
  it("reads a signature, its RFC 3161 timestamp and a nested signature, all verified", async () => {
    const image = await signedImage();
    if (process.env.SCAN_WRITE_SAMPLES) writeFileSync(process.env.SCAN_WRITE_SAMPLES, image);
    const outcome = await scanArtifact("tool.exe", image);
    const [primary, nested] = signatures(outcome);
    expect(primary).toMatchObject({
      format: "authenticode-pe",
      location: "signature 1",
      signerCertificate: pki.rsaLeaf.der,
      certificates: [pki.rsaLeaf.der, pki.ca.intermediate.der],
      digestAlgorithm: "SHA-256",
      claimedSigningTime: SIGNED_AT,
      verification: { status: "verified" },
      timestamp: { kind: "rfc3161", time: STAMPED_AT, authority: "CN=Acme TSA,O=Acme", verified: true },
    });
    expect(nested).toMatchObject({
      location: "signature 1, nested 1",
      signerCertificate: pki.ecLeaf.der,
      digestAlgorithm: "SHA-1",
      verification: { status: "verified" },
      timestamp: null,
    });
  });

  it("follows nested signatures inside nested signatures: three signatures two deep, each verified", async () => {
    const pe = buildPe();
    const deepest = await authenticodeSignature(pe, {
      signer: pki.rsaLeaf,
      hash: "sha512",
      unsignedAttributes: async (signatureValue) => [
        attr("1.3.6.1.4.1.311.3.3.1", await timestampToken({ tsa: pki.tsa, signatureValue, time: STAMPED_AT })),
      ],
    });
    const middle = await authenticodeSignature(pe, {
      signer: pki.ecLeaf,
      hash: "sha384",
      unsignedAttributes: () => [attr("1.3.6.1.4.1.311.2.4.1", deepest)],
    });
    const top = await authenticodeSignature(pe, {
      signer: pki.rsaLeaf,
      unsignedAttributes: () => [attr("1.3.6.1.4.1.311.2.4.1", middle)],
    });
    const image = withCertificateTable(pe, [top]);
    expect(
      signatures(await scanArtifact("tool.exe", image)).map((s) => ({
        location: s.location,
        signer: s.signerCertificate,
        digest: s.digestAlgorithm,
        verification: s.verification.status,
        timestampedAt: s.timestamp?.time ?? null,
      })),
    ).toEqual([
      {
        location: "signature 1",
        signer: pki.rsaLeaf.der,
        digest: "SHA-256",
        verification: "verified",
        timestampedAt: null,
      },
      {
        location: "signature 1, nested 1",
        signer: pki.ecLeaf.der,
        digest: "SHA-384",
        verification: "verified",
        timestampedAt: null,
      },
      {
        location: "signature 1, nested 1, nested 1",
        signer: pki.rsaLeaf.der,
        digest: "SHA-512",
        verification: "verified",
        timestampedAt: STAMPED_AT,
      },
    ]);
    const tampered = image.slice();
    tampered[PE_OFFSETS.section + 100] ^= 1;
    expect(signatures(await scanArtifact("tool.exe", tampered)).map((s) => s.verification.status)).toEqual([
      "failed",
      "failed",
      "failed",
    ]);
  });

  it("refuses signatures nested past the depth limit as malformed", async () => {
    const pe = buildPe();
    let der = await authenticodeSignature(pe, { signer: pki.ecLeaf });
    for (let level = 0; level < MAX_CMS_DEPTH; level++) {
      const inner = der;
      der = await authenticodeSignature(pe, {
        signer: pki.ecLeaf,
        unsignedAttributes: () => [attr("1.3.6.1.4.1.311.2.4.1", inner)],
      });
    }
    // MAX_CMS_DEPTH levels below the top are read; one more is refused
    const atLimit = signatures(await scanArtifact("tool.exe", withCertificateTable(pe, [der])));
    expect(atLimit).toHaveLength(MAX_CMS_DEPTH + 1);
    const past = await authenticodeSignature(pe, {
      signer: pki.ecLeaf,
      unsignedAttributes: () => [attr("1.3.6.1.4.1.311.2.4.1", der)],
    });
    expect(await scanArtifact("tool.exe", withCertificateTable(pe, [past]))).toEqual({
      kind: "malformed",
      format: "authenticode-pe",
      reason: `signatures nested deeper than ${MAX_CMS_DEPTH} levels`,
    });
  });

  it("fails every signature when the image changed after signing, but not for the checksum", async () => {
    const image = await signedImage();
    const tampered = image.slice();
    tampered[PE_OFFSETS.section + 100] ^= 1;
    for (const sig of signatures(await scanArtifact("tool.exe", tampered)))
      expect(sig.verification).toEqual({
        status: "failed",
        reason: "the image hash differs from the signed digest (the file was changed after signing)",
      });
    const rechecksummed = image.slice();
    rechecksummed[PE_OFFSETS.checksum] ^= 0xff;
    for (const sig of signatures(await scanArtifact("tool.exe", rechecksummed)))
      expect(sig.verification.status).toBe("verified");
  });

  it("reads several WIN_CERTIFICATE entries (as shim carries)", async () => {
    const pe = buildPe({ subsystem: 10 });
    const first = await authenticodeSignature(pe, { signer: pki.rsaLeaf });
    const second = await authenticodeSignature(pe, { signer: pki.ecLeaf, hash: "sha384" });
    const sigs = signatures(await scanArtifact("BOOTX64.EFI", withCertificateTable(pe, [first, second])));
    expect(sigs.map((s) => [s.location, s.verification.status])).toEqual([
      ["signature 1", "verified"],
      ["signature 2", "verified"],
    ]);
  });

  it("says unsigned for an image without a certificate table, malformed for broken headers", async () => {
    expect(await scanArtifact("tool.exe", buildPe())).toEqual({
      kind: "unsigned",
      format: "authenticode-pe",
      note: null,
    });
    const image = await signedImage();
    const view = new DataView(image.buffer, image.byteOffset);
    const huge = image.slice();
    new DataView(huge.buffer).setUint32(PE_OFFSETS.certificateEntry + 4, 0xfffffff0, true);
    expect(await scanArtifact("tool.exe", huge)).toMatchObject({
      kind: "malformed",
      reason: "the certificate table runs past the end of the file",
    });
    const lying = image.slice();
    new DataView(lying.buffer).setUint32(view.getUint32(PE_OFFSETS.certificateEntry, true), 0x7fffffff, true);
    expect(await scanArtifact("tool.exe", lying)).toMatchObject({ kind: "malformed" });
    const badLfanew = image.slice();
    new DataView(badLfanew.buffer).setUint32(0x3c, 0xffffff00, true);
    expect(await scanArtifact("tool.exe", badLfanew)).toMatchObject({
      kind: "malformed",
      reason: "PE header lies beyond the end of the file",
    });
    expect(await scanArtifact("tool.exe", image.subarray(0, 100))).toMatchObject({ kind: "malformed" });
  });
});
