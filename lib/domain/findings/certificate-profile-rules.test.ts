import { describe, expect, it } from "vitest";
import { DAY_MS, addMonthsUtc } from "@/lib/domain/expiry";
import { evaluateCertificate } from "@/lib/domain/findings/evaluate";
import { caCertificate, certificate, ctx, daysFromNow, ids, only } from "@/lib/domain/findings/fixtures";
import type { CertificateRuleInput } from "@/lib/domain/findings/types";

const run = (overrides: Partial<CertificateRuleInput>, policy?: unknown) =>
  evaluateCertificate(certificate(overrides), ctx(policy));
const runCa = (overrides: Partial<CertificateRuleInput>) => evaluateCertificate(caCertificate(overrides), ctx());
const SECOND = 1000;

describe("cert.validity-too-long", () => {
  const cutoff = new Date("2026-03-01T00:00:00Z");

  it("allows exactly 460 days counting the first and last second", () => {
    const notAfter = new Date(cutoff.getTime() + 460 * DAY_MS - SECOND);
    expect(only(run({ notBefore: cutoff, notAfter }), "cert.validity-too-long")).toBeUndefined();
  });

  it("fires one second past 460 days for a certificate issued exactly on 2026-03-01", () => {
    const notAfter = new Date(cutoff.getTime() + 460 * DAY_MS);
    const d = only(run({ notBefore: cutoff, notAfter }), "cert.validity-too-long");
    expect(d).toMatchObject({
      severity: "high",
      threshold: "validity ≤ 460 days, notAfter − notBefore + 1 s (CSBR v3.10 §6.3.2)",
    });
    expect(d?.message).toContain("460 days and 1 s");
    expect(d?.evidence).toMatchObject({
      regime: "460-days",
      periodSeconds: 460 * 86400 + 1,
      limitSeconds: 460 * 86400,
    });
  });

  it("applies 39 months to certificates issued before 2026-03-01", () => {
    const notBefore = new Date(cutoff.getTime() - SECOND);
    // 461 days is fine under the old 39-month limit
    expect(
      only(run({ notBefore, notAfter: new Date(notBefore.getTime() + 461 * DAY_MS) }), "cert.validity-too-long"),
    ).toBeUndefined();
    const nb = new Date("2025-01-15T00:00:00Z");
    expect(
      only(run({ notBefore: nb, notAfter: new Date("2028-04-14T23:59:59Z") }), "cert.validity-too-long"),
    ).toBeUndefined();
    const d = only(run({ notBefore: nb, notAfter: new Date("2028-04-15T00:00:00Z") }), "cert.validity-too-long");
    expect(d?.threshold).toBe("validity ≤ 39 months before 2026-03-01 (CSBR v3.10 §6.3.2)");
  });

  it("adds calendar months clamping the day", () => {
    expect(addMonthsUtc(new Date("2025-01-31T10:00:00Z"), 1).toISOString()).toBe("2025-02-28T10:00:00.000Z");
    expect(addMonthsUtc(new Date("2025-01-15T00:00:00Z"), 39).toISOString()).toBe("2028-04-15T00:00:00.000Z");
  });

  it("does not apply to CA certificates", () => {
    expect(only(runCa({}), "cert.validity-too-long")).toBeUndefined();
  });
});

describe("cert.weak-rsa", () => {
  it("fires below 3072 bits and not at 3072", () => {
    const d = only(run({ keyBits: 3071 }), "cert.weak-rsa");
    expect(d).toMatchObject({ severity: "high", threshold: "RSA ≥ 3072 bits (CSBR v3.10 §6.1.5.2)" });
    expect(d?.message).toContain("3071-bit RSA key");
    expect(only(run({ keyBits: 3072 }), "cert.weak-rsa")).toBeUndefined();
    expect(only(run({ keyAlgorithm: "rsaEncryption", keyBits: 2048 }), "cert.weak-rsa")).toBeDefined();
    expect(only(run({ keyBits: null }), "cert.weak-rsa")?.message).toContain("unknown size");
  });

  it("requires 4096 bits for CA keys", () => {
    expect(only(runCa({ keyBits: 4095 }), "cert.weak-rsa")?.threshold).toBe(
      "RSA ≥ 4096 bits for CA keys (CSBR v3.10 §6.1.5.2)",
    );
    expect(only(runCa({ keyBits: 4096 }), "cert.weak-rsa")).toBeUndefined();
  });

  it("ignores EC keys", () => {
    expect(only(run({ keyAlgorithm: "EC", keyBits: 256, curve: "P-256" }), "cert.weak-rsa")).toBeUndefined();
  });
});

