// Live checks against a real test CA's OCSP responder and CRL on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RevocationChecker, type CheckTarget, type FetchSettings } from "@/lib/revocation";
import { startTestResponder, type TestResponder } from "@/lib/revocation/testing/test-responder";
import { createCodeSigningLeaf, type TestCertificate } from "@/lib/x509/testing/test-ca";

let responder: TestResponder;
const allow: FetchSettings = { allowHosts: ["127.0.0.1"], timeoutMs: 1_500 };

function checker(fetch: FetchSettings = {}) {
  return new RevocationChecker({ now: new Date(), fetch: { ...allow, ...fetch } });
}

function target(leaf: TestCertificate, urls: { ocsp?: string[]; crl?: string[] }): CheckTarget {
  return { der: leaf.der, issuerDer: responder.ca.der, ocspUrls: urls.ocsp ?? [], crlUrls: urls.crl ?? [] };
}

beforeAll(async () => {
  responder = await startTestResponder();
});
afterAll(async () => {
  await responder.close();
});

describe("OCSP", () => {
  it("reports good, with thisUpdate and nextUpdate from the signed response", async () => {
    const leaf = await responder.issueLeaf();
    const r = await checker().check(target(leaf, { ocsp: [responder.ocspUrl()] }));
    expect(r).toMatchObject({
      outcome: "good",
      source: "ocsp",
      url: responder.ocspUrl(),
      reason: null,
      revokedAt: null,
    });
    if (r.outcome !== "good") throw new Error("unreachable");
    expect(r.thisUpdate.getTime()).toBeLessThan(Date.now());
    expect(r.nextUpdate!.getTime()).toBeGreaterThan(Date.now());
  });

  it("reports revoked with the reason and revocation time", async () => {
    const leaf = await responder.issueLeaf();
    const revokedAt = new Date("2026-01-02T03:04:05Z");
    responder.revoke(leaf.serialHex, { revokedAt, reason: "keyCompromise" });
    const r = await checker().check(target(leaf, { ocsp: [responder.ocspUrl()] }));
    expect(r).toMatchObject({ outcome: "revoked", source: "ocsp", reason: "keyCompromise", revokedAt });
  });

  it("reports unknown when the responder does not know the certificate and there is no CRL", async () => {
    // issued by the CA but never registered with its responder
    const stranger = await createCodeSigningLeaf(responder.ca);
    const r = await checker().check(target(stranger, { ocsp: [responder.ocspUrl()] }));
    expect(r).toMatchObject({ outcome: "unknown", source: "ocsp", reason: null, revokedAt: null });
  });

  it("falls back to the CRL when OCSP answers unknown", async () => {
    const stranger = await createCodeSigningLeaf(responder.ca);
    const r = await checker().check(target(stranger, { ocsp: [responder.ocspUrl()], crl: [responder.crlUrl()] }));
    expect(r).toMatchObject({ outcome: "good", source: "crl" });
  });

  it("accepts GET requests too", async () => {
    const leaf = await responder.issueLeaf();
    const r = await checker({ ocspMethod: "GET" }).check(target(leaf, { ocsp: [responder.ocspUrl()] }));
    expect(r).toMatchObject({ outcome: "good", source: "ocsp" });
  });

  it("accepts a delegated responder certificate with id-kp-OCSPSigning issued by the CA", async () => {
    const leaf = await responder.issueLeaf();
    const r = await checker().check(target(leaf, { ocsp: [responder.ocspUrl("delegated")] }));
    expect(r).toMatchObject({ outcome: "good", source: "ocsp" });
  });

  it("refuses a delegated certificate without id-kp-OCSPSigning", async () => {
    const leaf = await responder.issueLeaf();
    const r = await checker().check(target(leaf, { ocsp: [responder.ocspUrl("delegated-no-eku")] }));
    expect(r.outcome).toBe("error");
    if (r.outcome === "error") expect(r.error).toMatch(/id-kp-OCSPSigning/);
  });

  it("treats a forged response (signed by another key) as an error, not a status", async () => {
    const leaf = await responder.issueLeaf();
    responder.revoke(leaf.serialHex, { revokedAt: new Date(), reason: null });
    const r = await checker().check(target(leaf, { ocsp: [responder.ocspUrl("forged")] }));
    expect(r.outcome).toBe("error");
    if (r.outcome === "error") expect(r.error).toMatch(/signature does not verify/);
  });

  it("accepts a response without a nonce but refuses a wrong nonce", async () => {
    const leaf = await responder.issueLeaf();
    expect((await checker().check(target(leaf, { ocsp: [responder.ocspUrl("no-nonce")] }))).outcome).toBe("good");
    const r = await checker().check(target(leaf, { ocsp: [responder.ocspUrl("wrong-nonce")] }));
    expect(r.outcome).toBe("error");
    if (r.outcome === "error") expect(r.error).toMatch(/nonce does not match/);
  });

  it("refuses an answer about another certificate (CertID mismatch), stale answers and tryLater", async () => {
    const leaf = await responder.issueLeaf();
    const c = checker();
    const mismatch = await c.check(target(leaf, { ocsp: [responder.ocspUrl("wrong-certid")] }));
    expect(mismatch.outcome === "error" && mismatch.error).toMatch(/CertID mismatch/);
    const stale = await c.check(target(leaf, { ocsp: [responder.ocspUrl("stale")] }));
    expect(stale.outcome === "error" && stale.error).toMatch(/stale response/);
    const later = await c.check(target(leaf, { ocsp: [responder.ocspUrl("try-later")] }));
    expect(later.outcome === "error" && later.error).toMatch(/tryLater/);
  });
});

