// The release gate's decision: may this signer sign, or may this signed artifact be promoted, to
// this environment, now? Pure: lib/db/gate/inputs.ts loads the facts in one read, the service
// stores and audits the answer. Each check yields a reason with its rule id; the policy's mode for
// the check makes it deny (enforce), warn, or skips it (off); a live per-signer exception turns it
// into "excepted" (reported, not held against the pipeline).
import { isWindowOpen, requestApprovalCommand } from "@/lib/domain/approvals";
import { isOlderThanDays } from "@/lib/domain/expiry";
import { isProductionEnvironment } from "@/lib/domain/findings/shared";
import { environmentCovers, scopeCovers } from "@/lib/domain/privileges";
import type { FindingsPolicy } from "@/lib/domain/policy";
import { isAtLeast, type Severity } from "@/lib/domain/severity";
import type { GateMode, GateRuleId } from "./rule-ids";

export const GATE_ACTIONS = ["sign", "promote"] as const;
export type GateAction = (typeof GATE_ACTIONS)[number];
export type GateOutcome = "allow" | "warn" | "deny";
export type GateEffect = "deny" | "warn" | "excepted";

export type GatePrivilege = { id?: string; scope: string; environment: string; isJustInTime?: boolean };
export type GateApproval = {
  id: string;
  privilegeId: string;
  status: string;
  windowStartsAt: Date;
  windowEndsAt: Date;
};

export type GateException = { id: string; ruleId: string; reason: string; endsAt: Date };

export type GateFacts = {
  action: GateAction;
  environment: string;
  /** the grant scope the pipeline exercises (sign:release/production); optional */
  scope?: string | null;
  /** what the pipeline named, for messages */
  subjectLabel: string;
  subjectKind: "signer" | "certificate" | "artifact";
  signer: null | {
    id: string;
    name: string;
    status: "active" | "suspended" | "decommissioned";
    /** the owner's declared custody: stands in when the key's own custody is unknown */
    custody: string;
    /** grants in force; a just-in-time one is used only inside an approved window */
    privileges: GatePrivilege[];
    /** the signer's approval requests whose window has not ended (pending or approved) */
    approvals?: GateApproval[];
    pendingAttestations: { campaignName: string; dueAt: Date }[];
  };
  certificate: null | {
    id: string;
    sha256: string;
    label: string;
    notBefore: Date;
    notAfter: Date;
    revocationStatus: string;
    revokedAt: Date | null;
    /** when the status was last established (a good or revoked answer), else the import */
    revocationEstablishedAt: Date;
    keyCustody: string;
  };
  /** the certificate named (or the artifact's) is not linked to the signer it was asked for with */
  isCertificateForeign?: boolean;
  /** for promote: a verified timestamp of the signature, where Signet has one */
  timestampAt: Date | null;
  /** for promote: the signing event the pipeline reported for this artifact */
  signingEventAt: Date | null;
  /** open, unsuppressed findings on the signer, its certificate or its key */
  openFindings: { ruleId: string; severity: Severity; message: string; howToFix: string }[];
  exceptions: GateException[];
};

export type GateReason = {
  ruleId: string;
  /** the check (and mode key) that raised it: equals ruleId except for gate.open-finding */
  check: GateRuleId;
  effect: GateEffect;
  message: string;
  howToFix: string;
  exception?: { id: string; reason: string; endsAt: string };
};

export type SigningTime = { at: Date; source: "timestamp" | "signing-event" | "now" };

export type GateDecision = { outcome: GateOutcome; reasons: GateReason[]; signingTime: SigningTime };

type Found = { check: GateRuleId; ruleId?: string; message: string; howToFix: string };

/**
 * When the signature is judged: for `sign`, now; for `promote`, the verified timestamp where
 * Signet has one, else the reported signing event, else now.
 */
export function signingTimeOf(
  facts: Pick<GateFacts, "action" | "timestampAt" | "signingEventAt">,
  now: Date,
): SigningTime {
  if (facts.action === "promote") {
    if (facts.timestampAt) return { at: facts.timestampAt, source: "timestamp" };
    if (facts.signingEventAt) return { at: facts.signingEventAt, source: "signing-event" };
  }
  return { at: now, source: "now" };
}

export function gateMode(policy: FindingsPolicy, check: GateRuleId): GateMode {
  return policy.gate.modes[check] ?? "enforce";
}

/** The custodies approved for an environment, or null when any custody is. */
export function approvedCustodiesFor(policy: FindingsPolicy, environment: string): string[] | null {
  const table = policy.gate.approvedCustody;
  const env = environment.trim().toLowerCase();
  if (table[env]) return table[env];
  if (table.production && isProductionEnvironment(env, policy.signers.productionEnvironments)) return table.production;
  return table["*"] ?? null;
}

