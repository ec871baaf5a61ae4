import { describe, expect, it } from "vitest";
import { evaluateCertificate } from "@/lib/domain/findings/evaluate";
import { NOW, caCertificate, certificate, ctx, daysFromNow, ids, only } from "@/lib/domain/findings/fixtures";
import type { CertificateRuleInput } from "@/lib/domain/findings/types";

const run = (overrides: Partial<CertificateRuleInput>, policy?: unknown) =>
  evaluateCertificate(certificate(overrides), ctx(policy));
const runCa = (overrides: Partial<CertificateRuleInput>) => evaluateCertificate(caCertificate(overrides), ctx());

describe("baseline", () => {
  it("a compliant signing certificate and its CA produce no findings", () => {
    expect(evaluateCertificate(certificate(), ctx())).toEqual([]);
    expect(evaluateCertificate(caCertificate(), ctx())).toEqual([]);
  });
});

describe("cert.expired", () => {
  it("fires, critical, when a signer still uses an expired certificate", () => {
    const d = only(run({ notAfter: new Date(NOW.getTime() - 1000) }), "cert.expired");
    expect(d).toMatchObject({
      severity: "critical",
      subjectType: "certificate",
      subjectId: "cert-1",
      certificateId: "cert-1",
      keyId: "key-1",
      signerId: "sig-1",
    });
    expect(d?.message).toContain("“Acme Release Signing”");
    expect(d?.message).toContain("expired on 2026-11-23");
    expect(d?.message).toContain("“payments-release”");
  });

  it("is not expired through its notAfter second", () => {
    expect(only(run({ notAfter: NOW }), "cert.expired")).toBeUndefined();
  });

  it("judges the same input again by a later clock (a certificate's use is remembered per instant)", () => {
    // unused and with a short RSA key: checked while unexpired, history once expired
    const c = certificate({ notAfter: NOW, signers: [], keyAlgorithm: "RSA", keyBits: 2048 });
    expect(only(evaluateCertificate(c, ctx()), "cert.weak-rsa")).toBeDefined();
    const later = { ...ctx(), now: new Date(NOW.getTime() + 1000) };
    expect(only(evaluateCertificate(c, later), "cert.weak-rsa")).toBeUndefined();
    expect(only(evaluateCertificate(c, ctx()), "cert.weak-rsa")).toBeDefined();
  });

  it("stays quiet once renewed, unused or the signer is decommissioned", () => {
    const expired = { notAfter: daysFromNow(-10), latestSigningAt: daysFromNow(-20) };
    expect(run({ ...expired, isSuperseded: true })).toEqual([]);
    expect(run({ ...expired, signers: [] })).toEqual([]);
    expect(
      run({ ...expired, signers: [{ id: "sig-1", name: "old", status: "decommissioned", lastSignedAt: null }] }),
    ).toEqual([]);
  });

  it("counts suspended signers as users (suspension is reversible)", () => {
    const d = run({
      notAfter: daysFromNow(-10),
      signers: [{ id: "sig-1", name: "payments-release", status: "suspended", lastSignedAt: null }],
    });
    expect(ids(d)).toEqual(["cert.expired"]);
  });

  it("fires when the certificate signed after it expired, even if superseded", () => {
    const d = only(
      run({ notAfter: daysFromNow(-10), isSuperseded: true, latestSigningAt: daysFromNow(-3) }),
      "cert.expired",
    );
    expect(d?.evidence).toMatchObject({ isSignedAfterExpiry: true });
    expect(d?.message).toContain("after it expired");
    // signing after expiry long ago is history
    expect(run({ notAfter: daysFromNow(-200), isSuperseded: true, latestSigningAt: daysFromNow(-100) })).toEqual([]);
  });

  it("fires for an expired CA that in-use certificates chain to", () => {
    expect(only(runCa({ notAfter: daysFromNow(-1) }), "cert.expired")?.message).toContain(
      "3 in-use certificates chain to it",
    );
    expect(runCa({ notAfter: daysFromNow(-1), inUseIssuedCertificateCount: 0 })).toEqual([]);
  });
});

