import { describe, expect, it } from "vitest";
import { evaluateCertificate, evaluateKey } from "@/lib/domain/findings/evaluate";
import { NOW, certificate, ctx, daysFromNow, ids, key } from "@/lib/domain/findings/fixtures";

// A Sigstore keyless certificate lives ten minutes and its key is thrown away after one signing:
// the rules judge it by the signing time, not by today's date or the custody of a key that is gone.
const tenMinutesAgo = new Date(NOW.getTime() - 20 * 60_000);
const keyless = {
  isKeyless: true,
  notBefore: tenMinutesAgo,
  notAfter: new Date(tenMinutesAgo.getTime() + 10 * 60_000),
  crlUrls: [],
  ocspUrls: [],
  latestSigningAt: new Date(tenMinutesAgo.getTime() + 60_000),
};

describe("keyless certificates", () => {
  it("raise no cert.expired, cert.expiring or revocation finding while a signer uses them", () => {
    const found = ids(evaluateCertificate(certificate(keyless), ctx()));
    expect(found).not.toContain("cert.expired");
    expect(found).not.toContain("cert.expiring");
    expect(found).not.toContain("cert.no-revocation-info");
    expect(found).not.toContain("cert.revocation-unknown");
  });

  it("the same certificate without the keyless flag is expired and unrevocable", () => {
    const found = ids(evaluateCertificate(certificate({ ...keyless, isKeyless: false }), ctx()));
    expect(found).toEqual(expect.arrayContaining(["cert.expired", "cert.no-revocation-info"]));
  });

  it("a year later, still nothing about expiry", () => {
    const later = { ...ctx(), now: daysFromNow(365) };
    expect(ids(evaluateCertificate(certificate(keyless), later))).not.toContain("cert.expired");
  });
});

describe("ephemeral keys (certified only by keyless certificates)", () => {
  const ephemeral = {
    custody: "unknown",
    custodyEvidence: null,
    firstSeenAt: daysFromNow(-2000),
    certificates: [
      { id: "c", sha256: "c".repeat(64), notBefore: daysFromNow(-2000), notAfter: daysFromNow(-1999), isKeyless: true },
    ],
  };

  it("raise no custody or rotation finding", () => {
    const found = ids(evaluateKey(key(ephemeral), ctx()));
    expect(found).not.toContain("key.not-in-hsm");
    expect(found).not.toContain("key.rotation-overdue");
  });

  it("a key also certified by an ordinary certificate is judged as usual", () => {
    const mixed = key({
      ...ephemeral,
      certificates: [...ephemeral.certificates, { ...ephemeral.certificates[0], id: "d", isKeyless: false }],
    });
    expect(ids(evaluateKey(mixed, ctx()))).toEqual(expect.arrayContaining(["key.not-in-hsm", "key.rotation-overdue"]));
  });
});
