import { randomUUID } from "node:crypto";
import type { Tx, DbOrTx } from "@/lib/db/client";
import { keySelect, stampKeysCustodyAttested } from "@/lib/db/keys/keys";
import { stampSignerCustodyAttested } from "@/lib/db/signers/signers";
import type { ScopeSigner } from "@/lib/domain/attestation/scope";
import { personRefSelect } from "@/lib/db/people/people";
import { iso, readPage } from "@/lib/db/inventory/common";

// Attestation campaigns, tasks, answers, delegations, change requests and access links. Plain
// objects out; the services decide and audit.

const person = { select: personRefSelect } as const;

/** A campaign's deadline and the settings the reminder and suspension rules read. */
const campaignRulesSelect = {
  id: true,
  name: true,
  dueAt: true,
  reminderEveryDays: true,
  autoSuspendAfterDays: true,
  isMailEnabled: true,
} as const;

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

// ------------------------------------------------------------------ scope resolution inputs

export type CampaignCandidate = ScopeSigner & {
  name: string;
  primaryOwner: { id: string; name: string; email: string; isActive: boolean } | null;
  backupOwner: { id: string; name: string; email: string; isActive: boolean } | null;
};

/** Every signer that could be in a campaign (not decommissioned), with what scope rules look at. */
export async function loadCampaignCandidates(db: DbOrTx): Promise<CampaignCandidate[]> {
  const signers = await db.signer.findMany({
    where: { status: { not: "decommissioned" } },
    select: {
      id: true,
      name: true,
      status: true,
      teamId: true,
      environmentsJson: true,
      primaryOwner: person,
      backupOwner: person,
    },
    orderBy: { name: "asc" },
  });
  const findings = await db.finding.findMany({
    where: { subjectType: "signer", resolvedAt: null, suppressedAt: null },
    select: { subjectId: true, ruleId: true },
  });
  const rules = new Map<string, string[]>();
  for (const f of findings) rules.set(f.subjectId, [...(rules.get(f.subjectId) ?? []), f.ruleId]);
  return signers.map((s) => ({
    id: s.id,
    name: s.name,
    status: s.status,
    teamId: s.teamId,
    environments: parseList(s.environmentsJson),
    openFindingRuleIds: rules.get(s.id) ?? [],
    primaryOwner: s.primaryOwner,
    backupOwner: s.backupOwner,
  }));
}

// ------------------------------------------------------------------ campaigns

export type NewCampaign = {
  name: string;
  scopeJson: string;
  dueAt: Date;
  reminderEveryDays: number;
  recurrence: string;
  autoSuspendAfterDays: number | null;
  createdById: string | null;
  parentId: string | null;
  createdAt: Date;
  /** default true; false only for the demo's campaign */
  isMailEnabled?: boolean;
};

export async function createCampaignRow(tx: Tx, data: NewCampaign) {
  return tx.attestationCampaign.create({ data: { ...data, status: "open" } });
}

export type NewAttestation = {
  campaignId: string;
  signerId: string;
  assigneeId: string;
  createdAt: Date;
  /** a task that is already answered or escalated (demo history); default pending, untouched */
  status?: "pending" | "submitted";
  submittedAt?: Date | null;
  escalatedAt?: Date | null;
};

export async function createAttestationRows(tx: Tx, rows: NewAttestation[]) {
  const withIds = rows.map((r) => ({ id: randomUUID(), status: "pending", ...r }));
  if (withIds.length) await tx.attestation.createMany({ data: withIds });
  return withIds;
}

export async function findCampaign(db: DbOrTx, id: string) {
  return db.attestationCampaign.findUnique({ where: { id } });
}

export async function hasChildCampaign(db: DbOrTx, parentId: string): Promise<boolean> {
  return (await db.attestationCampaign.count({ where: { parentId } })) > 0;
}