describe("cert.expiring", () => {
  it("uses the bands: ≤ 14 d high, ≤ 30 d medium, ≤ 90 d low", () => {
    const high = only(run({ notAfter: daysFromNow(12) }), "cert.expiring");
    expect(high).toMatchObject({ severity: "high", threshold: "expires within 14 days (bands 14/30/90 d)" });
    expect(high?.message).toContain("(in 12 days)");
    expect(high?.evidence).toMatchObject({ daysLeft: 12, bandDays: 14 });
    expect(only(run({ notAfter: daysFromNow(14) }), "cert.expiring")?.severity).toBe("high");
    expect(only(run({ notAfter: daysFromNow(14, 1000) }), "cert.expiring")?.severity).toBe("medium");
    expect(only(run({ notAfter: daysFromNow(60) }), "cert.expiring")?.severity).toBe("low");
    expect(only(run({ notAfter: daysFromNow(90, 1000) }), "cert.expiring")).toBeUndefined();
  });

  it("does not fire once a renewed certificate supersedes it, or when nobody uses it", () => {
    expect(run({ notAfter: daysFromNow(5), isSuperseded: true })).toEqual([]);
    expect(run({ notAfter: daysFromNow(5), signers: [] })).toEqual([]);
  });

  it("follows policy bands", () => {
    const d = only(
      run({ notAfter: daysFromNow(5) }, { expiry: { bands: [{ withinDays: 7, severity: "critical" }] } }),
      "cert.expiring",
    );
    expect(d?.severity).toBe("critical");
  });

  it("uses the 180/365-day CA bands for a CA in use", () => {
    const d = only(runCa({ notAfter: daysFromNow(200) }), "cert.expiring");
    expect(d).toMatchObject({
      severity: "medium",
      threshold: "CA certificate expires within 365 days (bands 180/365 d)",
    });
    expect(only(runCa({ notAfter: daysFromNow(100) }), "cert.expiring")?.severity).toBe("high");
    expect(runCa({ notAfter: daysFromNow(200), inUseIssuedCertificateCount: 0 })).toEqual([]);
  });
});

describe("cert.revoked-in-use", () => {
  const revoked = {
    revocationStatus: "revoked" as const,
    revokedAt: daysFromNow(-5),
    revocationReason: "keyCompromise",
    latestSigningAt: daysFromNow(-10),
    signers: [{ id: "sig-1", name: "payments-release", status: "active" as const, lastSignedAt: daysFromNow(-10) }],
  };

  it("fires, critical, while an active signer still uses it", () => {
    const d = only(run(revoked), "cert.revoked-in-use");
    expect(d?.severity).toBe("critical");
    expect(d?.message).toContain("revoked on 2026-11-18 (reason: keyCompromise)");
    expect(d?.message).toContain("active signer “payments-release”");
  });

  it("fires when it signed after the revocation date", () => {
    const d = only(run({ ...revoked, isSuperseded: true, latestSigningAt: daysFromNow(-1) }), "cert.revoked-in-use");
    expect(d?.evidence).toMatchObject({ isUsedAfterRevocation: true });
    const bySigner = run({
      ...revoked,
      latestSigningAt: null,
      signers: [{ id: "sig-1", name: "payments-release", status: "suspended", lastSignedAt: daysFromNow(-1) }],
    });
    expect(only(bySigner, "cert.revoked-in-use")).toBeDefined();
  });

  it("is quiet when renewed and not used since, or when the signer is suspended", () => {
    expect(only(run({ ...revoked, isSuperseded: true }), "cert.revoked-in-use")).toBeUndefined();
    const suspended = run({
      ...revoked,
      signers: [{ id: "sig-1", name: "x", status: "suspended", lastSignedAt: daysFromNow(-10) }],
    });
    expect(only(suspended, "cert.revoked-in-use")).toBeUndefined();
    expect(only(run({ revocationStatus: "good" }), "cert.revoked-in-use")).toBeUndefined();
  });

  it("without a revocation date only the active signer counts", () => {
    expect(only(run({ ...revoked, revokedAt: null }), "cert.revoked-in-use")).toBeDefined();
    expect(
      only(run({ ...revoked, revokedAt: null, isSuperseded: true, latestSigningAt: NOW }), "cert.revoked-in-use"),
    ).toBeUndefined();
  });
});