describe("cert.bad-curve", () => {
  const ec = (curve: string | null) => run({ keyAlgorithm: "EC", keyBits: 256, curve });

  it("accepts P-256/P-384/P-521 under any spelling", () => {
    for (const c of ["P-256", "prime256v1", "secp384r1", "1.3.132.0.35"])
      expect(only(ec(c), "cert.bad-curve")).toBeUndefined();
  });

  it("fires for secp256k1, an unknown curve and non-ECDSA algorithms", () => {
    const d = only(ec("secp256k1"), "cert.bad-curve");
    expect(d).toMatchObject({
      severity: "high",
      threshold: "RSA, EC, DSA; ECDSA on P-256, P-384, P-521 (CSBR v3.10 §6.1.5.2)",
    });
    expect(d?.message).toContain("curve secp256k1");
    expect(only(ec(null), "cert.bad-curve")).toBeDefined();
    expect(only(run({ keyAlgorithm: "Ed25519", keyBits: null }), "cert.bad-curve")?.message).toContain("Ed25519 key");
  });
});

describe("cert.weak-signature", () => {
  it("fires for SHA-1 and MD5 by name or OID", () => {
    const d = only(run({ signatureAlgorithm: "sha1WithRSAEncryption" }), "cert.weak-signature");
    expect(d?.severity).toBe("high");
    expect(d?.evidence.digest).toBe("SHA-1");
    expect(only(run({ signatureAlgorithm: "1.2.840.10045.4.1" }), "cert.weak-signature")?.evidence.digest).toBe(
      "SHA-1",
    );
    expect(only(run({ signatureAlgorithm: "md5WithRSAEncryption" }), "cert.weak-signature")?.evidence.digest).toBe(
      "MD5",
    );
  });

  it("accepts SHA-2 family and ignores a self-signed certificate's own signature", () => {
    for (const alg of ["sha256WithRSAEncryption", "ecdsa-with-SHA384", "sha512WithRSAEncryption", "RSASSA-PSS"]) {
      expect(only(run({ signatureAlgorithm: alg }), "cert.weak-signature")).toBeUndefined();
    }
    expect(
      only(run({ signatureAlgorithm: "sha1WithRSAEncryption", isSelfSigned: true }), "cert.weak-signature"),
    ).toBeUndefined();
  });
});

describe("cert.eku-missing and cert.eku-forbidden", () => {
  it("fires eku-missing when there is no EKU extension", () => {
    const d = only(run({ ekus: [] }), "cert.eku-missing");
    expect(d?.severity).toBe("high");
    expect(d?.message).toContain("no extended key usage extension");
  });

  it("flags a serverAuth-only certificate as both missing code signing and forbidden", () => {
    const drafts = run({ ekus: ["1.3.6.1.5.5.7.3.1"] });
    expect(ids(drafts)).toEqual(["cert.eku-forbidden", "cert.eku-missing"]);
    expect(only(drafts, "cert.eku-forbidden")?.message).toContain("serverAuth");
  });

  it("fires eku-forbidden for anyExtendedKeyUsage next to codeSigning", () => {
    const drafts = run({ ekus: ["1.3.6.1.5.5.7.3.3", "2.5.29.37.0"] });
    expect(ids(drafts)).toEqual(["cert.eku-forbidden"]);
    expect(only(drafts, "cert.eku-forbidden")?.message).toContain("anyExtendedKeyUsage");
  });

  it("accepts codeSigning by name and alongside timeStamping, and skips CAs", () => {
    expect(run({ ekus: ["codeSigning", "1.3.6.1.5.5.7.3.8"] })).toEqual([]);
    expect(runCa({ ekus: ["2.5.29.37.0"] })).toEqual([]);
  });
});

describe("cert.key-usage", () => {
  it("fires, medium, when keyUsage is not critical", () => {
    const d = only(run({ isKeyUsageCritical: false }), "cert.key-usage");
    expect(d?.severity).toBe("medium");
    expect(d?.message).toContain("not marked critical");
  });

  it("fires for missing digitalSignature, keyCertSign/cRLSign, or no extension", () => {
    expect(only(run({ keyUsage: ["nonRepudiation"] }), "cert.key-usage")?.message).toContain(
      "digitalSignature is missing",
    );
    expect(only(run({ keyUsage: ["digitalSignature", "keyCertSign"] }), "cert.key-usage")?.message).toContain(
      "keyCertSign is set",
    );
    expect(only(run({ keyUsage: [], isKeyUsageCritical: false }), "cert.key-usage")?.evidence.problems).toEqual([
      "keyUsage extension is absent",
    ]);
  });

  it("is satisfied by critical digitalSignature and skips CA certificates", () => {
    // other bits SHOULD NOT be set: a recommendation, low on its own (zlint warns)
    expect(only(run({ keyUsage: ["digitalSignature", "nonRepudiation"] }), "cert.key-usage")).toMatchObject({
      severity: "low",
      evidence: { problems: [], advice: ["nonRepudiation is set (not recommended)"] },
    });
    expect(only(runCa({ isKeyUsageCritical: false }), "cert.key-usage")).toBeUndefined();
  });
});

