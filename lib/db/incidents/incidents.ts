// Incidents and drills: the one writer of Incident, IncidentSigner, IncidentStep, IncidentTask and
import type { Prisma } from "@/lib/db/sql";
// IncidentNotice. Services call these inside the transaction that audits the change.
import type { DbOrTx, Tx } from "@/lib/db/client";
import type { Channel, IncidentMode } from "@/lib/domain/incidents";

export type NewIncident = {
  mode: IncidentMode;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  keyIds: string[];
  reason: string;
  suspectedAt: Date;
  declaredAt: Date;
  declaredById: string | null;
  declaredByLabel: string;
};

export type NewStep = { at: Date; kind: string; actorLabel: string; summary: string; details?: object };

export async function createIncident(
  tx: Tx,
  data: NewIncident,
  signers: { signerId: string; statusBefore: string }[],
): Promise<string> {
  const { keyIds, ...rest } = data;
  const row = await tx.incident.create({
    data: { ...rest, keyIdsJson: JSON.stringify(keyIds), createdAt: data.declaredAt },
    select: { id: true },
  });
  if (signers.length) await tx.incidentSigner.createMany({ data: signers.map((s) => ({ incidentId: row.id, ...s })) });
  return row.id;
}

export async function addIncidentSteps(tx: Tx, incidentId: string, steps: NewStep[]): Promise<void> {
  if (steps.length === 0) return;
  await tx.incidentStep.createMany({
    data: steps.map(({ details, ...s }) => ({ incidentId, ...s, detailsJson: JSON.stringify(details ?? {}) })),
  });
}

export async function insertIncidentTasks(tx: Tx, incidentId: string, channels: Channel[]): Promise<void> {
  if (channels.length) await tx.incidentTask.createMany({ data: channels.map((c) => ({ incidentId, ...c })) });
}

export type NewNotice = {
  personId: string | null;
  recipientEmail: string;
  role: string;
  messageId: string | null;
  notifiedAt: Date;
};

export async function insertIncidentNotices(tx: Tx, incidentId: string, notices: NewNotice[]): Promise<void> {
  if (notices.length) await tx.incidentNotice.createMany({ data: notices.map((n) => ({ incidentId, ...n })) });
}

/** A task's progress: every column but the task's identity (its incident and release channel). */
export type TaskUpdate = Partial<
  Omit<Prisma.IncidentTaskGetPayload<object>, "id" | "incidentId" | "environment" | "artifactType">
>;

/** Changes an open task; false when it was no longer open (a concurrent evaluation settled it). */
export async function updateOpenIncidentTask(tx: Tx, id: string, data: TaskUpdate): Promise<boolean> {
  const r = await tx.incidentTask.updateMany({ where: { id, status: "open" }, data });
  return r.count === 1;
}

type IncidentColumns = Prisma.IncidentGetPayload<object>;
export type IncidentUpdate = Partial<
  Pick<IncidentColumns, "status" | "containedAt" | "recoveredAt" | "closedAt" | "closedByLabel" | "reportJson">
>;

/** Changes an open incident; false when it was closed meanwhile. */
export async function updateOpenIncident(tx: Tx, id: string, data: IncidentUpdate): Promise<boolean> {
  const r = await tx.incident.updateMany({ where: { id, status: "open" }, data });
  return r.count === 1;
}

/** Records a person's answer to the incident's notices; returns how many notices it answered. */
export async function acknowledgeIncidentNotices(
  tx: Tx,
  incidentId: string,
  personId: string,
  at: Date,
): Promise<number> {
  const r = await tx.incidentNotice.updateMany({
    where: { incidentId, personId, acknowledgedAt: null },
    data: { acknowledgedAt: at },
  });
  return r.count;
}

/** The incident's open tasks with what decides them (evaluation reads through here too). */
export async function loadIncidentState(db: DbOrTx, id: string) {
  const row = await db.incident.findUnique({
    where: { id },
    select: {
      id: true,
      mode: true,
      status: true,
      subjectLabel: true,
      keyIdsJson: true,
      declaredAt: true,
      suspectedAt: true,
      containedAt: true,
      recoveredAt: true,
      signers: { select: { signerId: true } },
      tasks: {
        select: {
          id: true,
          environment: true,
          artifactType: true,
          status: true,
          newKeyAt: true,
          newCertificateAt: true,
          resignedAt: true,
          doneAt: true,
          waivedReason: true,
        },
        orderBy: [{ environment: "asc" }, { artifactType: "asc" }],
      },
    },
  });
  if (!row) return null;
  const { keyIdsJson, signers, ...rest } = row;
  return {
    ...rest,
    mode: row.mode as IncidentMode,
    keyIds: JSON.parse(keyIdsJson) as string[],
    signerIds: signers.map((s) => s.signerId),
  };
}
export type IncidentState = NonNullable<Awaited<ReturnType<typeof loadIncidentState>>>;

/** Open compromise incidents with an open task: what the recovery evaluation looks at. */
export async function listIncidentsToEvaluate(db: DbOrTx): Promise<string[]> {
  const rows = await db.incident.findMany({
    where: { status: "open", mode: "compromise", tasks: { some: { status: "open" } } },
    select: { id: true },
    orderBy: { declaredAt: "asc" },
  });
  return rows.map((r) => r.id);
}

/** The incident a recovery task belongs to. */
export async function findIncidentIdOfTask(db: DbOrTx, taskId: string): Promise<string | null> {
  const row = await db.incidentTask.findUnique({ where: { id: taskId }, select: { incidentId: true } });
  return row?.incidentId ?? null;
}
