import { beforeAll, describe, expect, it } from "vitest";
import { createCodeSigningLeaf } from "@/lib/x509/testing/test-ca";
import { scanArtifact } from "./index";
import {
  countersignatureAttribute,
  createTestSigners,
  signCms,
  timestampToken,
  type TestSigners,
} from "./testing/sign-cms";
import { signaturesOf as signed } from "./testing";

const CONTENT = new TextEncoder().encode("release-1.2.3.tar.gz contents\n");
const SIGNED_AT = new Date("2026-03-01T10:00:00Z");
const STAMPED_AT = new Date("2026-03-01T10:00:05Z");

let pki: TestSigners;

beforeAll(async () => {
  pki = await createTestSigners({ rsa: "CN=RSA Signer,O=Signet Test", tsa: "CN=Signet Test TSA,O=Signet Test" });
});

describe("CMS signature files", () => {
  it("reads an attached signature: signer, chain, digest, signing time, verified", async () => {
    const p7m = await signCms({
      content: CONTENT,
      signer: pki.ecLeaf,
      certificates: [pki.ca.intermediate, pki.ecLeaf],
      signingTime: SIGNED_AT,
    });
    const outcome = await scanArtifact("notes.txt.p7m", p7m);
    expect(outcome).toMatchObject({ kind: "signed", format: "cms-attached" });
    const [sig] = signed(outcome);
    expect(sig.signerCertificate).toEqual(pki.ecLeaf.der);
    expect(sig.certificates).toEqual([pki.ecLeaf.der, pki.ca.intermediate.der]);
    expect(sig.digestAlgorithm).toBe("SHA-256");
    expect(sig.claimedSigningTime).toEqual(SIGNED_AT);
    expect(sig.verification).toEqual({ status: "verified" });
    expect(sig.signerId?.serialNumberHex).toBe(pki.ecLeaf.serialHex);
    expect(sig.timestamp).toBeNull();
  });

  it("checks a detached signature against the content it is given, and says why when it is not", async () => {
    const p7s = await signCms({ content: CONTENT, signer: pki.rsaLeaf, encapsulate: "none", hash: "sha384" });
    const [withContent] = signed(await scanArtifact("a.tar.gz.p7s", p7s, { detachedContent: CONTENT }));
    expect(withContent).toMatchObject({
      format: "cms-detached",
      digestAlgorithm: "SHA-384",
      verification: { status: "verified" },
    });
    const [without] = signed(await scanArtifact("a.tar.gz.sig", p7s));
    expect(without.verification).toEqual({
      status: "not-checked",
      reason: "detached signature scanned without the file it signs",
    });
    const other = new TextEncoder().encode("something else");
    const [wrong] = signed(await scanArtifact("a.tar.gz.p7s", p7s, { detachedContent: other }));
    expect(wrong.verification).toEqual({
      status: "failed",
      reason: "the content's digest differs from the signed message digest",
    });
  });

  it("reports a broken signature value as failed", async () => {
    const p7m = await signCms({ content: CONTENT, signer: pki.ecLeaf, isSignatureBroken: true });
    const [sig] = signed(await scanArtifact("x.p7m", p7m));
    expect(sig.verification.status).toBe("failed");
  });

  it("finds the signer by subject key identifier, and signs with Ed25519", async () => {
    const ed = await createCodeSigningLeaf(pki.ca.intermediate, { key: "Ed25519" });
    const p7m = await signCms({ content: CONTENT, signer: ed, bySubjectKeyId: true, certificates: [pki.ca.root, ed] });
    const [sig] = signed(await scanArtifact("x.p7m", p7m));
    expect(sig.signerCertificate).toEqual(ed.der);
    expect(sig.certificates[0]).toEqual(ed.der);
    expect(sig.verification.status).toBe("verified");
  });

  it("reads an RFC 3161 timestamp token over the signature, and checks its imprint", async () => {
    const p7m = await signCms({
      content: CONTENT,
      signer: pki.ecLeaf,
      signingTime: SIGNED_AT,
      unsignedAttributes: async (signatureValue) => [
        attr("1.2.840.113549.1.9.16.2.14", await timestampToken({ tsa: pki.tsa, signatureValue, time: STAMPED_AT })),
      ],
    });
    const [sig] = signed(await scanArtifact("x.p7m", p7m));
    expect(sig.timestamp).toMatchObject({
      kind: "rfc3161",
      time: STAMPED_AT,
      authority: "CN=Signet Test TSA,O=Signet Test",
      verified: true,
      certificates: [pki.tsa.der],
    });
    // a token over some other signature value proves nothing about this one
    const stale = await signCms({
      content: CONTENT,
      signer: pki.ecLeaf,
      unsignedAttributes: async () => [
        attr(
          "1.2.840.113549.1.9.16.2.14",
          await timestampToken({ tsa: pki.tsa, signatureValue: new Uint8Array(8), time: STAMPED_AT }),
        ),
      ],
    });
    const [staleSig] = signed(await scanArtifact("x.p7m", stale));
    expect(staleSig.timestamp?.verified).toBe(false);
  });

  it("reads a legacy countersignature as a timestamp", async () => {
    const p7m = await signCms({
      content: CONTENT,
      signer: pki.ecLeaf,
      certificates: [pki.ecLeaf, pki.tsa],
      unsignedAttributes: (signatureValue) => [
        countersignatureAttribute({ signer: pki.tsa, signatureValue, time: STAMPED_AT }),
      ],
    });
    const [sig] = signed(await scanArtifact("x.p7m", p7m));
    expect(sig.timestamp).toMatchObject({ kind: "authenticode-countersignature", time: STAMPED_AT, verified: true });
  });

  it("accepts PEM, reports a certificates-only bundle as unsigned and garbage as malformed", async () => {
    const p7m = await signCms({ content: CONTENT, signer: pki.ecLeaf });
    const pem = `-----BEGIN PKCS7-----\n${Buffer.from(p7m).toString("base64")}\n-----END PKCS7-----\n`;
    expect((await scanArtifact("x.p7m", new TextEncoder().encode(pem))).kind).toBe("signed");
    const garbage = Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 1, 2, 3);
    expect(await scanArtifact("x.p7s", garbage)).toMatchObject({ kind: "malformed" });
    // an OpenPGP signature is not this reader's business
    expect(await scanArtifact("x.sig", Uint8Array.of(0x89, 0x01, 0x33))).toEqual({
      kind: "unsigned",
      format: null,
      note: null,
    });
  });
});

import { oid, seq, set } from "@/lib/x509/testing/der-writer";
const attr = (type: string, value: Uint8Array) => seq(oid(type), set(value));