/** One page of the campaigns, newest first, with their progress: /campaigns and GET /api/v1/campaigns. */
export async function listCampaigns(db: DbOrTx, f: { page: number; pageSize: number }, now: Date) {
  const page = await readPage(f, {
    rows: (window) => db.attestationCampaign.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...window }),
    count: () => db.attestationCampaign.count(),
  });
  const ids = page.rows.map((c) => c.id);
  const counts = ids.length
    ? await db.attestation.groupBy({
        by: ["campaignId", "status"],
        where: { campaignId: { in: ids } },
        _count: { _all: true },
      })
    : [];
  return {
    ...page,
    rows: page.rows.map(({ dueAt, createdAt, closedAt, ...c }) => {
      const of = counts.filter((x) => x.campaignId === c.id);
      const done = of.find((x) => x.status === "submitted")?._count._all ?? 0;
      const pending = of.find((x) => x.status === "pending")?._count._all ?? 0;
      return {
        ...c,
        dueAt: iso(dueAt)!,
        createdAt: iso(createdAt)!,
        closedAt: iso(closedAt),
        isOverdue: dueAt < now && pending > 0,
        done,
        pending,
        total: done + pending,
      };
    }),
  };
}

export type CampaignListRow = Awaited<ReturnType<typeof listCampaigns>>["rows"][number];

/** Recurring campaigns whose due date has passed and that have no next occurrence yet. */
export async function listCampaignsToRecur(db: DbOrTx, now: Date) {
  return db.attestationCampaign.findMany({
    where: { recurrence: { not: "none" }, dueAt: { lte: now }, status: "open" },
    select: {
      id: true,
      name: true,
      scopeJson: true,
      dueAt: true,
      reminderEveryDays: true,
      recurrence: true,
      autoSuspendAfterDays: true,
      createdById: true,
    },
  });
}

// ------------------------------------------------------------------ tasks

const taskSignerSelect = {
  id: true,
  name: true,
  kind: true,
  platform: true,
  status: true,
  statusChangedAt: true,
  description: true,
  environmentsJson: true,
  lastUsedAt: true,
  team: { select: { id: true, name: true } },
  primaryOwner: person,
  backupOwner: person,
} as const;

export type TaskRow = Awaited<ReturnType<typeof listTasksFor>>[number];

/** A person's tasks in open campaigns (pending first), or every task of one campaign. */
export async function listTasksFor(db: DbOrTx, where: { assigneeId?: string; campaignId?: string; ids?: string[] }) {
  return db.attestation.findMany({
    where: {
      ...(where.assigneeId ? { assigneeId: where.assigneeId, campaign: { status: "open" } } : {}),
      ...(where.campaignId ? { campaignId: where.campaignId } : {}),
      ...(where.ids ? { id: { in: where.ids } } : {}),
    },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      status: true,
      submittedAt: true,
      reminderCount: true,
      lastRemindedAt: true,
      escalatedAt: true,
      createdAt: true,
      assignee: person,
      campaign: { select: { ...campaignRulesSelect, status: true } },
      signer: { select: taskSignerSelect },
      delegations: {
        orderBy: { createdAt: "asc" },
        select: { id: true, fromPersonId: true, toPersonId: true, reason: true, createdAt: true },
      },
    },
  });
}

export async function findTask(db: DbOrTx, id: string) {
  const [task] = await listTasksFor(db, { ids: [id] });
  return task ?? null;
}

/** What the answer form shows about a signer: certificates, keys, standing grants, open findings. */
export async function loadTaskSignerDetail(db: DbOrTx, signerId: string) {
  const [links, privileges, findings] = await Promise.all([
    db.signerCertificate.findMany({
      where: { signerId },
      select: {
        certificate: {
          select: {
            id: true,
            subjectCn: true,
            subject: true,
            issuerCn: true,
            serialHex: true,
            notBefore: true,
            notAfter: true,
            revocationStatus: true,
            isCA: true,
            key: { select: keySelect },
          },
        },
      },
    }),
    db.privilege.findMany({
      where: { signerId, removedAt: null },
      orderBy: { scope: "asc" },
      select: { id: true, scope: true, environment: true, grantedAt: true, lastExercisedAt: true },
    }),
    db.finding.findMany({
      where: { signerId, resolvedAt: null, suppressedAt: null },
      orderBy: { severityRank: "desc" },
      select: { id: true, ruleId: true, severity: true, message: true },
    }),
  ]);
  const certificates = links.map((l) => l.certificate).sort((a, b) => b.notAfter.getTime() - a.notAfter.getTime());
  const keys = [...new Map(certificates.map((c) => [c.key.id, c.key])).values()];
  return { certificates, keys, privileges, findings };
}