describe("CRL", () => {
  it("reports good and revoked (reason, time) from a signed CRL, fetching it once per run", async () => {
    const good = await responder.issueLeaf();
    const bad = await responder.issueLeaf();
    const revokedAt = new Date("2026-02-03T04:05:06Z");
    responder.revoke(bad.serialHex, { revokedAt, reason: "superseded" });
    const before = responder.hits.crl ?? 0;
    const c = checker();
    const [g, r] = await Promise.all([
      c.check(target(good, { crl: [responder.crlUrl()] })),
      c.check(target(bad, { crl: [responder.crlUrl()] })),
    ]);
    expect(g).toMatchObject({ outcome: "good", source: "crl" });
    expect(r).toMatchObject({ outcome: "revoked", source: "crl", reason: "superseded", revokedAt });
    expect((responder.hits.crl ?? 0) - before).toBe(1);
  });

  it("falls back to the CRL when OCSP fails, keeping the OCSP error as context", async () => {
    const leaf = await responder.issueLeaf();
    const r = await checker().check(
      target(leaf, { ocsp: [responder.faultUrl("error-500")], crl: [responder.crlUrl()] }),
    );
    expect(r).toMatchObject({ outcome: "good", source: "crl" });
    if (r.outcome === "good") expect(r.attemptErrors[0]).toMatch(/HTTP 500/);
  });

  it("refuses an expired CRL and a forged CRL", async () => {
    const leaf = await responder.issueLeaf();
    const expired = await checker().check(target(leaf, { crl: [responder.crlUrl("expired")] }));
    expect(expired.outcome === "error" && expired.error).toMatch(/expired \(nextUpdate/);
    const forged = await checker().check(target(leaf, { crl: [responder.crlUrl("forged")] }));
    expect(forged.outcome === "error" && forged.error).toMatch(/signature does not verify/);
  });
});

describe("faults never crash a check", () => {
  it("records a timeout, a 500, garbage and a 50 MB response as errors", async () => {
    const leaf = await responder.issueLeaf();
    const c = checker({ timeoutMs: 800 });
    const started = Date.now();
    const [hang, e500, garbage, huge] = await Promise.all([
      c.check(target(leaf, { ocsp: [responder.faultUrl("hang")] })),
      c.check(target(leaf, { ocsp: [responder.faultUrl("error-500")] })),
      c.check(target(leaf, { ocsp: [responder.faultUrl("garbage")] })),
      c.check(target(leaf, { crl: [responder.faultUrl("huge")] })),
    ]);
    expect(hang.outcome === "error" && hang.error).toMatch(/timed out after 800 ms/);
    expect(e500.outcome === "error" && e500.error).toMatch(/HTTP 500/);
    expect(garbage.outcome === "error" && garbage.error).toMatch(/not valid DER/);
    expect(huge.outcome === "error" && huge.error).toMatch(/larger than 10485760 bytes/);
    expect(Date.now() - started).toBeLessThan(5_000);
    // the client hung up long before 50 MB (socket buffers account for the slack)
    expect(responder.hugeBytesWritten()).toBeLessThan(20 * 1024 * 1024);
  });

  it("keeps answering other hosts while one responder hangs", async () => {
    const other = await startTestResponder({ ca: responder.ca });
    try {
      const leaf = await responder.issueLeaf();
      other.register(leaf.serialHex);
      const c = new RevocationChecker({
        now: new Date(),
        concurrency: 4,
        perHostConcurrency: 2,
        fetch: { ...allow, timeoutMs: 1_000 },
      });
      const hanging = Array.from({ length: 6 }, () => c.check(target(leaf, { ocsp: [responder.faultUrl("hang")] })));
      // the other host answers before the first hanging check gives up (its 1 s timeout): an
      // order, not a wall-clock bound, so a busy machine (other test files in parallel) cannot fail it
      let settledHanging = 0;
      for (const h of hanging) void h.then(() => settledHanging++);
      const good = await c.check(target(leaf, { ocsp: [other.ocspUrl()] }));
      expect(good.outcome).toBe("good");
      expect(settledHanging).toBe(0);
      const results = await Promise.all(hanging);
      expect(results.every((r) => r.outcome === "error")).toBe(true);
      // after 3 consecutive failures the host is skipped for the rest of the run
      expect(results.filter((r) => r.outcome === "error" && /skipped/.test(r.error)).length).toBeGreaterThan(0);
      expect(c.scheduler.stats().maxInFlightByHost[responder.host]).toBeLessThanOrEqual(2);
    } finally {
      await other.close();
    }
  });

  it("reports no-revocation-info without URLs and an error without the issuer", async () => {
    const leaf = await responder.issueLeaf();
    expect((await checker().check(target(leaf, {}))).outcome).toBe("no-revocation-info");
    const r = await checker().check({ ...target(leaf, { crl: [responder.crlUrl()] }), issuerDer: null });
    expect(r.outcome === "error" && r.error).toMatch(/issuing CA certificate is not in the inventory/);
    const otherCa = await startTestResponder();
    const wrongIssuer = await checker().check({
      ...target(leaf, { crl: [responder.crlUrl()] }),
      issuerDer: otherCa.ca.der,
    });
    await otherCa.close();
    expect(wrongIssuer.outcome === "error" && wrongIssuer.error).toMatch(/did not sign this certificate/);
    const ldap = await checker().check(target(leaf, { crl: ["ldap://ldap.example/cn=crl"] }));
    expect(ldap.outcome === "error" && ldap.error).toMatch(/non-HTTP/);
  });

  it("refuses 127.0.0.1 when it is not allow-listed", async () => {
    const leaf = await responder.issueLeaf();
    const r = await new RevocationChecker({ now: new Date() }).check(
      target(leaf, { ocsp: [responder.ocspUrl()], crl: [responder.crlUrl()] }),
    );
    expect(r.outcome).toBe("error");
    if (r.outcome === "error") {
      expect(r.attemptErrors).toHaveLength(2);
      expect(r.error).toMatch(/refused to connect to 127\.0\.0\.1 \(loopback\)/);
    }
  });
});