export function decideGate(facts: GateFacts, options: { now: Date; policy: FindingsPolicy }): GateDecision {
  const { now, policy } = options;
  const signingTime = signingTimeOf(facts, now);
  const found = checks(facts, { now, policy, signingTime });
  const reasons: GateReason[] = [];
  for (const f of found) {
    const mode = gateMode(policy, f.check);
    if (mode === "off") continue;
    const ruleId = f.ruleId ?? f.check;
    const exception = facts.exceptions.find((e) => e.ruleId === ruleId && e.endsAt > now);
    reasons.push({
      ruleId,
      check: f.check,
      effect: exception ? "excepted" : mode === "enforce" ? "deny" : "warn",
      message: f.message,
      howToFix: f.howToFix,
      ...(exception
        ? { exception: { id: exception.id, reason: exception.reason, endsAt: exception.endsAt.toISOString() } }
        : {}),
    });
  }
  const outcome: GateOutcome = reasons.some((r) => r.effect === "deny")
    ? "deny"
    : reasons.some((r) => r.effect === "warn")
      ? "warn"
      : "allow";
  return { outcome, reasons, signingTime };
}

function checks(facts: GateFacts, ctx: { now: Date; policy: FindingsPolicy; signingTime: SigningTime }): Found[] {
  const { now, policy, signingTime } = ctx;
  const env = facts.environment;
  if (!facts.signer) {
    const check: GateRuleId =
      facts.subjectKind === "certificate"
        ? "gate.unknown-certificate"
        : facts.subjectKind === "artifact"
          ? "gate.unknown-artifact"
          : "gate.unknown-signer";
    return [
      {
        check,
        message: `Signet knows no ${facts.subjectKind === "certificate" ? "signer with the certificate" : facts.subjectKind === "artifact" ? "signed artifact with the digest" : "signer"} ${facts.subjectLabel}`,
        howToFix:
          facts.subjectKind === "artifact"
            ? "Report the signing event (POST /api/v1/signing-events with artifactDigest) when the artifact is signed, then ask again."
            : "Register the signer in Signet (and import its certificate) before its pipeline signs.",
      },
    ];
  }
  const s = facts.signer;
  const out: Found[] = [];
  if (s.status === "suspended" || s.status === "decommissioned") {
    out.push({
      check: s.status === "suspended" ? "gate.signer-suspended" : "gate.signer-decommissioned",
      message: `${s.name} is ${s.status}`,
      howToFix:
        s.status === "suspended"
          ? "Ask the signer's owner or a security analyst to reactivate it once the reason for the suspension is resolved."
          : "A decommissioned signer never signs again: use (or register) its successor.",
    });
  }
  const c = facts.certificate;
  if (!c) {
    out.push({
      check: "gate.no-certificate",
      message: `${s.name} has no current certificate in Signet`,
      howToFix: "Import the signer's signing certificate (signet import) so the gate can judge it.",
    });
  } else {
    if (facts.isCertificateForeign) {
      out.push({
        check: "gate.unknown-certificate",
        message: `${c.label} is not a certificate of ${s.name}`,
        howToFix: "Link the certificate to the signer in Signet, or name the signer that uses it.",
      });
    }
    const at = signingTime.at;
    const when = signingTime.source === "now" ? "now" : `at signing time ${at.toISOString()} (${signingTime.source})`;
    if (at > c.notAfter || at < c.notBefore) {
      out.push({
        ruleId: "cert.expired",
        check: "cert.expired",
        message:
          at < c.notBefore
            ? `${c.label} is not yet valid ${when}: valid from ${c.notBefore.toISOString()}`
            : `${c.label} expired on ${c.notAfter.toISOString()}; judged ${when}`,
        howToFix: "Renew the certificate (with a new key) and import the new one; re-sign the artifact with it.",
      });
    }
    const revokedBefore = c.revokedAt === null || c.revokedAt <= at;
    if (c.revocationStatus === "revoked" && (facts.action === "sign" || revokedBefore)) {
      out.push({
        check: "cert.revoked-in-use",
        message: `${c.label} is revoked${c.revokedAt ? ` since ${c.revokedAt.toISOString()}` : ""}`,
        howToFix: "Stop signing with it; issue a new certificate on a new key and re-sign what it signed.",
      });
    } else if (
      (c.revocationStatus === "unknown" || c.revocationStatus === "unchecked") &&
      isOlderThanDays(c.revocationEstablishedAt, now, policy.revocation.unknownAfterDays)
    ) {
      out.push({
        check: "cert.revocation-unknown",
        message: `Revocation status of ${c.label} not established since ${c.revocationEstablishedAt.toISOString()} (grace ${policy.revocation.unknownAfterDays} days)`,
        howToFix: "Make the CRL/OCSP URLs reachable from Signet and run the revocation check again.",
      });
    }
    const approved = approvedCustodiesFor(policy, env);
    const custody = c.keyCustody !== "unknown" ? c.keyCustody : s.custody;
    if (approved && !approved.includes(custody)) {
      out.push({
        check: "gate.custody-not-approved",
        message: `${s.name}'s key custody is ${custody}; ${env} accepts ${approved.join(", ")}`,
        howToFix: `Move the key into approved custody (${approved.join(", ")}) and record it with its evidence in Signet.`,
      });
    }
  }
  const graceMs = policy.gate.attestationGraceDays * 86_400_000;
  const overdue = s.pendingAttestations.filter((a) => a.dueAt.getTime() + graceMs < now.getTime());
  if (overdue.length > 0) {
    out.push({
      check: "signer.attestation-overdue",
      message: `${s.name}'s owner attestation is overdue (${overdue.map((a) => `${a.campaignName}, due ${a.dueAt.toISOString().slice(0, 10)}`).join("; ")})`,
      howToFix: "The owner answers the attestation task in Signet (or delegates it).",
    });
  }
  if (!hasGrant(s.privileges, env, facts.scope ?? null, policy)) {
    out.push({
      check: "gate.no-grant",
      message: `${s.name} holds no grant ${facts.scope ? `covering ${facts.scope}` : "to sign"} in ${env}`,
      howToFix: `Grant ${s.name} ${facts.scope ?? `${policy.signers.signScopePrefixes[0]}…`}@${env} in Signet (reviewed by its owner), or use the signer that holds it.`,
    });
  }
  const approval = approvalFinding(facts, { now, policy });
  if (approval) out.push(approval);
  const reported = new Set(out.map((f) => f.ruleId ?? f.check));
  for (const f of facts.openFindings) {
    if (reported.has(f.ruleId) || !isAtLeast(f.severity, policy.gate.findingSeverity)) continue;
    reported.add(f.ruleId);
    out.push({
      check: "gate.open-finding",
      ruleId: f.ruleId,
      message: `Open ${f.severity} finding: ${f.message}`,
      howToFix: f.howToFix,
    });
  }
  return out;
}

