import { createHash } from "node:crypto";
import { AppError, forbidden } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { withDriverTransaction, writeAtomically } from "@/lib/db/driver";
import { raiseEventFinding, toFindingWrite } from "@/lib/db/findings/findings";
import { countDeniedSigns, gateDecisionWrite, lockDeniedSigns } from "@/lib/db/gate/decisions";
import { loadGateFacts, type GateSubject } from "@/lib/db/gate/inputs";
import { currentPolicyOf, lastReadPolicy, loadCurrentPolicy, type CurrentPolicy } from "@/lib/db/policy/policy";
import type { ApiTokenRecord } from "@/lib/db/tokens/api-tokens";
import { gateDeniedDraft, getRuleMeta } from "@/lib/domain/findings";
import { decideGate, type GateOutcome, type GateReason, type SigningTime } from "@/lib/domain/gate/decide";
import { pemBodyOf, type GateRequest } from "@/lib/domain/gate/request";
import { sha256Schema } from "@/lib/domain/signer-input";
import { severityRank } from "@/lib/domain/severity";
import { pendingAudit, recordAudit, type Actor } from "./audit";
import { linkPendingSoon } from "./audit-sequencer";
import { webhookEventWrite } from "@/lib/db/webhooks/deliveries";

// The release gate (POST /api/v1/gate, `signet gate`): loads the facts and the policy in force in
// one read (lib/db/gate/inputs.ts), decides with the pure rules (lib/domain/gate/decide.ts), and
// stores the decision with its pending audit event (and a denial's webhook deliveries) in one
// atomic write: on PostgreSQL one statement, no BEGIN/COMMIT (writeAtomically, lib/db/driver.ts).
// A denied `sign` then counts the signer's denials as committed; when they reach the policy's
// repeat, signer.gate-denied is raised under the signer's lock. A token bound to a signer may ask
// only about that signer. On PostgreSQL a decision is 3 round trips with the token check (4 for a
// denied sign): each statement under load costs a round trip and a wait for the event loop.

export type GateAnswer = {
  decision: GateOutcome;
  decisionId: string;
  policyVersion: number;
  decidedAt: string;
  signer: { id: string; name: string } | null;
  certificate: { id: string; sha256: string } | null;
  signingTime: { at: string; source: SigningTime["source"] };
  reasons: GateReason[];
};

export async function decideGateRequest(
  db: Db,
  request: GateRequest,
  options: { actor: Actor; token: ApiTokenRecord | null; now: Date; ip?: string | null },
): Promise<GateAnswer> {
  const { now, token } = options;
  const boundSignerId = token?.scopes.includes("gate") && token.signerId ? token.signerId : null;
  if (!request.signer && !request.certificate && !request.artifactDigest && !boundSignerId)
    throw new AppError("validation", "Name a signer, a certificate or an artifact digest", {
      issues: [{ path: "signer", message: "Name a signer, a certificate or an artifact digest" }],
    });
  const certificateSha256 = request.certificate ? certificateFingerprint(request.certificate) : null;
  const { current, load } = await loadWithPolicy(db, {
    signer: request.signer ?? boundSignerId,
    certificateSha256,
    artifactDigest: request.artifactDigest ?? null,
    now,
  });
  const policy = current.policy;
  if (boundSignerId && load.signer?.id !== boundSignerId) {
    await withTransaction(db, (tx) =>
      recordAudit(tx, {
        actor: options.actor,
        action: "api.token-refused",
        targetType: "signer",
        targetId: load.signer?.id ?? request.signer ?? undefined,
        summary: "A gate token bound to one signer asked about another",
        details: { tokenSignerId: boundSignerId },
        ip: options.ip,
        at: now,
      }),
    );
    throw forbidden("This API token may ask the gate only about its own signer");
  }
  const subjectKind =
    load.missing ?? (request.signer || boundSignerId ? "signer" : certificateSha256 ? "certificate" : "artifact");
  const subjectLabel =
    (subjectKind === "certificate" ? certificateSha256 : subjectKind === "artifact" ? request.artifactDigest : null) ??
    request.signer ??
    boundSignerId ??
    certificateSha256 ??
    request.artifactDigest ??
    "";
  const decision = decideGate(
    {
      ...load,
      action: request.action,
      environment: request.environment,
      scope: request.scope ?? null,
      subjectKind,
      subjectLabel,
      openFindings: load.openFindings.map((f) => ({ ...f, howToFix: getRuleMeta(f.ruleId)?.howToFix ?? "" })),
    },
    { now, policy },
  );
  const signer = load.signer ? { id: load.signer.id, name: load.signer.name } : null;
  const certificate = load.certificate ? { id: load.certificate.id, sha256: load.certificate.sha256 } : null;
  const denied = decision.reasons.filter((r) => r.effect === "deny").map((r) => r.ruleId);
  // what was decided, for the audit event's and the webhook's summaries
  const what = `${request.action} ${signer?.name ?? subjectLabel} to ${request.environment}${denied.length ? ` (${denied.join(", ")})` : ""}`;
  const decisionWrite = gateDecisionWrite({
    decidedAt: now,
    outcome: decision.outcome,
    action: request.action,
    environment: request.environment,
    subjectLabel,
    signerId: signer?.id ?? null,
    certificateId: certificate?.id ?? null,
    artifactDigest: request.artifactDigest ?? null,
    artifactType: request.artifactType ?? null,
    triggeredBy: request.triggeredBy ?? null,
    reasons: decision.reasons,
    signingTimeSource: decision.signingTime.source,
    signingTimeAt: decision.signingTime.at,
    policyVersion: current.version,
    tokenId: token?.id ?? null,
  });
  const decisionId = decisionWrite.id;
  // pending: linked into the audit chain by the sequencer after the write, so that decisions do not
  // queue for the chain's lock (held to each writer's commit: on PostgreSQL that queue was most of
  // the gate's latency at 200 decisions a second)
  const audit = pendingAudit({
    actor: options.actor,
    action: "gate.decided",
    targetType: "gate-decision",
    targetId: decisionId,
    summary: `Gate ${decision.outcome}: ${what}`.slice(0, 500),
    details: {
      signerId: signer?.id ?? null,
      certificateId: certificate?.id ?? null,
      artifactDigest: request.artifactDigest ?? null,
      triggeredBy: request.triggeredBy ?? null,
      policyVersion: current.version,
      ruleIds: decision.reasons.map((r) => `${r.ruleId}:${r.effect}`),
    },
    ip: options.ip,
    at: now,
  });
  const writes = [decisionWrite.write, audit.write];
  if (decision.outcome === "deny")
    writes.push(
      webhookEventWrite(
        {
          type: "gate.denied",
          occurredAt: now,
          summary: `Gate denied: ${what}`,
          subject: { type: "gate-decision", id: decisionId, label: signer?.name ?? subjectLabel },
          data: {
            action: request.action,
            environment: request.environment,
            signerId: signer?.id ?? null,
            certificateId: certificate?.id ?? null,
            artifactDigest: request.artifactDigest ?? null,
            triggeredBy: request.triggeredBy ?? null,
            ruleIds: denied,
            policyVersion: current.version,
          },
          key: `gate.denied:${decisionId}`,
        },
        { now },
      ),
    );
  await writeAtomically(db, writes);
  if (decision.outcome === "deny" && request.action === "sign" && signer)
    // the decision and its audit event are stored: answer it even if raising the finding fails
    // (logged; the signer's next denial raises it), rather than a 500 the CLI would read as
    // "Signet cannot be reached"
    await raiseOnRepeatedDenial(db, { signer, decisionId, ruleIds: denied, policy, now }).catch((error: unknown) =>
      console.error("[signet] gate: raising signer.gate-denied failed:", error),
    );
  linkPendingSoon(db, audit.id);
  return {
    decision: decision.outcome,
    decisionId,
    policyVersion: current.version,
    decidedAt: now.toISOString(),
    signer,
    certificate,
    signingTime: { at: decision.signingTime.at.toISOString(), source: decision.signingTime.source },
    reasons: decision.reasons,
  };
}

