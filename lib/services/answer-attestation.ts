import { AppError, parseValid } from "@/lib/api/errors";
import { type Db, type Tx, withTransaction } from "@/lib/db/client";
import {
  certificatesToRevoke,
  confirmKeyCustody,
  createAnswerRow,
  createChangeRequest,
  findTask,
  hasOpenChangeRequest,
  latestAnswer,
  loadTaskSignerDetail,
  markTaskSubmitted,
} from "@/lib/db/attestations/attestations";
import { suspendSignerIfActive } from "@/lib/db/signers/signers";
import {
  attestationAnswerSchema,
  changeRequestsFor,
  taskRefusal,
  validateAnswer,
  type AttestationAnswerInput,
  type ValidatedAnswer,
} from "@/lib/domain/attestation";
import { revocationDeadline } from "@/lib/domain/revocation";
import { recordAudit, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";
import { requestRevocation } from "./request-revocation";

// An owner answers one attestation task. The answer is immutable; answering a submitted task
// again records a correction that supersedes the previous answer. Decommission requests suspend
// the signer at once and ask the CA to revoke its certificates; grant removals and custody
// corrections become change requests for the security team. One transaction, audited.

export type Answerer = { userId: string; personId: string | null; actor: Actor; ip?: string | null };

/** Refuses (and audits) anyone but the task's holder; returns the task. */
export async function loadOwnTask(
  db: Db,
  attestationId: string,
  who: Answerer,
  options: { now: Date; action: string },
) {
  const task = await findTask(db, attestationId);
  if (!task) throw new AppError("not_found", "Attestation task not found");
  const refusal = taskRefusal(task, who.personId);
  if (refusal?.code === "forbidden") {
    await withTransaction(db, (tx) =>
      recordAudit(tx, {
        actor: who.actor,
        action: "attestation.access-refused",
        targetType: "attestation",
        targetId: attestationId,
        summary: `Refused ${options.action} of another person's attestation task (signer ${task.signer.name})`,
        details: { attempted: options.action, holderPersonId: task.assignee.id, userPersonId: who.personId },
        ip: who.ip ?? null,
        at: options.now,
      }),
    );
  }
  if (refusal) throw new AppError(refusal.code, refusal.message);
  return task;
}

export async function answerAttestation(
  db: Db,
  input: { attestationId: string; answer: AttestationAnswerInput },
  who: Answerer,
  options: { now: Date },
) {
  const answer = parseValid(attestationAnswerSchema, input.answer, {
    message: "Invalid answer",
    isFirstIssueTheMessage: true,
  });
  const task = await loadOwnTask(db, input.attestationId, who, { now: options.now, action: "answer" });
  const detail = await loadTaskSignerDetail(db, task.signer.id);
  const checked = validateAnswer(answer, { privileges: detail.privileges, keys: detail.keys });
  if (!checked.ok) throw new AppError("validation", checked.problems[0].message, { issues: checked.problems });
  const result = await withTransaction(db, (tx) =>
    recordAnswer(tx, { task, answer: checked.value, keyIds: detail.keys.map((k) => k.id), who, now: options.now }),
  );
  await refreshFindings(db, task.signer.id, options.now);
  return result;
}

type Task = NonNullable<Awaited<ReturnType<typeof findTask>>>;

/** Writes one answer and its consequences; shared with bulk attestation. */
export async function recordAnswer(
  tx: Tx,
  args: { task: Task; answer: ValidatedAnswer; keyIds: string[]; who: Answerer; now: Date; isBulk?: boolean },
) {
  const { task, answer, who, now } = args;
  const previous = await latestAnswer(tx, task.id);
  if (task.status === "pending") {
    if (!(await markTaskSubmitted(tx, task.id, now)))
      throw new AppError("conflict", "This task was answered a moment ago; reload to see the answer");
  } else if (!previous) {
    throw new AppError("conflict", "This task has no answer to correct");
  }
  const row = await createAnswerRow(tx, {
    attestationId: task.id,
    answeredByUserId: who.userId,
    answeredByPersonId: who.personId!,
    isStillNeeded: answer.isStillNeeded,
    privilegeDecisionsJson: JSON.stringify(answer.decisions),
    isCustodyConfirmed: answer.custody.isConfirmed,
    custodyCorrection: answer.custody.isConfirmed ? null : answer.custody.custody,
    custodyEvidence: answer.custody.isConfirmed ? null : answer.custody.evidence,
    comment: answer.comment,
    supersedesId: previous?.id ?? null,
    createdAt: now,
  });
  const signer = task.signer;
  const verb = previous ? "corrected" : "answered";
  await recordAudit(tx, {
    actor: who.actor,
    action: previous ? "attestation.corrected" : "attestation.answered",
    targetType: "attestation",
    targetId: task.id,
    summary: `Attestation of ${signer.name} ${verb}${args.isBulk ? " (bulk, unchanged)" : ""}: ${answer.isStillNeeded ? "still needed" : "no longer needed"}`,
    details: {
      answerId: row.id,
      supersedesId: previous?.id ?? null,
      campaignId: task.campaign.id,
      signerId: signer.id,
      isStillNeeded: answer.isStillNeeded,
      decisions: answer.decisions,
      custody: answer.custody,
      comment: answer.comment,
    },
    ip: who.ip ?? null,
    at: now,
  });
  if (answer.custody.isConfirmed && answer.isStillNeeded)
    await confirmKeyCustody(tx, { signerId: signer.id, keyIds: args.keyIds }, now);

  const opened: { id: string; kind: string }[] = [];
  for (const cr of changeRequestsFor(answer)) {
    if (await hasOpenChangeRequest(tx, { kind: cr.kind, signerId: signer.id, privilegeId: cr.privilegeId })) continue;
    const created = await createChangeRequest(tx, {
      kind: cr.kind,
      signerId: signer.id,
      privilegeId: cr.privilegeId,
      attestationId: task.id,
      details: { ...cr.details, answerId: row.id },
      now,
    });
    opened.push({ id: created.id, kind: cr.kind });
    await recordAudit(tx, {
      actor: who.actor,
      action: "change-request.opened",
      targetType: "change-request",
      targetId: created.id,
      summary: `${cr.kind} requested for ${signer.name} through attestation`,
      details: { kind: cr.kind, signerId: signer.id, ...cr.details },
      at: now,
    });
  }
  let revocationRequests = 0;
  let isSuspended = false;
  if (!answer.isStillNeeded) {
    isSuspended = await suspendSignerIfActive(tx, signer.id, now);
    if (isSuspended) {
      await recordAudit(tx, {
        actor: who.actor,
        action: "signer.suspended",
        targetType: "signer",
        targetId: signer.id,
        summary: `Signer ${signer.name} suspended: its owner says it is no longer needed`,
        details: { from: "active", to: "suspended", attestationId: task.id },
        at: now,
      });
    }
    for (const cert of await certificatesToRevoke(tx, signer.id, now)) {
      const deadlineAt = revocationDeadline("cessationOfOperation", now);
      await requestRevocation(
        tx,
        {
          certificateId: cert.id,
          reason: "cessationOfOperation",
          requestedAt: now,
          requestedById: who.userId,
          deadlineAt,
          note: `Signer ${signer.name} is being decommissioned (attestation)`,
        },
        {
          actor: who.actor,
          details: {
            kind: "requested",
            reason: "cessationOfOperation",
            signerId: signer.id,
            attestationId: task.id,
            deadlineAt: deadlineAt.toISOString(),
          },
        },
      );
      revocationRequests++;
    }
  }
  return { answerId: row.id, isCorrection: !!previous, changeRequests: opened, revocationRequests, isSuspended };
}

async function refreshFindings(db: Db, signerId: string, now: Date) {
  try {
    await evaluateFindings(db, { now, signerIds: [signerId] });
  } catch (error) {
    // the answer is stored; the next sweep re-evaluates
    console.error("[signet] re-evaluating findings after an attestation failed:", error);
  }
}

export { refreshFindings as refreshSignerFindings };