export async function latestAnswer(db: DbOrTx, attestationId: string) {
  return db.attestationAnswer.findFirst({ where: { attestationId }, orderBy: { createdAt: "desc" } });
}

export async function listAnswers(db: DbOrTx, attestationIds: string[]) {
  if (attestationIds.length === 0) return [];
  return db.attestationAnswer.findMany({
    where: { attestationId: { in: attestationIds } },
    orderBy: { createdAt: "asc" },
  });
}

export async function createAnswerRow(
  tx: Tx,
  data: {
    attestationId: string;
    answeredByUserId: string;
    answeredByPersonId: string;
    isStillNeeded: boolean;
    privilegeDecisionsJson: string;
    isCustodyConfirmed: boolean;
    custodyCorrection: string | null;
    custodyEvidence: string | null;
    comment: string | null;
    supersedesId: string | null;
    createdAt: Date;
  },
) {
  return tx.attestationAnswer.create({ data });
}

/** Marks a pending task submitted; false when it was not pending (a concurrent answer won). */
export async function markTaskSubmitted(tx: Tx, id: string, now: Date): Promise<boolean> {
  const r = await tx.attestation.updateMany({
    where: { id, status: "pending" },
    data: { status: "submitted", submittedAt: now },
  });
  return r.count === 1;
}

export async function moveTask(
  tx: Tx,
  data: {
    attestationId: string;
    fromPersonId: string;
    toPersonId: string;
    byUserId: string;
    reason: string | null;
    now: Date;
  },
) {
  const r = await tx.attestation.updateMany({
    where: { id: data.attestationId, assigneeId: data.fromPersonId, status: "pending" },
    // the new holder's reminders start from the delegation
    data: { assigneeId: data.toPersonId, reminderCount: 0, lastRemindedAt: null },
  });
  if (r.count !== 1) return null;
  return tx.attestationDelegation.create({
    data: {
      attestationId: data.attestationId,
      fromPersonId: data.fromPersonId,
      toPersonId: data.toPersonId,
      byUserId: data.byUserId,
      reason: data.reason,
      createdAt: data.now,
    },
  });
}

export async function recordReminder(tx: Tx, id: string, data: { reminderNumber: number; now: Date }) {
  await tx.attestation.updateMany({
    where: { id, status: "pending", reminderCount: { lt: data.reminderNumber } },
    data: { reminderCount: data.reminderNumber, lastRemindedAt: data.now },
  });
}

export async function markEscalated(tx: Tx, id: string, now: Date): Promise<boolean> {
  const r = await tx.attestation.updateMany({
    where: { id, status: "pending", escalatedAt: null },
    data: { escalatedAt: now },
  });
  return r.count === 1;
}

/**
 * Pending tasks of open campaigns, with what the reminder job needs. Campaigns with mail switched
 * off (the demo's) are left out: reminders and escalations are emails, and an escalation nobody
 * was told about would be a false record.
 */
export async function listPendingTasks(db: DbOrTx) {
  return db.attestation.findMany({
    where: { status: "pending", campaign: { status: "open", isMailEnabled: true } },
    select: {
      id: true,
      createdAt: true,
      reminderCount: true,
      escalatedAt: true,
      assignee: person,
      campaign: { select: campaignRulesSelect },
      signer: { select: { id: true, name: true, status: true, statusChangedAt: true, backupOwner: person } },
      delegations: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, createdAt: true } },
    },
  });
}

export async function findPerson(db: DbOrTx, where: { id?: string; email?: string }) {
  if (where.id) return db.person.findUnique({ where: { id: where.id }, select: person.select });
  if (where.email) return db.person.findUnique({ where: { email: where.email.toLowerCase() }, select: person.select });
  return null;
}