describe("cert.no-crl-dp", () => {
  it("fires, medium, without an http:// CRL distribution point", () => {
    expect(only(run({ crlUrls: [] }), "cert.no-crl-dp")?.severity).toBe("medium");
    expect(only(run({ crlUrls: ["https://crl.acme.test/cs.crl"] }), "cert.no-crl-dp")?.message).toContain(
      "only non-HTTP CRL URLs",
    );
  });

  it("accepts any http:// entry and skips self-signed certificates", () => {
    expect(
      only(run({ crlUrls: ["ldap://dir.acme.test/cs", "http://crl.acme.test/cs.crl"] }), "cert.no-crl-dp"),
    ).toBeUndefined();
    expect(only(run({ crlUrls: [], isSelfSigned: true }), "cert.no-crl-dp")).toBeUndefined();
  });
});

describe("cert.no-aia-issuer", () => {
  it("fires, low, for a missing caIssuers URL, a non-HTTP OCSP URL or a missing AKI", () => {
    expect(only(run({ caIssuersUrls: [] }), "cert.no-aia-issuer")?.severity).toBe("low");
    expect(only(run({ ocspUrls: ["https://ocsp.acme.test"] }), "cert.no-aia-issuer")?.message).toContain(
      "OCSP URL not HTTP",
    );
    expect(only(run({ authorityKeyId: null }), "cert.no-aia-issuer")?.message).toContain("no Authority Key Identifier");
  });

  it("skips self-signed certificates", () => {
    expect(
      only(run({ caIssuersUrls: [], authorityKeyId: null, isSelfSigned: true }), "cert.no-aia-issuer"),
    ).toBeUndefined();
  });
});

describe("which certificates get profile checks", () => {
  it("an expired certificate nobody uses is history: no findings", () => {
    const bad = { signatureAlgorithm: "sha1WithRSAEncryption", keyBits: 1024, ekus: [] };
    expect(run({ ...bad, notAfter: daysFromNow(-1), signers: [] })).toEqual([]);
    // the same certificate, unexpired but not linked to a signer, is still checked
    expect(ids(run({ ...bad, signers: [] }))).toEqual(["cert.eku-missing", "cert.weak-rsa", "cert.weak-signature"]);
  });
});

describe("profiles: CSBR rules only where the CSBR governs", () => {
  // no CA/B Forum policy OID: the certificate is judged by the private profile
  const bad = { policies: [], keyBits: 2048, isKeyUsageCritical: false, notBefore: new Date("2026-06-01T00:00:00Z") };

  it("judges a private certificate by the deployment's thresholds, naming the profile and requirement", () => {
    const drafts = run(bad);
    expect(ids(drafts)).toEqual(["cert.key-usage", "cert.weak-rsa"]);
    expect(only(drafts, "cert.weak-rsa")?.evidence).toMatchObject({
      profile: "private",
      requirement: "Deployment policy for private issuers (after CSBR §6.1.5.2)",
    });
    expect(only(drafts, "cert.weak-rsa")?.threshold).toBe(
      "RSA ≥ 3072 bits (Deployment policy for private issuers (after CSBR §6.1.5.2))",
    );
  });

  it("skips the private profile's CSBR-modelled rules when policy says so, keeping lifecycle rules", () => {
    const policy = { csbr: { isEnforcedForPrivateIssuers: false } };
    expect(run(bad, policy)).toEqual([]);
    expect(ids(run({ ...bad, notAfter: daysFromNow(3) }, policy))).toEqual(["cert.expiring"]);
    // a CSBR policy OID, or an issuer the policy names publicly trusted, brings the CSBR back
    expect(ids(run({ ...bad, policies: ["2.23.140.1.4.1"] }, policy))).toEqual(["cert.key-usage", "cert.weak-rsa"]);
    const publicIssuer = {
      csbr: { isEnforcedForPrivateIssuers: false, publicIssuerPatterns: ["acme code signing ca"] },
    };
    const drafts = run(bad, publicIssuer);
    expect(ids(drafts)).toEqual(["cert.key-usage", "cert.weak-rsa"]);
    expect(only(drafts, "cert.weak-rsa")?.evidence).toMatchObject({
      profile: "csbr",
      requirement: "CSBR v3.10 §6.1.5.2",
    });
  });

  it("applies each CSBR requirement from its own effective date", () => {
    const csbr = { policies: ["2.23.140.1.4.1"], keyBits: 2048 };
    // RSA-3072 binds certificates issued on or after 2021-06-01
    expect(only(run({ ...csbr, notBefore: new Date("2021-05-31T23:59:59Z") }), "cert.weak-rsa")).toBeUndefined();
    expect(only(run({ ...csbr, notBefore: new Date("2021-06-01T00:00:00Z") }), "cert.weak-rsa")).toBeDefined();
    // a 2006 CA is not judged by a requirement for CAs created after 2021
    expect(
      only(runCa({ ...csbr, notBefore: new Date("2006-01-01T00:00:00Z"), keyBits: 2048 }), "cert.weak-rsa"),
    ).toBeUndefined();
  });

  it("judges a UEFI Secure Boot signer by the UEFI profile: RSA-2048 is what the firmware verifies", () => {
    const uefi = { policies: [], issuer: "CN=Debian Secure Boot CA", keyBits: 2048, crlUrls: [], ocspUrls: [] };
    const drafts = run(uefi);
    expect(drafts).toEqual([]);
    expect(only(run({ ...uefi, keyBits: 1024 }), "cert.weak-rsa")).toMatchObject({
      threshold: "RSA ≥ 2048 bits (UEFI 2.10 §32.6 (db/KEK signatures: RSA-2048 with SHA-256))",
      evidence: { profile: "uefi-secure-boot" },
    });
  });
});