/**
 * gate.approval-required: every grant that covers the request is just-in-time and no approved
 * window of one of them covers now. The reason names the pending request, or the one to make.
 */
function approvalFinding(facts: GateFacts, ctx: { now: Date; policy: FindingsPolicy }): Found | null {
  const s = facts.signer;
  if (!s) return null;
  const covering = coveringGrants(s.privileges, facts.environment, facts.scope ?? null, ctx.policy);
  if (covering.length === 0 || covering.some((p) => !p.isJustInTime)) return null;
  const ids = new Set(covering.map((p) => p.id));
  const mine = (s.approvals ?? []).filter((a) => ids.has(a.privilegeId));
  if (mine.some((a) => isWindowOpen(a, ctx.now))) return null;
  const grant = covering[0];
  const command = requestApprovalCommand({ signer: s.name, environment: facts.environment, scope: grant.scope });
  const pending = mine.find((a) => a.status === "pending" && a.windowEndsAt > ctx.now);
  const later = mine.find((a) => a.status === "approved" && a.windowStartsAt > ctx.now);
  const state = pending
    ? `; approval request ${pending.id} awaits a decision`
    : later
      ? `; approval request ${later.id} opens at ${later.windowStartsAt.toISOString()}`
      : "";
  return {
    check: "gate.approval-required",
    message: `${s.name}'s grant ${grant.scope}@${grant.environment} is just-in-time and no approved window covers now${state}`,
    howToFix: pending
      ? `Ask someone other than the requester and the person who triggered the run to approve request ${pending.id} (Signet, /approvals/${pending.id}).`
      : `Request a window: ${command} (or POST /api/v1/approvals); someone other than you and the person who triggered the run approves it.`,
  };
}

/** A grant in force for the environment that covers the scope, or (no scope named) any signing grant. */
function hasGrant(
  privileges: readonly GatePrivilege[],
  environment: string,
  scope: string | null,
  policy: FindingsPolicy,
): boolean {
  return coveringGrants(privileges, environment, scope, policy).length > 0;
}

function coveringGrants(
  privileges: readonly GatePrivilege[],
  environment: string,
  scope: string | null,
  policy: FindingsPolicy,
): GatePrivilege[] {
  return privileges.filter((p) => {
    if (!environmentCovers(p.environment, environment)) return false;
    if (scope) return scopeCovers(p.scope, scope);
    const g = p.scope.trim().toLowerCase();
    return g === "*" || policy.signers.signScopePrefixes.some((prefix) => g.startsWith(prefix.toLowerCase()));
  });
}
