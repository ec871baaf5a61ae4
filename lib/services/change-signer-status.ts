import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { loadSignerState, setSignerStatus } from "@/lib/db/signers/signer-admin";
import { revokeSignerTokens } from "@/lib/db/tokens/token-admin";
import { enqueueWebhookEvents } from "@/lib/db/webhooks/deliveries";
import { statusTransitionProblem, type SignerStatus } from "@/lib/domain/signer-input";
import { recordAuditBy, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";

// Suspends, resumes or decommissions a signer. Decommissioning is final and revokes the API
// tokens bound to the signer, so a retired pipeline cannot keep reporting as it.

export async function changeSignerStatus(
  db: Db,
  id: string,
  input: { status: SignerStatus; reason?: string },
  options: { actor: Actor; now: Date },
) {
  const state = await loadSignerState(db, id);
  if (!state) throw notFound("Signer");
  const problem = statusTransitionProblem(state.status, input.status, input.reason);
  if (problem) throw new AppError("conflict", problem);
  let revokedTokens = 0;
  await withTransaction(db, async (tx) => {
    await setSignerStatus(tx, id, input.status, options.now);
    if (input.status === "decommissioned") revokedTokens = await revokeSignerTokens(tx, id, options.now);
    const verb = { active: "resumed", suspended: "suspended", decommissioned: "decommissioned" }[input.status];
    await recordAuditBy(tx, options, {
      action: `signer.${verb}`,
      targetType: "signer",
      targetId: id,
      summary: `Signer ${state.name} ${verb}${input.reason ? `: ${input.reason}` : ""}`,
      details: { from: state.status, to: input.status, reason: input.reason ?? null, revokedTokens },
    });
    if (input.status === "suspended")
      await enqueueWebhookEvents(
        tx,
        [
          {
            type: "signer.suspended",
            occurredAt: options.now,
            summary: `Signer ${state.name} suspended by ${options.actor.label}${input.reason ? `: ${input.reason}` : ""}`,
            subject: { type: "signer", id, label: state.name },
            data: { from: state.status, reason: input.reason ?? null, by: options.actor.label },
            key: `signer.suspended:${id}:${options.now.getTime()}`,
          },
        ],
        { now: options.now },
      );
  });
  await evaluateFindings(db, {
    now: options.now,
    signerIds: [id],
    keyIds: state.keyIds,
    certificateIds: state.certificateIds,
  });
  return { id, status: input.status, revokedTokens };
}
