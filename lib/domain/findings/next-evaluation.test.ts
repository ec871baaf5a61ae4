import { describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/domain/expiry";
import { evaluateCertificate, evaluateKey, evaluateSigner } from "@/lib/domain/findings/evaluate";
import { certificate, credential, ctx, daysFromNow, key, NOW, signer } from "@/lib/domain/findings/fixtures";
import {
  certificateNextEvaluationAt,
  keyNextEvaluationAt,
  signerNextEvaluationAt,
} from "@/lib/domain/findings/next-evaluation";
import type { EvaluationContext, FindingDraft } from "@/lib/domain/findings/types";

const at = (now: Date): EvaluationContext => ({ ...ctx(), now });
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
/** what the open/resolve decision and the severity depend on (messages move daily on purpose) */
const outcome = (drafts: FindingDraft[]) =>
  drafts
    .map((d) => `${d.ruleId}:${d.severity}`)
    .sort()
    .join(",");

/**
 * Walks a subject through time the way the job does: evaluate, jump to the next instant, repeat.
 * Between two instants the outcome must not change (sampled every 6 hours), or the job would miss it.
 */
function walk<T>(
  input: T,
  evaluate: (i: T, c: EvaluationContext) => FindingDraft[],
  next: (i: T, c: EvaluationContext) => Date | null,
  days: number,
) {
  const end = plus(NOW, days * DAY_MS);
  const changes: { at: Date; outcome: string }[] = [];
  let now = NOW;
  let current = outcome(evaluate(input, at(now)));
  for (let steps = 0; steps < 200; steps++) {
    const instant = next(input, at(now));
    const until = instant && instant < end ? instant : end;
    for (let t = now.getTime() + 6 * 3_600_000; t < until.getTime(); t += 6 * 3_600_000) {
      expect(
        outcome(evaluate(input, at(new Date(t)))),
        `changed at ${new Date(t).toISOString()} before ${until.toISOString()}`,
      ).toBe(current);
    }
    expect(outcome(evaluate(input, at(plus(until, -1))))).toBe(current);
    if (!instant || instant >= end) break;
    now = instant;
    const after = outcome(evaluate(input, at(now)));
    if (after !== current) changes.push({ at: now, outcome: after });
    current = after;
  }
  return changes;
}

describe("certificateNextEvaluationAt", () => {
  it("steps through the expiry bands to expiry, each on the exact millisecond", () => {
    const notAfter = daysFromNow(100);
    const c = certificate({
      notAfter,
      revocationCheckedAt: null,
      importedAt: NOW,
      crlUrls: [],
      ocspUrls: [],
      latestSigningAt: null,
    });
    // never established since import: revocation-unknown's limit comes first (harmless without URLs)
    expect(certificateNextEvaluationAt(c, at(NOW))).toEqual(plus(NOW, 7 * DAY_MS + 1));
    expect(certificateNextEvaluationAt(c, at(plus(NOW, 7 * DAY_MS + 1)))).toEqual(plus(notAfter, -90 * DAY_MS));
    const changes = walk(c, evaluateCertificate, certificateNextEvaluationAt, 120);
    const expiry = changes.filter((ch) => /cert\.expir/.test(ch.outcome));
    expect(
      expiry.map((ch) => [
        ch.at.toISOString(),
        ch.outcome
          .split(",")
          .filter((o) => o.startsWith("cert.expir"))
          .join(),
      ]),
    ).toEqual([
      [plus(notAfter, -90 * DAY_MS).toISOString(), "cert.expiring:low"],
      [plus(notAfter, -30 * DAY_MS).toISOString(), "cert.expiring:medium"],
      [plus(notAfter, -14 * DAY_MS).toISOString(), "cert.expiring:high"],
      [plus(notAfter, 1).toISOString(), "cert.expired:critical"],
    ]);
  });

  it("uses the CA bands for a CA and the revocation-unknown limit for a stale status", () => {
    const ca = certificate({ isCA: true, notAfter: daysFromNow(400), revocationCheckedAt: daysFromNow(-3) });
    // revocation status established 3 days ago: unknown after 7 days, before the 365-day CA band
    expect(certificateNextEvaluationAt(ca, at(NOW))).toEqual(plus(daysFromNow(-3), 7 * DAY_MS + 1));
    const fresh = { ...ca, revocationCheckedAt: daysFromNow(30) };
    expect(certificateNextEvaluationAt(fresh, at(NOW))).toEqual(plus(daysFromNow(400), -365 * DAY_MS));
  });

  it("is null once nothing time-based is pending (expired, unused history)", () => {
    const c = certificate({
      notAfter: daysFromNow(-200),
      notBefore: daysFromNow(-565),
      latestSigningAt: daysFromNow(-300),
      revocationCheckedAt: daysFromNow(-300),
    });
    expect(certificateNextEvaluationAt(c, at(NOW))).toBeNull();
  });

  it("ends the window of a signature made after expiry", () => {
    // no signer holds it any more: only the signature after expiry keeps cert.expired open
    const c = certificate({
      notAfter: daysFromNow(-50),
      latestSigningAt: daysFromNow(-10),
      revocationCheckedAt: daysFromNow(-60),
      signers: [],
    });
    expect(evaluateCertificate(c, at(NOW)).map((d) => d.ruleId)).toContain("cert.expired");
    expect(certificateNextEvaluationAt(c, at(NOW))).toEqual(plus(daysFromNow(-10), 90 * DAY_MS + 1));
    const changes = walk(c, evaluateCertificate, certificateNextEvaluationAt, 200);
    expect(changes).toEqual([{ at: plus(daysFromNow(-10), 90 * DAY_MS + 1), outcome: "" }]);
  });
});

describe("keyNextEvaluationAt", () => {
  it("raises key.rotation-overdue one millisecond past the policy age", () => {
    const k = key({
      firstSeenAt: daysFromNow(-300),
      certificates: [{ id: "c", sha256: "a", notBefore: daysFromNow(-300), notAfter: daysFromNow(500) }],
    });
    expect(keyNextEvaluationAt(k, at(NOW))).toEqual(plus(daysFromNow(-300), 365 * DAY_MS + 1));
    const changes = walk(k, evaluateKey, keyNextEvaluationAt, 100);
    expect(changes).toEqual([{ at: plus(daysFromNow(-300), 365 * DAY_MS + 1), outcome: "key.rotation-overdue:high" }]);
  });

  it("wakes when a certificate of the key expires and when an environment leaves the window", () => {
    const k = key({
      firstSeenAt: daysFromNow(-10),
      certificates: [{ id: "c", sha256: "a", notBefore: daysFromNow(-10), notAfter: daysFromNow(20) }],
      signingEnvironmentsLastAt: [daysFromNow(-85)],
    });
    expect(keyNextEvaluationAt(k, at(NOW))).toEqual(plus(daysFromNow(-85), 90 * DAY_MS + 1));
    expect(keyNextEvaluationAt(k, at(daysFromNow(6)))).toEqual(plus(daysFromNow(20), 1));
  });
});

describe("signerNextEvaluationAt", () => {
  it("raises signer.stale, signer.overprivileged and signer.attestation-overdue on their days", () => {
    const s = signer({
      lastUsedAt: daysFromNow(-60),
      privileges: [
        {
          id: "p",
          scope: "sign:release/production",
          environment: "production",
          grantedAt: daysFromNow(-400),
          lastExercisedAt: daysFromNow(-60),
          // just-in-time: signer.standing-grant-unused has its own test below
          isJustInTime: true,
        },
      ],
      overdueAttestations: [{ campaignId: "c1", campaignName: "Q4", dueAt: daysFromNow(10), escalatedAt: null }],
      certificateValidity: [{ notBefore: daysFromNow(-100), notAfter: daysFromNow(200) }],
    });
    const changes = walk(s, evaluateSigner, signerNextEvaluationAt, 60);
    expect(changes).toEqual([
      { at: plus(daysFromNow(10), 1), outcome: "signer.attestation-overdue:medium" },
      {
        at: plus(daysFromNow(-60), 90 * DAY_MS + 1),
        outcome: "signer.attestation-overdue:medium,signer.overprivileged:high,signer.stale:medium",
      },
    ]);
  });

  it("raises signer.standing-grant-unused when a standing production grant passes its unused days", () => {
    const s = signer();
    const changes = walk(s, evaluateSigner, signerNextEvaluationAt, 40);
    expect(changes[0]).toEqual({
      at: plus(daysFromNow(-2), 30 * DAY_MS + 1),
      outcome: "signer.standing-grant-unused:medium",
    });
  });

  it("covers the credential band, the certificate validity behind hasValidCertificate and interactive use", () => {
    const s = signer({
      privileges: signer().privileges.map((p) => ({ ...p, isJustInTime: true })),
      credentialType: "static-secret",
      credentials: [credential(daysFromNow(30))],
      certificateValidity: [{ notBefore: daysFromNow(5), notAfter: daysFromNow(400) }],
      recentSigning: {
        eventCount: 1,
        environments: [],
        interactiveEvents: [{ id: "e", signedAt: daysFromNow(-80), artifactName: "a" }],
        environmentsLastAt: [daysFromNow(-1)],
      },
    });
    expect(signerNextEvaluationAt(s, at(NOW))).toEqual(daysFromNow(5));
    expect(signerNextEvaluationAt(s, at(daysFromNow(5)))).toEqual(plus(daysFromNow(-80), 90 * DAY_MS + 1));
    expect(signerNextEvaluationAt(s, at(daysFromNow(11)))).toEqual(daysFromNow(16));
    expect(signerNextEvaluationAt(s, at(daysFromNow(16)))).toEqual(plus(daysFromNow(30), 1));
    // then the fixture's last use (2 days ago) turns stale, a day before production leaves the window
    expect(signerNextEvaluationAt(s, at(plus(daysFromNow(30), 1)))).toEqual(plus(daysFromNow(-2), 90 * DAY_MS + 1));
    expect(signerNextEvaluationAt(s, at(plus(daysFromNow(-2), 90 * DAY_MS + 1)))).toEqual(
      plus(daysFromNow(-1), 90 * DAY_MS + 1),
    );
  });

  it("schedules each credential's own window entry and expiry", () => {
    const s = signer({
      privileges: [],
      lastUsedAt: NOW,
      createdAt: NOW,
      credentials: [credential(daysFromNow(20), "A"), credential(daysFromNow(50), "B"), credential(null, "C")],
    });
    expect(signerNextEvaluationAt(s, at(NOW))).toEqual(daysFromNow(6));
    expect(signerNextEvaluationAt(s, at(daysFromNow(6)))).toEqual(plus(daysFromNow(20), 1));
    expect(signerNextEvaluationAt(s, at(plus(daysFromNow(20), 1)))).toEqual(daysFromNow(36));
    expect(signerNextEvaluationAt(s, at(daysFromNow(36)))).toEqual(plus(daysFromNow(50), 1));
  });
});