export async function listActivePeople(db: DbOrTx) {
  return db.person.findMany({
    where: { isActive: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}

// ------------------------------------------------------------------ signer changes

/** Certificates of the signer a decommission asks the CA to revoke: not revoked, not expired, no open request. */
export async function certificatesToRevoke(tx: DbOrTx, signerId: string, now: Date) {
  return tx.certificate.findMany({
    where: {
      signers: { some: { signerId } },
      revocationStatus: { not: "revoked" },
      notAfter: { gt: now },
      isCA: false,
      revocationRequests: { none: { status: "open" } },
    },
    select: { id: true, subjectCn: true, serialHex: true },
  });
}

export async function createChangeRequest(
  tx: Tx,
  data: {
    kind: string;
    signerId: string;
    privilegeId?: string | null;
    attestationId: string;
    details: Record<string, unknown>;
    now: Date;
  },
) {
  return tx.changeRequest.create({
    data: {
      kind: data.kind,
      signerId: data.signerId,
      privilegeId: data.privilegeId ?? null,
      attestationId: data.attestationId,
      detailsJson: JSON.stringify(data.details),
      status: "open",
      createdAt: data.now,
    },
  });
}

export async function hasOpenChangeRequest(
  tx: DbOrTx,
  where: { kind: string; signerId: string; privilegeId?: string | null },
) {
  return (
    (await tx.changeRequest.count({
      where: {
        kind: where.kind,
        signerId: where.signerId,
        status: "open",
        ...(where.privilegeId ? { privilegeId: where.privilegeId } : {}),
      },
    })) > 0
  );
}

export async function listChangeRequests(db: DbOrTx, where: { campaignId?: string; status?: string }) {
  const rows = await db.changeRequest.findMany({
    where: {
      attestationId: { not: null },
      ...(where.status ? { status: where.status } : {}),
    },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      kind: true,
      status: true,
      detailsJson: true,
      createdAt: true,
      resolvedAt: true,
      resolvedById: true,
      privilegeId: true,
      attestationId: true,
      signer: { select: { id: true, name: true, status: true } },
    },
  });
  if (!where.campaignId) return rows;
  const ids = new Set(
    (await db.attestation.findMany({ where: { campaignId: where.campaignId }, select: { id: true } })).map((a) => a.id),
  );
  return rows.filter((r) => r.attestationId && ids.has(r.attestationId));
}

export async function findChangeRequest(db: DbOrTx, id: string) {
  return db.changeRequest.findUnique({
    where: { id },
    include: { signer: { select: { id: true, name: true, status: true } } },
  });
}

/** Resolves an open change request; false when it was already resolved. */
export async function resolveChangeRequestRow(
  tx: Tx,
  id: string,
  data: { status: "done" | "rejected"; byUserId: string; now: Date },
) {
  const r = await tx.changeRequest.updateMany({
    where: { id, status: "open" },
    data: { status: data.status, resolvedAt: data.now, resolvedById: data.byUserId },
  });
  return r.count === 1;
}

// ------------------------------------------------------------------ access links

// ------------------------------------------------------------------ export

export async function loadCampaignExport(db: DbOrTx, campaignId: string) {
  const tasks = await db.attestation.findMany({
    where: { campaignId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      submittedAt: true,
      escalatedAt: true,
      reminderCount: true,
      assignee: person,
      signer: {
        select: {
          id: true,
          name: true,
          status: true,
          team: { select: { name: true } },
          primaryOwner: person,
          backupOwner: person,
        },
      },
      answers: { orderBy: { createdAt: "asc" } },
      delegations: {
        orderBy: { createdAt: "asc" },
        select: { fromPersonId: true, toPersonId: true, reason: true, createdAt: true },
      },
    },
  });
  const userIds = [...new Set(tasks.flatMap((t) => t.answers.map((a) => a.answeredByUserId)))];
  const personIds = [
    ...new Set(
      tasks.flatMap((t) => [
        ...t.answers.map((a) => a.answeredByPersonId),
        ...t.delegations.flatMap((d) => [d.fromPersonId, d.toPersonId]),
      ]),
    ),
  ];
  const [users, people] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true, email: true } }),
  ]);
  return { tasks, users: new Map(users.map((u) => [u.id, u.email])), people: new Map(people.map((p) => [p.id, p])) };
}

/** The owner confirmed how the signer's keys are held: stamp the attestation date on the keys and on the signer's declaration. */
export async function confirmKeyCustody(tx: Tx, target: { signerId: string; keyIds: string[] }, now: Date) {
  await stampKeysCustodyAttested(tx, target.keyIds, now);
  await stampSignerCustodyAttested(tx, target.signerId, now);
}
