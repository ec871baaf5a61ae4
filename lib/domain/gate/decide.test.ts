import { describe, expect, it } from "vitest";
import { defaultPolicy, mergePolicy, type FindingsPolicyOverrides } from "@/lib/domain/policy";
import { approvedCustodiesFor, decideGate, signingTimeOf, type GateFacts } from "./decide";
import { GATE_NOW, gateFacts } from "./fixtures";

const NOW = GATE_NOW;
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const facts = (over: Partial<GateFacts> = {}) => gateFacts(over);

const decide = (f: GateFacts, overrides?: FindingsPolicyOverrides) =>
  decideGate(f, { now: NOW, policy: overrides ? mergePolicy(defaultPolicy, overrides) : defaultPolicy });
const ids = (f: GateFacts, overrides?: FindingsPolicyOverrides) => decide(f, overrides).reasons.map((r) => r.ruleId);

describe("decideGate", () => {
  it("allows a healthy signer with a grant, approved custody and a valid certificate", () => {
    expect(decide(facts())).toMatchObject({ outcome: "allow", reasons: [], signingTime: { source: "now" } });
  });

  it.each([
    ["signer", "gate.unknown-signer"],
    ["certificate", "gate.unknown-certificate"],
    ["artifact", "gate.unknown-artifact"],
  ] as const)("denies an unknown %s with %s", (subjectKind, ruleId) => {
    const d = decide(facts({ signer: null, certificate: null, subjectKind }));
    expect(d.outcome).toBe("deny");
    expect(d.reasons).toEqual([expect.objectContaining({ ruleId, effect: "deny" })]);
    expect(d.reasons[0].howToFix).not.toBe("");
  });

  it.each(["suspended", "decommissioned"] as const)("denies a %s signer", (status) => {
    const f = facts();
    expect(ids({ ...f, signer: { ...f.signer!, status } })).toEqual([`gate.signer-${status}`]);
  });

  it("denies a signer without a certificate", () => {
    expect(ids(facts({ certificate: null }))).toEqual(["gate.no-certificate"]);
  });

  it("denies an expired certificate (cert.expired) and a not-yet-valid one", () => {
    const f = facts();
    expect(ids({ ...f, certificate: { ...f.certificate!, notAfter: ago(1) } })).toEqual(["cert.expired"]);
    expect(ids({ ...f, certificate: { ...f.certificate!, notBefore: new Date(NOW.getTime() + DAY) } })).toEqual([
      "cert.expired",
    ]);
  });

  it("promote: a signature made while the certificate was valid passes (signing event, then timestamp first)", () => {
    const f = facts({ action: "promote" });
    const expired = { ...f, certificate: { ...f.certificate!, notAfter: ago(10) } };
    expect(decide({ ...expired, signingEventAt: ago(20) })).toMatchObject({
      outcome: "allow",
      signingTime: { source: "signing-event", at: ago(20) },
    });
    // a verified timestamp wins over the reported event
    expect(decide({ ...expired, signingEventAt: ago(20), timestampAt: ago(5) })).toMatchObject({
      outcome: "deny",
      signingTime: { source: "timestamp" },
    });
    // neither: judged at now
    expect(decide(expired)).toMatchObject({ outcome: "deny", signingTime: { source: "now" } });
    // sign is always judged at now
    expect(signingTimeOf({ action: "sign", timestampAt: ago(5), signingEventAt: ago(5) }, NOW).source).toBe("now");
  });

  it("denies a revoked certificate; promote of a signature made before the revocation passes", () => {
    const f = facts();
    const revoked = { ...f.certificate!, revocationStatus: "revoked", revokedAt: ago(3) };
    expect(ids({ ...f, certificate: revoked })).toEqual(["cert.revoked-in-use"]);
    expect(ids({ ...f, action: "promote", certificate: revoked, signingEventAt: ago(10) })).toEqual([]);
    expect(ids({ ...f, action: "promote", certificate: revoked, signingEventAt: ago(1) })).toEqual([
      "cert.revoked-in-use",
    ]);
  });

  it("denies an unknown revocation status only past the grace period", () => {
    const f = facts();
    const unknown = (days: number) => ({
      ...f,
      certificate: { ...f.certificate!, revocationStatus: "unknown", revocationEstablishedAt: ago(days) },
    });
    expect(ids(unknown(6))).toEqual([]);
    expect(ids(unknown(8))).toEqual(["cert.revocation-unknown"]);
    expect(ids(unknown(8), { revocation: { unknownAfterDays: 10 } })).toEqual([]);
  });

  it("denies custody the policy does not approve for the environment; the signer's custody stands in for unknown", () => {
    const f = facts();
    const soft = { ...f, certificate: { ...f.certificate!, keyCustody: "software-file" } };
    expect(ids(soft)).toEqual(["gate.custody-not-approved"]);
    expect(
      ids({
        ...soft,
        environment: "staging",
        signer: { ...f.signer!, privileges: [{ scope: "*", environment: "any" }] },
      }),
    ).toEqual([]);
    const unknownKey = { ...f, certificate: { ...f.certificate!, keyCustody: "unknown" } };
    expect(ids({ ...unknownKey, signer: { ...f.signer!, custody: "software-file" } })).toEqual([
      "gate.custody-not-approved",
    ]);
    expect(ids(unknownKey)).toEqual([]);
  });

  it("finds approved custody by exact environment, then production, then *", () => {
    const p = mergePolicy(defaultPolicy, {
      gate: { approvedCustody: { "prod-eu": ["hsm"], production: ["hsm", "cloud-kms"], "*": ["vault"] } },
    });
    expect(approvedCustodiesFor(p, "prod-eu")).toEqual(["hsm"]);
    expect(approvedCustodiesFor(p, "prod-us")).toEqual(["hsm", "cloud-kms"]);
    expect(approvedCustodiesFor(p, "staging")).toEqual(["vault"]);
    expect(approvedCustodiesFor(defaultPolicy, "staging")).toBeNull();
  });

  it("denies an overdue attestation after the grace days", () => {
    const f = facts();
    const late = { ...f, signer: { ...f.signer!, pendingAttestations: [{ campaignName: "Q4", dueAt: ago(2) }] } };
    expect(ids(late)).toEqual(["signer.attestation-overdue"]);
    expect(ids(late, { gate: { attestationGraceDays: 3 } })).toEqual([]);
  });

  it("denies without a grant for the environment or the scope", () => {
    expect(ids(facts({ environment: "prod-eu" }))).toContain("gate.no-grant");
    expect(ids(facts({ scope: "sign:release/production" }))).toEqual([]);
    expect(ids(facts({ scope: "sign:internal" }))).toEqual(["gate.no-grant"]);
    const f = facts();
    expect(
      ids({ ...f, signer: { ...f.signer!, privileges: [{ scope: "approve:release", environment: "any" }] } }),
    ).toEqual(["gate.no-grant"]);
  });

  it("denies an open finding at or above the policy's severity, with the finding's rule id", () => {
    const finding = { ruleId: "key.shared", severity: "high" as const, message: "shared", howToFix: "rotate" };
    expect(ids(facts({ openFindings: [finding] }))).toEqual([]);
    const d = decide(facts({ openFindings: [finding] }), { gate: { findingSeverity: "high" } });
    expect(d.reasons).toEqual([
      expect.objectContaining({ ruleId: "key.shared", check: "gate.open-finding", effect: "deny" }),
    ]);
    // a finding the gate already reports by its own check is not repeated
    const f = facts({ openFindings: [{ ...finding, ruleId: "cert.expired", severity: "critical" }] });
    expect(ids({ ...f, certificate: { ...f.certificate!, notAfter: ago(1) } })).toEqual(["cert.expired"]);
  });

  it("warn mode reports without denying; off skips the check", () => {
    const f = facts({ certificate: null, environment: "prod-eu" });
    const warn = decide(f, { gate: { modes: { "gate.no-certificate": "warn", "gate.no-grant": "warn" } } });
    expect(warn.outcome).toBe("warn");
    expect(warn.reasons.map((r) => r.effect)).toEqual(["warn", "warn"]);
    const off = decide(f, { gate: { modes: { "gate.no-certificate": "off", "gate.no-grant": "warn" } } });
    expect(off.reasons.map((r) => r.ruleId)).toEqual(["gate.no-grant"]);
  });

  it("a live per-signer exception reports the reason as excepted; an ended one does not count", () => {
    const exception = { id: "x1", ruleId: "gate.no-grant", reason: "migration", endsAt: new Date(NOW.getTime() + DAY) };
    const d = decide(facts({ environment: "prod-eu", exceptions: [exception] }));
    expect(d).toMatchObject({
      outcome: "allow",
      reasons: [{ ruleId: "gate.no-grant", effect: "excepted", exception: { id: "x1" } }],
    });
    const ended = decide(facts({ environment: "prod-eu", exceptions: [{ ...exception, endsAt: ago(1) }] }));
    expect(ended.outcome).toBe("deny");
  });
});