describe("cert.revocation-unknown", () => {
  it("fires when the status has not been established for more than 7 days", () => {
    const d = only(
      run({
        revocationStatus: "unknown",
        revocationCheckedAt: daysFromNow(-8),
        revocationError: "OCSP responder timed out",
      }),
      "cert.revocation-unknown",
    );
    expect(d).toMatchObject({ severity: "medium", threshold: "revocation status established within 7 days" });
    expect(d?.message).toContain("8 days ago");
    expect(d?.message).toContain("OCSP responder timed out");
  });

  it("does not fire at exactly 7 days", () => {
    expect(
      only(run({ revocationStatus: "unknown", revocationCheckedAt: daysFromNow(-7) }), "cert.revocation-unknown"),
    ).toBeUndefined();
  });

  it("counts from import when never checked, and flags a stale good answer", () => {
    const never = only(
      run({ revocationStatus: "unchecked", revocationCheckedAt: null, importedAt: daysFromNow(-10) }),
      "cert.revocation-unknown",
    );
    expect(never?.message).toContain("never established since import");
    expect(
      only(
        run({ revocationStatus: "unchecked", revocationCheckedAt: null, importedAt: daysFromNow(-2) }),
        "cert.revocation-unknown",
      ),
    ).toBeUndefined();
    expect(
      only(run({ revocationStatus: "good", revocationCheckedAt: daysFromNow(-9) }), "cert.revocation-unknown"),
    ).toBeDefined();
  });

  it("leaves revoked, unused and unrevocable certificates to other rules", () => {
    const stale = { revocationStatus: "unknown" as const, revocationCheckedAt: daysFromNow(-30) };
    expect(only(run({ ...stale, signers: [] }), "cert.revocation-unknown")).toBeUndefined();
    expect(ids(run({ ...stale, crlUrls: [], ocspUrls: [] }))).not.toContain("cert.revocation-unknown");
    expect(
      only(run({ ...stale, revocationStatus: "revoked", revokedAt: daysFromNow(-1) }), "cert.revocation-unknown"),
    ).toBeUndefined();
  });
});

describe("cert.no-revocation-info", () => {
  it("fires, high, with neither CRL nor OCSP", () => {
    const d = only(run({ crlUrls: [], ocspUrls: [] }), "cert.no-revocation-info");
    expect(d?.severity).toBe("high");
    expect(d?.message).toContain("revocation can never be checked");
  });

  it("is satisfied by OCSP alone, and skips self-signed and expired unused certificates", () => {
    expect(only(run({ crlUrls: [] }), "cert.no-revocation-info")).toBeUndefined();
    expect(only(run({ crlUrls: [], ocspUrls: [], isSelfSigned: true }), "cert.no-revocation-info")).toBeUndefined();
    expect(run({ crlUrls: [], ocspUrls: [], signers: [], notAfter: daysFromNow(-1) })).toEqual([]);
  });
});

describe("cert.ca-signer", () => {
  it("fires, critical, when a signer uses a CA certificate", () => {
    const d = only(
      runCa({ signers: [{ id: "sig-9", name: "legacy-build", status: "active", lastSignedAt: null }] }),
      "cert.ca-signer",
    );
    expect(d).toMatchObject({ severity: "critical", signerId: "sig-9" });
    expect(d?.message).toContain("basicConstraints cA=true");
  });

  it("is quiet for a CA nobody signs with and for end-entity certificates", () => {
    expect(only(runCa({}), "cert.ca-signer")).toBeUndefined();
    expect(only(run({}), "cert.ca-signer")).toBeUndefined();
  });
});

describe("cert.self-signed-signer", () => {
  it("fires, medium, when a signer releases with a self-signed certificate", () => {
    const d = only(
      run({ isSelfSigned: true, issuer: "CN=Acme Release Signing,O=Acme Corp,C=DE" }),
      "cert.self-signed-signer",
    );
    expect(d?.severity).toBe("medium");
  });

  it("is quiet when no signer uses it", () => {
    expect(only(run({ isSelfSigned: true, signers: [] }), "cert.self-signed-signer")).toBeUndefined();
  });
});

describe("shared certificates", () => {
  it("leaves signerId empty when several signers use the certificate", () => {
    const d = only(
      run({
        notAfter: daysFromNow(3),
        signers: [
          { id: "sig-1", name: "a", status: "active", lastSignedAt: null },
          { id: "sig-2", name: "b", status: "active", lastSignedAt: null },
        ],
      }),
      "cert.expiring",
    );
    expect(d?.signerId).toBeUndefined();
    expect(d?.evidence.signerIds).toEqual(["sig-1", "sig-2"]);
  });
});
