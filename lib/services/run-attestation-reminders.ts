import { enqueueWebhookEvents } from "@/lib/db/webhooks/deliveries";
import { type Db, type Tx, withTransaction } from "@/lib/db/client";
import {
  hasChildCampaign,
  listCampaignsToRecur,
  listPendingTasks,
  markEscalated,
  recordReminder,
} from "@/lib/db/attestations/attestations";
import { suspendSignerIfActive } from "@/lib/db/signers/signers";
import {
  autoSuspendAt,
  escalationRecipients,
  nextOccurrenceName,
  nextRecurrenceDueAt,
  parseScope,
  taskActions,
  type Recurrence,
} from "@/lib/domain/attestation";
import { recordAudit, SYSTEM_ACTOR } from "./audit";
import { queueAttestationMail, type MailRecipient } from "./queue-attestation-mail";
import { startCampaign } from "./start-campaign";

// The attestation job: reminders on each campaign's cadence to whoever holds a task, escalation
// to the backup owner and the security team once a task is overdue, the optional auto-suspension
// policy, and the next occurrence of recurring campaigns. Safe to run any number of times and on
// several instances: every email hangs off a unique delivery key, every state change is
// conditional. `now` is a parameter so tests (and the e2e clock override) can move time.

export type AttestationRunOptions = { now: Date; runId: string; baseUrl: string; securityTeamEmail: string | null };
export type AttestationRunResult = {
  reminders: number;
  escalations: number;
  emails: number;
  suspended: number;
  campaignsStarted: number;
};

type PendingTask = Awaited<ReturnType<typeof listPendingTasks>>[number];

export async function runAttestationReminders(db: Db, options: AttestationRunOptions): Promise<AttestationRunResult> {
  const result: AttestationRunResult = { reminders: 0, escalations: 0, emails: 0, suspended: 0, campaignsStarted: 0 };
  result.campaignsStarted = await startNextOccurrences(db, options);
  const byCampaign = new Map<string, PendingTask[]>();
  for (const t of await listPendingTasks(db))
    byCampaign.set(t.campaign.id, [...(byCampaign.get(t.campaign.id) ?? []), t]);
  for (const tasks of byCampaign.values()) {
    const r = await withTransaction(db, (tx) => runCampaign(tx, tasks, options));
    result.reminders += r.reminders;
    result.escalations += r.escalations;
    result.emails += r.emails;
    result.suspended += r.suspended;
  }
  return result;
}

