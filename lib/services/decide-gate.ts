import { createHash } from "node:crypto";
import { AppError, forbidden } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { withDriverTransaction } from "@/lib/db/driver";
import { raiseEventFinding, toFindingWrite } from "@/lib/db/findings/findings";
import { countDeniedSigns, insertGateDecision } from "@/lib/db/gate/decisions";
import { loadGateFacts } from "@/lib/db/gate/inputs";
import { loadCurrentPolicy } from "@/lib/db/policy/policy";
import type { ApiTokenRecord } from "@/lib/db/tokens/api-tokens";
import { gateDeniedDraft, getRuleMeta } from "@/lib/domain/findings";
import { decideGate, type GateOutcome, type GateReason, type SigningTime } from "@/lib/domain/gate/decide";
import { pemBodyOf, type GateRequest } from "@/lib/domain/gate/request";
import { sha256Schema } from "@/lib/domain/signer-input";
import { severityRank } from "@/lib/domain/severity";
import { recordAudit, recordPendingAudit, type Actor } from "./audit";
import { linkPendingSoon } from "./audit-sequencer";
import { enqueueWebhookEvents } from "@/lib/db/webhooks/deliveries";

// The release gate (POST /api/v1/gate, `signet gate`): loads the facts in one read
// (lib/db/gate/inputs.ts), decides with the pure rules (lib/domain/gate/decide.ts) under the policy
// in force, and stores the decision with its audit event in one transaction. A denied `sign` that
// repeats within the policy's window raises signer.gate-denied in the same transaction. A token
// bound to a signer may ask only about that signer.

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
  const current = await loadCurrentPolicy(db);
  const policy = current.policy;
  const load = await loadGateFacts(
    db,
    { signer: request.signer ?? boundSignerId, certificateSha256, artifactDigest: request.artifactDigest ?? null },
    { now, minFindingRank: severityRank(policy.gate.findingSeverity) },
  );
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
  // on the database driver: every statement below is raw but raising the finding, which runs the
  // whole transaction through the client instead (lib/db/driver.ts)
  const { id, auditId } = await withDriverTransaction(db, async (tx) => {
    const decisionId = await insertGateDecision(tx, {
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
    const denied = decision.reasons.filter((r) => r.effect === "deny").map((r) => r.ruleId);
    if (decision.outcome === "deny")
      await enqueueWebhookEvents(
        tx,
        [
          {
            type: "gate.denied",
            occurredAt: now,
            summary: `Gate denied: ${request.action} ${signer?.name ?? subjectLabel} to ${request.environment}${denied.length ? ` (${denied.join(", ")})` : ""}`,
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
        ],
        { now },
      );
    if (decision.outcome === "deny" && request.action === "sign" && signer) {
      const windowDays = policy.gate.deniedSignWindowDays;
      const count = await countDeniedSigns(tx, signer.id, new Date(now.getTime() - windowDays * 86_400_000));
      if (count >= policy.gate.deniedSignFindingAfter) {
        const draft = gateDeniedDraft({
          signerId: signer.id,
          signerName: signer.name,
          deniedCount: count,
          windowDays,
          lastDecisionId: decisionId,
          lastAt: now,
          ruleIds: denied,
        });
        await raiseEventFinding(tx, toFindingWrite(draft), { now });
      }
    }
    // pending: linked into the audit chain by the sequencer after the commit, so that decisions do
    // not queue for the chain's lock (held to each writer's commit: on PostgreSQL that queue was
    // most of the gate's latency at 200 decisions a second)
    const auditId = await recordPendingAudit(tx, {
      actor: options.actor,
      action: "gate.decided",
      targetType: "gate-decision",
      targetId: decisionId,
      summary:
        `Gate ${decision.outcome}: ${request.action} ${signer?.name ?? subjectLabel} to ${request.environment}${denied.length ? ` (${denied.join(", ")})` : ""}`.slice(
          0,
          500,
        ),
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
    return { id: decisionId, auditId };
  });
  linkPendingSoon(db, auditId);
  return {
    decision: decision.outcome,
    decisionId: id,
    policyVersion: current.version,
    decidedAt: now.toISOString(),
    signer,
    certificate,
    signingTime: { at: decision.signingTime.at.toISOString(), source: decision.signingTime.source },
    reasons: decision.reasons,
  };
}

/** A fingerprint as given, or the SHA-256 of a PEM certificate's DER. */
function certificateFingerprint(certificate: string): string {
  const body = pemBodyOf(certificate);
  if (body === null) return sha256Schema.parse(certificate);
  const der = Buffer.from(body, "base64");
  if (der.length === 0) throw new AppError("validation", "The PEM certificate is empty");
  return createHash("sha256").update(der).digest("hex");
}
