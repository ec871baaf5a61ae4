import { inputDate } from "@/lib/domain/date-bounds";
import { randomUUID } from "node:crypto";
import { z } from "@/lib/domain/zod";
import { AppError, parseValid } from "@/lib/api/errors";
import { type Db, type Tx, withTransaction } from "@/lib/db/client";
import { createAttestationRows, createCampaignRow, loadCampaignCandidates } from "@/lib/db/attestations/attestations";
import { findTeam } from "@/lib/db/people/people";
import { markDueForEvaluation } from "@/lib/db/findings/next-evaluation";
import {
  campaignScopeSchema,
  chooseAssignee,
  describeScope,
  RECURRENCES,
  resolveScope,
  type CampaignScope,
} from "@/lib/domain/attestation";
import { actorUserId } from "@/lib/domain/actor";
import { recordAudit, type Actor } from "./audit";
import { queueAttestationMail, type MailRecipient } from "./queue-attestation-mail";

// Starts an attestation campaign: resolves the scope against today's inventory, gives each signer
// in scope one task for its primary owner (the backup when the primary has left or is missing),
// lists the unassignable ones, and queues one invitation email per owner: all in one transaction
// with its audit event.

export const startCampaignInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(200),
  scope: campaignScopeSchema,
  dueAt: inputDate("Enter a due date"),
  reminderEveryDays: z.coerce.number().int().min(1, "At least every day").max(90, "At most every 90 days").default(7),
  recurrence: z.enum(RECURRENCES).default("none"),
  autoSuspendAfterDays: z.coerce.number().int().min(1).max(365).nullable().default(null),
});
export type StartCampaignInput = z.input<typeof startCampaignInput>;

export type StartCampaignResult = {
  campaignId: string;
  assigned: number;
  emails: number;
  unassignable: { signerId: string; name: string; reason: string }[];
};

export async function startCampaign(
  db: Db,
  raw: StartCampaignInput,
  options: { actor: Actor; now: Date; baseUrl: string; parentId?: string | null },
): Promise<StartCampaignResult> {
  const input = parseValid(startCampaignInput, raw, { message: "Invalid campaign", isFirstIssueTheMessage: true });
  if (input.dueAt.getTime() <= options.now.getTime())
    throw new AppError("validation", "The due date must be in the future", {
      issues: [{ path: "dueAt", message: "Choose a date in the future" }],
    });
  return withTransaction(db, (tx) => startInTx(tx, input, options));
}

async function startInTx(
  tx: Tx,
  input: z.output<typeof startCampaignInput>,
  options: { actor: Actor; now: Date; baseUrl: string; parentId?: string | null },
): Promise<StartCampaignResult> {
  const { now } = options;
  const candidates = await loadCampaignCandidates(tx);
  const inScope = new Set(resolveScope(input.scope, candidates));
  const signers = candidates.filter((c) => inScope.has(c.id));
  if (input.scope.kind === "team" && !(await findTeam(tx, input.scope.teamId))) {
    throw new AppError("validation", "That team does not exist", {
      issues: [{ path: "scope.teamId", message: "Choose a team" }],
    });
  }
  const campaign = await createCampaignRow(tx, {
    name: input.name,
    scopeJson: JSON.stringify(input.scope),
    dueAt: input.dueAt,
    reminderEveryDays: input.reminderEveryDays,
    recurrence: input.recurrence,
    autoSuspendAfterDays: input.autoSuspendAfterDays,
    createdById: actorUserId(options.actor),
    parentId: options.parentId ?? null,
    createdAt: now,
  });
  const unassignable: StartCampaignResult["unassignable"] = [];
  const rows: { campaignId: string; signerId: string; assigneeId: string; createdAt: Date }[] = [];
  const owners = new Map<string, { email: string; name: string }>();
  for (const s of signers) {
    const choice = chooseAssignee(s);
    if (choice.kind === "unassignable") {
      unassignable.push({ signerId: s.id, name: s.name, reason: choice.reason });
      continue;
    }
    rows.push({ campaignId: campaign.id, signerId: s.id, assigneeId: choice.personId, createdAt: now });
    const owner = choice.role === "primary" ? s.primaryOwner! : s.backupOwner!;
    owners.set(owner.id, { email: owner.email, name: owner.name });
  }
  const created = await createAttestationRows(tx, rows);
  // the findings job learns the due date (signer.attestation-overdue) at its next run
  await markDueForEvaluation(
    tx,
    "signer",
    rows.map((r) => r.signerId),
    now,
  );
  const names = new Map(signers.map((s) => [s.id, s.name]));
  const recipients: MailRecipient[] = [...owners].map(([personId, p]) => ({
    email: p.email,
    name: p.name,
    personId,
    kind: "invite",
    deliveryKind: "attestation-invite",
    band: "invite",
    tasks: created
      .filter((t) => t.assigneeId === personId)
      .map((t) => ({
        attestationId: t.id,
        signerName: names.get(t.signerId) ?? t.signerId,
        dedupeKey: `attestation-invite:${t.id}:start:${personId}`,
      })),
  }));
  const { emails } = await queueAttestationMail(tx, recipients, {
    campaign,
    now,
    runId: `campaign-start:${campaign.id}:${randomUUID().slice(0, 8)}`,
    baseUrl: options.baseUrl,
  });
  await recordAudit(tx, {
    actor: options.actor,
    action: "campaign.started",
    targetType: "campaign",
    targetId: campaign.id,
    summary: `Attestation campaign "${input.name}" started: ${created.length} task${created.length === 1 ? "" : "s"}, ${unassignable.length} unassignable, due ${input.dueAt.toISOString().slice(0, 10)}`,
    details: {
      scope: describeScope(input.scope as CampaignScope),
      dueAt: input.dueAt.toISOString(),
      reminderEveryDays: input.reminderEveryDays,
      recurrence: input.recurrence,
      autoSuspendAfterDays: input.autoSuspendAfterDays,
      parentId: options.parentId ?? null,
      tasks: created.length,
      unassignable,
      emails,
    },
    at: now,
  });
  return { campaignId: campaign.id, assigned: created.length, emails, unassignable };
}