async function runCampaign(tx: Tx, tasks: PendingTask[], options: AttestationRunOptions) {
  const { now } = options;
  const campaign = tasks[0].campaign;
  const recipients = new Map<string, MailRecipient>();
  const add = (key: string, base: Omit<MailRecipient, "tasks">, task: MailRecipient["tasks"][number]) => {
    const r = recipients.get(key) ?? { ...base, tasks: [] };
    r.tasks.push(task);
    recipients.set(key, r);
  };
  const reminded: { id: string; n: number }[] = [];
  // an escalation stands in for the reminder of its cadence: the next reminder waits a full cadence
  const caughtUp: { id: string; n: number }[] = [];
  const escalated: PendingTask[] = [];
  let suspended = 0;
  for (const t of tasks) {
    const delegation = t.delegations[0];
    const epoch = delegation?.id ?? "start";
    const actions = taskActions(
      {
        startAt: delegation?.createdAt ?? t.createdAt,
        dueAt: campaign.dueAt,
        reminderEveryDays: campaign.reminderEveryDays,
        reminderCount: t.reminderCount,
        escalatedAt: t.escalatedAt,
        autoSuspendAfterDays: campaign.autoSuspendAfterDays,
      },
      now,
    );
    const holder = { email: t.assignee.email, name: t.assignee.name, personId: t.assignee.id };
    if (actions.reminderNumber !== null) {
      const kind = actions.isOverdue ? "overdue" : "reminder";
      add(
        `reminder-${kind}:${holder.personId}`,
        { ...holder, kind, deliveryKind: "attestation-reminder", band: `reminder-${actions.reminderNumber}` },
        {
          attestationId: t.id,
          signerName: t.signer.name,
          dedupeKey: `attestation-reminder:${t.id}:${epoch}:${actions.reminderNumber}:${holder.personId}`,
        },
      );
      reminded.push({ id: t.id, n: actions.reminderNumber });
    }
    if (actions.shouldEscalate) {
      escalated.push(t);
      if (actions.cadenceIndex > t.reminderCount) caughtUp.push({ id: t.id, n: actions.cadenceIndex });
      add(
        `overdue:${holder.personId}`,
        { ...holder, kind: "overdue", deliveryKind: "attestation-escalation", band: "escalation" },
        {
          attestationId: t.id,
          signerName: t.signer.name,
          dedupeKey: `attestation-escalation:${t.id}:${holder.email.toLowerCase()}`,
        },
      );
      for (const r of escalationRecipients({
        assigneeId: t.assignee.id,
        backupOwner: t.signer.backupOwner,
        securityTeamEmail: options.securityTeamEmail,
      })) {
        const page =
          r.role === "backup-owner"
            ? { path: "/signers", label: "See your signers in Signet" }
            : { path: `/campaigns/${campaign.id}`, label: "Open the campaign in Signet" };
        add(
          `escalation:${r.email}`,
          {
            email: r.email,
            name: r.name,
            personId: null,
            page,
            kind: "escalation",
            deliveryKind: "attestation-escalation",
            band: "escalation",
          },
          {
            attestationId: t.id,
            signerName: t.signer.name,
            holder: t.assignee.name,
            dedupeKey: `attestation-escalation:${t.id}:${r.email}`,
          },
        );
      }
    }
    if (actions.shouldAutoSuspend && campaign.autoSuspendAfterDays !== null && t.signer.status === "active") {
      const from = autoSuspendAt(campaign.dueAt, campaign.autoSuspendAfterDays);
      // someone changed the signer's status since the policy applied (resumed it): respect that
      if (!t.signer.statusChangedAt || t.signer.statusChangedAt < from) {
        if (await suspendSignerIfActive(tx, t.signer.id, now)) {
          suspended++;
          await recordAudit(tx, {
            actor: SYSTEM_ACTOR,
            action: "signer.suspended",
            targetType: "signer",
            targetId: t.signer.id,
            summary: `Signer ${t.signer.name} suspended: not attested ${campaign.autoSuspendAfterDays} days after the due date of "${campaign.name}" (auto-suspend policy)`,
            details: {
              from: "active",
              to: "suspended",
              campaignId: campaign.id,
              attestationId: t.id,
              policy: { autoSuspendAfterDays: campaign.autoSuspendAfterDays },
            },
            at: now,
          });
          await enqueueWebhookEvents(
            tx,
            [
              {
                type: "signer.suspended",
                occurredAt: now,
                summary: `Signer ${t.signer.name} suspended: not attested after "${campaign.name}" (auto-suspend policy)`,
                subject: { type: "signer", id: t.signer.id, label: t.signer.name },
                data: { from: "active", reason: "auto-suspend", campaignId: campaign.id, attestationId: t.id },
                key: `signer.suspended:${t.signer.id}:${now.getTime()}`,
              },
            ],
            { now },
          );
        }
      }
    }
  }
  const { emails } = await queueAttestationMail(tx, [...recipients.values()], {
    campaign,
    now,
    runId: options.runId,
    baseUrl: options.baseUrl,
  });
  for (const r of [...reminded, ...caughtUp]) await recordReminder(tx, r.id, { reminderNumber: r.n, now });
  let escalations = 0;
  for (const t of escalated) {
    if (!(await markEscalated(tx, t.id, now))) continue;
    escalations++;
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "attestation.escalated",
      targetType: "attestation",
      targetId: t.id,
      summary: `Attestation of ${t.signer.name} is overdue (due ${campaign.dueAt.toISOString().slice(0, 10)}): escalated to the backup owner and the security team`,
      details: {
        campaignId: campaign.id,
        holderPersonId: t.assignee.id,
        backupOwnerId: t.signer.backupOwner?.id ?? null,
        securityTeamEmail: options.securityTeamEmail,
      },
      at: now,
    });
  }
  if (reminded.length) {
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "attestation.reminded",
      targetType: "campaign",
      targetId: campaign.id,
      summary: `Reminders sent for ${reminded.length} pending attestation task${reminded.length === 1 ? "" : "s"} of "${campaign.name}"`,
      details: { attestationIds: reminded.map((r) => r.id), runId: options.runId },
      at: now,
    });
  }
  return { reminders: reminded.length, escalations, emails, suspended };
}

/** Starts the next occurrence of each recurring campaign whose due date has passed. */
async function startNextOccurrences(db: Db, options: AttestationRunOptions): Promise<number> {
  let started = 0;
  for (const c of await listCampaignsToRecur(db, options.now)) {
    if (await hasChildCampaign(db, c.id)) continue;
    const scope = parseScope(c.scopeJson);
    if (!scope) {
      console.error(`[signet] campaign ${c.id} has an unreadable scope; not recurring it`);
      continue;
    }
    // after a long outage skip occurrences already in the past
    let dueAt = nextRecurrenceDueAt(c.dueAt, c.recurrence as Recurrence);
    while (dueAt && dueAt.getTime() <= options.now.getTime())
      dueAt = nextRecurrenceDueAt(dueAt, c.recurrence as Recurrence);
    if (!dueAt) continue;
    await startCampaign(
      db,
      {
        name: nextOccurrenceName(c.name, dueAt),
        scope,
        dueAt,
        reminderEveryDays: c.reminderEveryDays,
        recurrence: c.recurrence as Recurrence,
        autoSuspendAfterDays: c.autoSuspendAfterDays,
      },
      {
        actor: { ...SYSTEM_ACTOR, label: "system (recurring campaign)" },
        now: options.now,
        baseUrl: options.baseUrl,
        parentId: c.id,
      },
    );
    started++;
  }
  return started;
}
