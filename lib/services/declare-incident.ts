import { AppError, notFound, parseValid } from "@/lib/api/errors";
import { getConfig } from "@/lib/config";
import { type Db, type Tx, withTransaction } from "@/lib/db/client";
import { setSignerStatus } from "@/lib/db/signers/signer-admin";
import {
  addIncidentSteps,
  createIncident,
  insertIncidentNotices,
  insertIncidentTasks,
  type NewNotice,
  type NewStep,
  updateOpenIncident,
} from "@/lib/db/incidents/incidents";
import { type CompromiseScope, loadCompromiseScope, resolveIncidentSubject } from "@/lib/db/incidents/reads";
import { createOutboxMessage } from "@/lib/db/outbox/outbox";
import { enqueueWebhookEvents } from "@/lib/db/webhooks/deliveries";
import {
  channelsOf,
  declareIncidentSchema,
  drillLabel,
  incidentWebhookEvent,
  type DeclareIncidentInput,
} from "@/lib/domain/incidents";
import { computeRevocationImpact, parseRevocationDate } from "@/lib/domain/revocation-impact";
import { revocationDeadline } from "@/lib/domain/revocation";
import { renderIncidentMail } from "@/lib/mail/incident-templates";
import { actorUserId } from "@/lib/domain/actor";
import { recordAudit, recordAuditBy, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";
import { requestRevocation } from "./request-revocation";

// "Declare compromised" on a key or a signer, in one transaction: the incident, every signer using
// the key suspended, a revocation request per unexpired certificate of the key (CSBR keyCompromise
// deadline, the suspected compromise time as the proposed revocation date, with the signatures
// that date would invalidate), a recovery task per release channel the key signed for, and an
// email to each owner, backup owner and the security team, and an incident.opened webhook event. Containment happens inside that
// transaction, so time to contain is measured to its commit. A drill walks the same path and
// writes the same records, marked DRILL, but suspends and revokes nothing.

export type DeclareIncidentOptions = {
  actor: Actor;
  now: Date;
  baseUrl?: string;
  securityTeamEmail?: string | null;
};

export async function declareIncident(db: Db, raw: DeclareIncidentInput, options: DeclareIncidentOptions) {
  const input = parseValid(declareIncidentSchema, raw, { message: "Check the declaration" });
  const { now, actor } = options;
  const suspectedAt = parseRevocationDate(input.suspectedAt)!;
  if (suspectedAt > now) throw new AppError("validation", "The suspected compromise time is in the future");
  const subject = await resolveIncidentSubject(db, input.subjectType, input.subjectId);
  if (!subject) throw notFound(input.subjectType === "key" ? "Key" : "Signer");
  const scope = await loadCompromiseScope(db, subject.keyIds, {
    extraSignerIds: input.subjectType === "signer" ? [input.subjectId] : [],
  });
  if (scope.signers.length === 0)
    throw new AppError("conflict", `No signer uses ${subject.label}: there is nothing to contain`);
  const config = options.baseUrl === undefined || options.securityTeamEmail === undefined ? getConfig() : null;
  const baseUrl = (options.baseUrl ?? config!.baseUrl).replace(/\/+$/, "");
  const securityTeamEmail =
    options.securityTeamEmail === undefined ? config!.securityTeamEmail : options.securityTeamEmail;
  const isDrill = input.mode === "drill";
  const label = (text: string) => drillLabel(input.mode, text);

  const suspended: string[] = [];
  const incidentId = await withTransaction(db, async (tx) => {
    const id = await createIncident(
      tx,
      {
        mode: input.mode,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        subjectLabel: subject.label,
        keyIds: subject.keyIds,
        reason: input.reason,
        suspectedAt,
        declaredAt: now,
        declaredById: actorUserId(actor),
        declaredByLabel: actor.label,
      },
      scope.signers.map((s) => ({ signerId: s.id, statusBefore: s.status })),
    );
    const steps: NewStep[] = [
      {
        at: now,
        kind: "declared",
        actorLabel: actor.label,
        summary: label(`${subject.label} declared compromised (suspected since ${suspectedAt.toISOString()})`),
        details: { reason: input.reason, keyIds: subject.keyIds },
      },
    ];
    steps.push(...(await containSigners(tx, id, scope, { actor, now, isDrill, label, suspended })));
    steps.push(...(await requestRevocations(tx, id, scope, { actor, now, isDrill, label, suspectedAt })));
    const channels = channelsOf(scope.events);
    await insertIncidentTasks(tx, id, channels);
    for (const c of channels)
      steps.push({
        at: now,
        kind: "task-opened",
        actorLabel: "Signet",
        summary: label(`Recovery task opened for ${c.environment} × ${c.artifactType}`),
        details: c,
      });
    const notices = await notify(tx, id, scope, {
      mode: input.mode,
      subjectLabel: subject.label,
      suspectedAt,
      now,
      url: `${baseUrl}/incidents/${id}`,
      securityTeamEmail,
    });
    steps.push({
      at: now,
      kind: "notified",
      actorLabel: "Signet",
      summary: label(`${notices.length} people told by email (owners, backup owners, security team)`),
      details: { recipients: notices.map((n) => ({ email: n.recipientEmail, role: n.role })) },
    });
    await addIncidentSteps(tx, id, steps);
    await updateOpenIncident(tx, id, { containedAt: now });
    await recordAudit(tx, {
      actor,
      action: isDrill ? "incident.drill-started" : "incident.declared",
      targetType: "incident",
      targetId: id,
      summary: label(
        `${subject.label} declared compromised: ${scope.signers.length} signers, ${channels.length} channels`,
      ),
      details: {
        mode: input.mode,
        suspectedAt: suspectedAt.toISOString(),
        keyIds: subject.keyIds,
        signerIds: scope.signers.map((s) => s.id),
        channels,
        reason: input.reason,
      },
      at: now,
    });
    // subscribers hear of it in the same transaction (signer.suspended per signer, for real only)
    await enqueueWebhookEvents(
      tx,
      [
        incidentWebhookEvent("incident.opened", {
          incidentId: id,
          mode: input.mode,
          subjectLabel: subject.label,
          at: now,
          data: {
            suspectedAt: suspectedAt.toISOString(),
            declaredBy: actor.label,
            reason: input.reason,
            signers: scope.signers.map((s) => ({ id: s.id, name: s.name })),
            channels,
            notified: notices.map((n) => ({ email: n.recipientEmail, role: n.role })),
          },
        }),
        ...scope.signers
          .filter((s) => suspended.includes(s.id))
          .map((s) => ({
            type: "signer.suspended" as const,
            occurredAt: now,
            summary: `Signer ${s.name} suspended: its key was declared compromised`,
            subject: { type: "signer", id: s.id, label: s.name },
            data: { from: s.status, reason: "key compromise incident", incidentId: id, by: actor.label },
            key: `signer.suspended:${s.id}:${now.getTime()}`,
          })),
      ],
      { now },
    );
    return id;
  });
  if (suspended.length) await evaluateFindings(db, { now, signerIds: suspended });
  return { id: incidentId, mode: input.mode, signers: scope.signers.length, suspended: suspended.length };
}

type StepContext = {
  actor: Actor;
  now: Date;
  isDrill: boolean;
  label: (text: string) => string;
};

async function containSigners(
  tx: Tx,
  incidentId: string,
  scope: CompromiseScope,
  ctx: StepContext & { suspended: string[] },
): Promise<NewStep[]> {
  const steps: NewStep[] = [];
  for (const s of scope.signers) {
    if (s.status !== "active") continue;
    if (!ctx.isDrill) {
      await setSignerStatus(tx, s.id, "suspended", ctx.now);
      ctx.suspended.push(s.id);
      await recordAuditBy(tx, ctx, {
        action: "signer.suspended",
        targetType: "signer",
        targetId: s.id,
        summary: `Signer ${s.name} suspended: its key was declared compromised`,
        details: { from: s.status, to: "suspended", incidentId },
      });
    }
    steps.push({
      at: ctx.now,
      kind: "signer-suspended",
      actorLabel: ctx.actor.label,
      summary: ctx.isDrill ? ctx.label(`Signer ${s.name} would be suspended`) : `Signer ${s.name} suspended`,
      details: { signerId: s.id },
    });
  }
  return steps;
}

async function requestRevocations(
  tx: Tx,
  incidentId: string,
  scope: CompromiseScope,
  ctx: StepContext & { suspectedAt: Date },
): Promise<NewStep[]> {
  const steps: NewStep[] = [];
  const deadlineAt = revocationDeadline("keyCompromise", ctx.now);
  const signerName = new Map(scope.signers.map((s) => [s.id, s.name]));
  for (const c of scope.certificates) {
    if (c.notAfter < ctx.now || c.revocationStatus === "revoked") continue;
    // the planner's view of the proposed date: what a revocation from the suspected time invalidates
    const impact = computeRevocationImpact(
      c.id,
      scope.events
        .filter((e) => e.certificateId === c.id)
        .map((e) => ({ ...e, signerName: signerName.get(e.signerId) ?? e.signerId, ciRunUrl: null })),
      ctx.suspectedAt,
    );
    let requestId: string | null = null;
    if (!ctx.isDrill) {
      const request = await requestRevocation(
        tx,
        {
          certificateId: c.id,
          reason: "keyCompromise",
          requestedAt: ctx.now,
          requestedById: actorUserId(ctx.actor),
          deadlineAt,
          note: `Key compromise incident; proposed revocation date ${ctx.suspectedAt.toISOString()} invalidates ${impact.invalidated.length} signatures`,
          proposedRevocationAt: ctx.suspectedAt,
          incidentId,
        },
        {
          actor: ctx.actor,
          details: {
            incidentId,
            reason: "keyCompromise",
            deadlineAt: deadlineAt.toISOString(),
            proposedRevocationAt: ctx.suspectedAt.toISOString(),
            invalidatedSignatures: impact.invalidated.length,
          },
        },
      );
      requestId = request.id;
    }
    steps.push({
      at: ctx.now,
      kind: "revocation-requested",
      actorLabel: ctx.actor.label,
      summary: ctx.label(
        `${ctx.isDrill ? "Revocation would be requested" : "Revocation requested"} for ${c.label} (serial ${c.serialHex}) by ${deadlineAt.toISOString()}, backdated to ${ctx.suspectedAt.toISOString()}: ${impact.invalidated.length} signatures invalidated`,
      ),
      details: {
        certificateId: c.id,
        requestId,
        deadlineAt: deadlineAt.toISOString(),
        invalidated: impact.invalidated.length,
      },
    });
  }
  return steps;
}

async function notify(
  tx: Tx,
  incidentId: string,
  scope: CompromiseScope,
  m: {
    mode: "compromise" | "drill";
    subjectLabel: string;
    suspectedAt: Date;
    now: Date;
    url: string;
    securityTeamEmail: string | null;
  },
): Promise<NewNotice[]> {
  // one email per person and role, naming every affected signer they hold that role for
  const recipients = new Map<string, { personId: string | null; email: string; role: string; signers: string[] }>();
  const add = (personId: string | null, email: string, role: string, signer: string | null) => {
    const key = `${email.toLowerCase()}\u0000${role}`;
    const r = recipients.get(key) ?? { personId, email: email.toLowerCase(), role, signers: [] };
    if (signer) r.signers.push(signer);
    recipients.set(key, r);
  };
  for (const s of scope.signers) {
    if (s.primaryOwner?.isActive) add(s.primaryOwner.id, s.primaryOwner.email, "primary-owner", s.name);
    if (s.backupOwner?.isActive) add(s.backupOwner.id, s.backupOwner.email, "backup-owner", s.name);
  }
  if (m.securityTeamEmail) for (const s of scope.signers) add(null, m.securityTeamEmail, "security-team", s.name);
  const notices: NewNotice[] = [];
  for (const r of recipients.values()) {
    const mail = renderIncidentMail({
      mode: m.mode,
      subject: m.subjectLabel,
      suspectedAt: m.suspectedAt,
      signers: r.signers,
      role: r.role,
      url: m.url,
    });
    const messageId = await createOutboxMessage(tx, { recipientEmail: r.email, ...mail }, { now: m.now });
    notices.push({ personId: r.personId, recipientEmail: r.email, role: r.role, messageId, notifiedAt: m.now });
  }
  await insertIncidentNotices(tx, incidentId, notices);
  return notices;
}