/**
 * The facts and the policy in force, read in one statement: the facts' open findings are read at the
 * minimum severity of the policy this process read last, and read again in the rare case the
 * policy in force asks for another (a saved version is in force for the next decision, on every
 * instance). A read that stops before the signer's facts (an unknown certificate or artifact) reads
 * the policy alone.
 */
async function loadWithPolicy(
  db: Db,
  q: GateSubject & { now: Date },
): Promise<{ current: CurrentPolicy; load: Awaited<ReturnType<typeof loadGateFacts>> }> {
  const rankOf = (p: CurrentPolicy) => severityRank(p.policy.gate.findingSeverity);
  const { now, ...subject } = q;
  const guess = lastReadPolicy();
  let load = await loadGateFacts(db, subject, { now, minFindingRank: rankOf(guess) });
  if (load.policy === undefined) return { current: await loadCurrentPolicy(db), load };
  const current = currentPolicyOf(load.policy);
  if (rankOf(current) !== rankOf(guess))
    load = await loadGateFacts(db, subject, { now, minFindingRank: rankOf(current) });
  return { current, load };
}

/**
 * A denied `sign` that repeats within the policy's window raises signer.gate-denied. Counted after
 * the decision committed (so of two concurrent denials the later count sees both), then again under
 * the signer's lock with the raise, so concurrent denials raise or update the finding one at a time.
 */
async function raiseOnRepeatedDenial(
  db: Db,
  q: {
    signer: { id: string; name: string };
    decisionId: string;
    ruleIds: string[];
    policy: CurrentPolicy["policy"];
    now: Date;
  },
): Promise<void> {
  const windowDays = q.policy.gate.deniedSignWindowDays;
  const since = new Date(q.now.getTime() - windowDays * 86_400_000);
  const threshold = q.policy.gate.deniedSignFindingAfter;
  if ((await countDeniedSigns(db, q.signer.id, since)) < threshold) return;
  await withDriverTransaction(db, async (tx) => {
    await lockDeniedSigns(tx, q.signer.id);
    const count = await countDeniedSigns(tx, q.signer.id, since);
    if (count < threshold) return;
    const draft = gateDeniedDraft({
      signerId: q.signer.id,
      signerName: q.signer.name,
      deniedCount: count,
      windowDays,
      lastDecisionId: q.decisionId,
      lastAt: q.now,
      ruleIds: q.ruleIds,
    });
    await raiseEventFinding(tx, toFindingWrite(draft), { now: q.now });
  });
}

/** A fingerprint as given, or the SHA-256 of a PEM certificate's DER. */
function certificateFingerprint(certificate: string): string {
  const body = pemBodyOf(certificate);
  if (body === null) return sha256Schema.parse(certificate);
  const der = Buffer.from(body, "base64");
  if (der.length === 0) throw new AppError("validation", "The PEM certificate is empty");
  return createHash("sha256").update(der).digest("hex");
}
