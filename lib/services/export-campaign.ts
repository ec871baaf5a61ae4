import { notFound } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { findCampaign, loadCampaignExport } from "@/lib/db/attestations/attestations";
import { describeScope, parseScope } from "@/lib/domain/attestation";

// Audit evidence for one campaign: every task with every answer (corrections included, each
// pointing at the answer it supersedes), who answered and when, and delegations. JSON keeps the
// structure; CSV has one row per answer (and one per unanswered task).

export type CampaignExportRow = {
  campaign: string;
  signer: string;
  signerStatus: string;
  team: string;
  primaryOwner: string;
  backupOwner: string;
  assignee: string;
  taskStatus: string;
  escalatedAt: string;
  delegations: string;
  answerId: string;
  answeredBy: string;
  answeredByUser: string;
  answeredAt: string;
  isStillNeeded: string;
  privilegeDecisions: string;
  custody: string;
  comment: string;
  supersedes: string;
  isCurrent: string;
};

export async function exportCampaign(db: Db, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound("Campaign");
  const { tasks, users, people } = await loadCampaignExport(db, campaignId);
  const personLabel = (id: string) => {
    const p = people.get(id);
    return p ? `${p.name} <${p.email}>` : id;
  };
  const scope = parseScope(campaign.scopeJson);
  const json = {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      scope: scope ? describeScope(scope) : campaign.scopeJson,
      dueAt: campaign.dueAt.toISOString(),
      createdAt: campaign.createdAt.toISOString(),
      recurrence: campaign.recurrence,
      autoSuspendAfterDays: campaign.autoSuspendAfterDays,
    },
    tasks: tasks.map((t) => ({
      id: t.id,
      signer: { id: t.signer.id, name: t.signer.name, status: t.signer.status, team: t.signer.team?.name ?? null },
      assignee: { id: t.assignee.id, name: t.assignee.name, email: t.assignee.email },
      status: t.status,
      submittedAt: t.submittedAt?.toISOString() ?? null,
      escalatedAt: t.escalatedAt?.toISOString() ?? null,
      reminders: t.reminderCount,
      delegations: t.delegations.map((d) => ({
        from: personLabel(d.fromPersonId),
        to: personLabel(d.toPersonId),
        reason: d.reason,
        at: d.createdAt.toISOString(),
      })),
      answers: t.answers.map((a) => ({
        id: a.id,
        answeredBy: personLabel(a.answeredByPersonId),
        answeredByUser: users.get(a.answeredByUserId) ?? a.answeredByUserId,
        answeredAt: a.createdAt.toISOString(),
        isStillNeeded: a.isStillNeeded,
        privilegeDecisions: safeJson(a.privilegeDecisionsJson),
        custody: a.isCustodyConfirmed
          ? { isConfirmed: true }
          : { isConfirmed: false, correction: a.custodyCorrection, evidence: a.custodyEvidence },
        comment: a.comment,
        supersedesId: a.supersedesId,
        isCurrent: !t.answers.some((b) => b.supersedesId === a.id),
      })),
    })),
  };
  const rows: CampaignExportRow[] = [];
  for (const t of json.tasks) {
    const src = tasks.find((x) => x.id === t.id)!;
    const base = {
      campaign: campaign.name,
      signer: t.signer.name,
      signerStatus: t.signer.status,
      team: t.signer.team ?? "",
      primaryOwner: src.signer.primaryOwner ? `${src.signer.primaryOwner.name} <${src.signer.primaryOwner.email}>` : "",
      backupOwner: src.signer.backupOwner ? `${src.signer.backupOwner.name} <${src.signer.backupOwner.email}>` : "",
      assignee: `${t.assignee.name} <${t.assignee.email}>`,
      taskStatus: t.status,
      escalatedAt: t.escalatedAt ?? "",
      delegations: t.delegations.map((d) => `${d.from} → ${d.to} (${d.at})`).join("; "),
    };
    const empty = {
      answerId: "",
      answeredBy: "",
      answeredByUser: "",
      answeredAt: "",
      isStillNeeded: "",
      privilegeDecisions: "",
      custody: "",
      comment: "",
      supersedes: "",
      isCurrent: "",
    };
    if (t.answers.length === 0) rows.push({ ...base, ...empty });
    for (const a of t.answers) {
      const decisions = (Array.isArray(a.privilegeDecisions) ? a.privilegeDecisions : []) as {
        scope?: string;
        decision?: string;
      }[];
      rows.push({
        ...base,
        answerId: a.id,
        answeredBy: a.answeredBy,
        answeredByUser: a.answeredByUser,
        answeredAt: a.answeredAt,
        isStillNeeded: a.isStillNeeded ? "yes" : "no",
        privilegeDecisions: decisions.map((d) => `${d.scope}: ${d.decision}`).join("; "),
        custody: a.custody.isConfirmed ? "confirmed" : `corrected to ${a.custody.correction} (${a.custody.evidence})`,
        comment: a.comment ?? "",
        supersedes: a.supersedesId ?? "",
        isCurrent: a.isCurrent ? "yes" : "no",
      });
    }
  }
  return {
    json,
    rows,
    fileBase: `campaign-${
      campaign.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") || campaign.id
    }`,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function toCsv(rows: CampaignExportRow[]): string {
  const headers: (keyof CampaignExportRow)[] = [
    "campaign",
    "signer",
    "signerStatus",
    "team",
    "primaryOwner",
    "backupOwner",
    "assignee",
    "taskStatus",
    "escalatedAt",
    "delegations",
    "answerId",
    "answeredBy",
    "answeredByUser",
    "answeredAt",
    "isStillNeeded",
    "privilegeDecisions",
    "custody",
    "comment",
    "supersedes",
    "isCurrent",
  ];
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [headers.join(","), ...rows.map((r) => headers.map((h) => cell(r[h])).join(","))].join("\r\n") + "\r\n";
}