describe("cert.subject-fields", () => {
  const subjectOf = (subject: string, policies = ["2.23.140.1.4.1"]) =>
    only(run({ subject, policies }), "cert.subject-fields")?.evidence.problems;

  it("asks for organisation, ISO country and locality or state; forbids domainComponent", () => {
    expect(subjectOf("CN=X,O=Acme,ST=Bavaria,C=DE")).toBeUndefined();
    expect(subjectOf("CN=X,O=Acme,L=Berlin,C=XX")).toBeUndefined();
    expect(subjectOf("CN=X,L=Berlin,C=DE")).toEqual(["no organizationName (§7.1.4.2.3, §7.1.4.2.4)"]);
    expect(subjectOf("CN=X,O=Acme,L=Berlin,C=ZZ")).toEqual([
      "countryName “ZZ” is not an ISO 3166-1 code (§7.1.4.2.3 f)",
    ]);
    expect(subjectOf("CN=X,O=Acme,C=DE")).toEqual(["neither localityName nor stateOrProvinceName (§7.1.4.2.3 c, d)"]);
    expect(subjectOf("CN=X,O=Acme,L=Berlin,C=DE,DC=com")).toEqual(["domainComponent is present (§7.1.4.2.2 c)"]);
  });

  it("EV certificates need the organisation but not the non-EV location fields", () => {
    expect(subjectOf("CN=X,O=Acme", ["2.23.140.1.3"])).toBeUndefined();
    expect(subjectOf("CN=X", ["2.23.140.1.3"])).toEqual(["no organizationName (§7.1.4.2.3, §7.1.4.2.4)"]);
  });

  it("is a CSBR requirement only: private certificates are not held to it", () => {
    expect(only(run({ subject: "CN=X", policies: [] }), "cert.subject-fields")).toBeUndefined();
  });
});

describe("malformed URLs (zlint parity)", () => {
  it("a CRL distribution point that is not a URL, or a URL with a line break, is not accepted", () => {
    const crl = only(
      run({ crlUrls: ["crl1.example.com/ca1.crl", "http://crl2.example.com/ca1.crl"] }),
      "cert.no-crl-dp",
    );
    expect(crl?.message).toContain("not URLs");
    expect(only(run({ caIssuersUrls: ["http://exa\nmple.com/ca1.crt"] }), "cert.no-aia-issuer")?.message).toContain(
      "caIssuers URL not HTTP",
    );
  });

  it("AIA or CRL DP marked critical, when the caller read criticality from the DER", () => {
    expect(only(run({ criticalExtensionOids: ["1.3.6.1.5.5.7.1.1"] }), "cert.no-aia-issuer")?.message).toContain(
      "marked critical",
    );
    expect(only(run({ criticalExtensionOids: ["2.5.29.31"] }), "cert.no-crl-dp")?.message).toContain("marked critical");
  });
});
