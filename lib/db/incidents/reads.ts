// Reads for incidents: what a declaration covers (keys → signers → certificates → signing
// events), the evidence that recovers a channel, the incident list and page. Cross-aggregate
// reads only; incidents.ts writes.
import { certificateName } from "@/lib/domain/certificate-name";
import type { DbOrTx } from "@/lib/db/client";
import { signerScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { personRefSelect } from "@/lib/db/people/people";
import { certificateNameSelect } from "@/lib/db/certificates/columns";
import { iso, readPage, type Page } from "@/lib/db/inventory/common";
import { msToContain, msToRecover, type IncidentMode } from "@/lib/domain/incidents";

const person = { select: personRefSelect } as const;

/** The keys of a key (itself) or of a signer (those of its certificates); null when the subject does not exist. */
export async function resolveIncidentSubject(
  db: DbOrTx,
  subjectType: "key" | "signer",
  subjectId: string,
): Promise<{ label: string; keyIds: string[] } | null> {
  if (subjectType === "key") {
    const key = await db.signingKey.findUnique({
      where: { id: subjectId },
      select: { id: true, spkiSha256: true, algorithm: true },
    });
    return key ? { label: `key ${key.algorithm} ${key.spkiSha256.slice(0, 16)}…`, keyIds: [key.id] } : null;
  }
  const signer = await db.signer.findUnique({
    where: { id: subjectId },
    select: { name: true, certificates: { select: { certificate: { select: { keyId: true } } } } },
  });
  if (!signer) return null;
  return {
    label: `signer ${signer.name}`,
    keyIds: [...new Set(signer.certificates.map((c) => c.certificate.keyId))].sort(),
  };
}

/** Everything the compromised keys touch: signers using them, their certificates, their signatures. */
export async function loadCompromiseScope(db: DbOrTx, keyIds: string[], options: { extraSignerIds?: string[] } = {}) {
  const certificates = await db.certificate.findMany({
    where: { keyId: { in: keyIds } },
    select: {
      id: true,
      keyId: true,
      ...certificateNameSelect,
      serialHex: true,
      notAfter: true,
      revocationStatus: true,
      signers: { select: { signerId: true } },
    },
    orderBy: { id: "asc" },
  });
  const signerIds = [
    ...new Set([...certificates.flatMap((c) => c.signers.map((s) => s.signerId)), ...(options.extraSignerIds ?? [])]),
  ];
  const signers = await db.signer.findMany({
    where: { id: { in: signerIds } },
    select: { id: true, name: true, status: true, primaryOwner: person, backupOwner: person },
    orderBy: { name: "asc" },
  });
  const certificateIds = certificates.map((c) => c.id);
  // the signatures made with the keys, and those of the same signers that named no certificate
  const events = await db.signingEvent.findMany({
    where: {
      signerId: { in: signerIds },
      OR: [{ certificateId: { in: certificateIds } }, { certificateId: null }],
    },
    select: {
      id: true,
      signerId: true,
      certificateId: true,
      environment: true,
      artifactType: true,
      artifactName: true,
      artifactDigest: true,
      signedAt: true,
    },
    orderBy: [{ signedAt: "asc" }, { id: "asc" }],
  });
  return {
    certificates: certificates.map(({ signers: _s, ...c }) => ({ ...c, label: certificateName(c) })),
    signers,
    events,
  };
}
export type CompromiseScope = Awaited<ReturnType<typeof loadCompromiseScope>>;

/**
 * What can recover an incident's channels: certificates of its signers on other keys, imported
 * since the declaration (with their key's custody, the signer's declared custody standing in when
 * the key's is unknown), and the signing events made with them since the declaration.
 */
export async function loadRecoveryEvidence(
  db: DbOrTx,
  q: { signerIds: string[]; compromisedKeyIds: string[]; since: Date },
) {
  const links = await db.signerCertificate.findMany({
    where: {
      signerId: { in: q.signerIds },
      certificate: { keyId: { notIn: q.compromisedKeyIds }, importedAt: { gte: q.since } },
    },
    select: {
      signer: { select: { custody: true } },
      certificate: {
        select: {
          id: true,
          importedAt: true,
          key: { select: { id: true, custody: true, firstSeenAt: true, custodyAttestedAt: true } },
        },
      },
    },
  });
  const certificates = links.map((l) => ({
    id: l.certificate.id,
    importedAt: l.certificate.importedAt,
    keyId: l.certificate.key.id,
    keyAt: l.certificate.key.custodyAttestedAt ?? l.certificate.key.firstSeenAt,
    custody: l.certificate.key.custody !== "unknown" ? l.certificate.key.custody : l.signer.custody,
  }));
  const events = await db.signingEvent.findMany({
    where: {
      signerId: { in: q.signerIds },
      certificateId: { in: certificates.map((c) => c.id) },
      recordedAt: { gte: q.since },
    },
    select: { id: true, certificateId: true, environment: true, artifactType: true, recordedAt: true },
    orderBy: { recordedAt: "asc" },
  });
  return { certificates, events };
}

// ---------------------------------------------------------------- list and page

/** Owners see the incidents that told them (they were notified as an owner). */
function incidentScopeWhere(user: ScopeUser) {
  const signers = signerScopeWhere(user);
  return Object.keys(signers).length === 0 ? {} : { signers: { some: { signer: signers } } };
}

/** An incident or drill as the list shows it: dates as ISO strings, the durations in milliseconds. */
export type IncidentListRow = {
  id: string;
  mode: IncidentMode;
  status: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  suspectedAt: string;
  declaredAt: string;
  declaredByLabel: string;
  containedAt: string | null;
  recoveredAt: string | null;
  closedAt: string | null;
  msToContain: number | null;
  msToRecover: number | null;
  signerCount: number;
  taskCount: number;
  openTaskCount: number;
};

/**
 * The /incidents list (and GET /api/v1/incidents): incidents and drills in the reader's scope
 * (owners: those covering their signers), newest first, a page at a time, counted under the same
 * conditions.
 */
export async function listIncidentPage(
  db: DbOrTx,
  user: ScopeUser,
  f: { mode?: IncidentMode; page: number; pageSize: number },
): Promise<Page<IncidentListRow>> {
  const where = { ...incidentScopeWhere(user), ...(f.mode ? { mode: f.mode } : {}) };
  const page = await readPage(f, {
    rows: (window) =>
      db.incident.findMany({
        where,
        select: {
          id: true,
          mode: true,
          status: true,
          subjectType: true,
          subjectId: true,
          subjectLabel: true,
          suspectedAt: true,
          declaredAt: true,
          declaredByLabel: true,
          containedAt: true,
          recoveredAt: true,
          closedAt: true,
          _count: { select: { signers: true, tasks: true } },
          tasks: { select: { status: true } },
        },
        orderBy: [{ declaredAt: "desc" }, { id: "asc" }],
        ...window,
      }),
    count: () => db.incident.count({ where }),
  });
  return {
    ...page,
    rows: page.rows.map(({ _count, tasks, ...r }) => ({
      ...r,
      mode: r.mode as IncidentMode,
      suspectedAt: r.suspectedAt.toISOString(),
      declaredAt: r.declaredAt.toISOString(),
      containedAt: iso(r.containedAt),
      recoveredAt: iso(r.recoveredAt),
      closedAt: iso(r.closedAt),
      msToContain: msToContain(r),
      msToRecover: msToRecover(r),
      signerCount: _count.signers,
      taskCount: _count.tasks,
      openTaskCount: tasks.filter((t) => t.status === "open").length,
    })),
  };
}

export async function loadIncidentDetail(db: DbOrTx, id: string, user: ScopeUser) {
  // one relation a query, read one after another: Prisma reads an include's relations at once, and
  // inside a transaction (the demo's drill) that is several queries at once on its one connection,
  // which node-postgres deprecates ("client is already executing a query")
  const found = await db.incident.findFirst({
    where: { id, ...incidentScopeWhere(user) },
    include: {
      signers: {
        select: { statusBefore: true, signer: { select: { id: true, name: true, status: true } } },
      },
    },
  });
  if (!found) return null;
  const where = { incidentId: id };
  const steps = await db.incidentStep.findMany({ where, orderBy: [{ at: "asc" }, { id: "asc" }] });
  const tasks = await db.incidentTask.findMany({ where, orderBy: [{ environment: "asc" }, { artifactType: "asc" }] });
  const notices = await db.incidentNotice.findMany({ where, orderBy: [{ role: "asc" }, { recipientEmail: "asc" }] });
  const { signers, ...incident } = found;
  const row = { ...incident, steps, tasks, notices, signers };
  const revocations = await db.revocationRequest.findMany({
    where,
    select: {
      id: true,
      certificateId: true,
      status: true,
      deadlineAt: true,
      proposedRevocationAt: true,
      certificate: { select: { ...certificateNameSelect, serialHex: true } },
    },
    orderBy: { certificateId: "asc" },
  });
  const { keyIdsJson, reportJson, ...rest } = row;
  return {
    ...rest,
    mode: row.mode as IncidentMode,
    keyIds: JSON.parse(keyIdsJson) as string[],
    report: reportJson ? (JSON.parse(reportJson) as unknown) : null,
    steps: row.steps.map(({ detailsJson, ...s }) => ({ ...s, details: JSON.parse(detailsJson) as unknown })),
    revocations: revocations.map(({ certificate, ...r }) => ({
      ...r,
      certificateLabel: certificateName(certificate),
      serialHex: certificate.serialHex,
    })),
  };
}
export type IncidentDetail = NonNullable<Awaited<ReturnType<typeof loadIncidentDetail>>>;

/**
 * When each signer last finished a drill (signer.drill-overdue): the end of its latest ended
 * drill. A drill still open does not count yet; ending it re-evaluates the signer.
 */
export async function lastDrillOf(db: DbOrTx, signerIds: string[]): Promise<Map<string, Date>> {
  if (signerIds.length === 0) return new Map();
  const rows = await db.incidentSigner.findMany({
    where: { signerId: { in: signerIds }, incident: { mode: "drill", status: "closed", closedAt: { not: null } } },
    select: { signerId: true, incident: { select: { closedAt: true } } },
  });
  const last = new Map<string, Date>();
  for (const r of rows) {
    const at = r.incident.closedAt!;
    const seen = last.get(r.signerId);
    if (!seen || at > seen) last.set(r.signerId, at);
  }
  return last;
}

/** Keys used by at least one signer, and signers, for the declaration form (names say which is which). */
export async function listIncidentSubjectOptions(db: DbOrTx) {
  const [keys, signers] = await Promise.all([
    db.signingKey.findMany({
      where: { certificates: { some: { signers: { some: {} } } } },
      select: {
        id: true,
        algorithm: true,
        spkiSha256: true,
        certificates: { select: { signers: { select: { signer: { select: { name: true } } } } } },
      },
      orderBy: { firstSeenAt: "desc" },
      take: 1000,
    }),
    db.signer.findMany({
      where: { status: { not: "decommissioned" } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    keys: keys.map((k) => {
      const names = [...new Set(k.certificates.flatMap((c) => c.signers.map((s) => s.signer.name)))].sort();
      return { id: k.id, name: `${k.algorithm} ${k.spkiSha256.slice(0, 12)}… (${names.join(", ")})` };
    }),
    signers,
  };
}
