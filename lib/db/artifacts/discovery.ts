import type { DbOrTx } from "@/lib/db/client";
import { readPage, type Page } from "@/lib/db/inventory/common";
import { DISCOVERY_STATES, type DiscoveryFilters } from "@/lib/domain/inventory-filters";

// The discovery queue: the only writer of DiscoveredIdentity. An entry is a certificate (by its
// SHA-256) or a keyless identity (issuer and subject) seen signing an artifact while no registered
// signer used it. The security team decides each one: linked to a signer, or known-external.

export type DiscoveryState = (typeof DISCOVERY_STATES)[number];
export { DISCOVERY_STATES };

export type IdentityKind = "certificate" | "keyless";

export type DiscoveredIdentityRef = {
  id: string;
  kind: IdentityKind;
  identityKey: string;
  label: string;
  state: DiscoveryState;
  signerId: string | null;
  certificateId: string | null;
  keylessIssuer: string | null;
  keylessSubject: string | null;
};

const refSelect = {
  id: true,
  kind: true,
  identityKey: true,
  label: true,
  state: true,
  signerId: true,
  certificateId: true,
  keylessIssuer: true,
  keylessSubject: true,
} as const;

function toRef(r: { kind: string; state: string } & Omit<DiscoveredIdentityRef, "kind" | "state">) {
  return { ...r, kind: r.kind as IdentityKind, state: r.state as DiscoveryState };
}

export async function findIdentityByKey(db: DbOrTx, identityKey: string): Promise<DiscoveredIdentityRef | null> {
  const r = await db.discoveredIdentity.findUnique({ where: { identityKey }, select: refSelect });
  return r ? toRef(r) : null;
}

export async function findIdentityById(db: DbOrTx, id: string): Promise<DiscoveredIdentityRef | null> {
  const r = await db.discoveredIdentity.findUnique({ where: { id }, select: refSelect });
  return r ? toRef(r) : null;
}

/** Adds an entry to the queue, or marks a known one seen again. */
export async function upsertIdentity(
  tx: DbOrTx,
  input: {
    kind: IdentityKind;
    identityKey: string;
    label: string;
    certificateId: string;
    keylessIssuer: string | null;
    keylessSubject: string | null;
  },
  now: Date,
): Promise<{ identity: DiscoveredIdentityRef; isNew: boolean }> {
  const known = await findIdentityByKey(tx, input.identityKey);
  if (known) {
    await tx.discoveredIdentity.update({ where: { id: known.id }, data: { lastSeenAt: now } });
    return { identity: known, isNew: false };
  }
  const r = await tx.discoveredIdentity.create({
    data: { ...input, state: "new", firstSeenAt: now, lastSeenAt: now },
    select: refSelect,
  });
  return { identity: toRef(r), isNew: true };
}

export async function decideIdentity(
  tx: DbOrTx,
  id: string,
  decision: { state: Exclude<DiscoveryState, "new">; signerId: string | null; note: string | null },
  options: { now: Date; decidedById: string | null },
): Promise<void> {
  await tx.discoveredIdentity.update({
    where: { id },
    data: { ...decision, decidedAt: options.now, decidedById: options.decidedById },
  });
}

export type DiscoveryQueueRow = DiscoveredIdentityRef & {
  note: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  signerName: string | null;
  certificate: { sha256: string; subject: string; issuer: string; notAfter: Date; isCA: boolean } | null;
  signatureCount: number;
  latestArtifact: { sha256: string; name: string } | null;
};

const queueSelect = {
  ...refSelect,
  note: true,
  firstSeenAt: true,
  lastSeenAt: true,
  signer: { select: { name: true } },
  certificate: { select: { sha256: true, subject: true, issuer: true, notAfter: true, isCA: true } },
  _count: { select: { signatures: true } },
  signatures: {
    orderBy: { recordedAt: "desc" },
    take: 1,
    select: { artifact: { select: { sha256: true, name: true } } },
  },
} as const;
const queueOrder = [{ lastSeenAt: "desc" }, { id: "asc" }] as const;

type QueueRecord = {
  id: string;
  kind: string;
  identityKey: string;
  label: string;
  state: string;
  signerId: string | null;
  certificateId: string | null;
  keylessIssuer: string | null;
  keylessSubject: string | null;
  note: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  signer: { name: string } | null;
  certificate: DiscoveryQueueRow["certificate"];
  _count: { signatures: number };
  signatures: { artifact: { sha256: string; name: string } }[];
};

function toQueueRow({ signer, _count, signatures, certificate, note, firstSeenAt, lastSeenAt, ...r }: QueueRecord) {
  return {
    ...toRef(r),
    note,
    firstSeenAt,
    lastSeenAt,
    signerName: signer?.name ?? null,
    certificate,
    signatureCount: _count.signatures,
    latestArtifact: signatures[0]?.artifact ?? null,
  };
}

/** The queue of one state, the most recently seen first (tests and scripts; the page reads listDiscoveryPage). */
export async function listDiscoveryQueue(
  db: DbOrTx,
  options: { state: DiscoveryState; take?: number },
): Promise<DiscoveryQueueRow[]> {
  const rows = await db.discoveredIdentity.findMany({
    where: { state: options.state },
    orderBy: [...queueOrder],
    take: options.take ?? 200,
    select: queueSelect,
  });
  return rows.map(toQueueRow);
}

/** A queue entry as the list sends it: dates as ISO strings. */
export type DiscoveryListRow = Omit<DiscoveryQueueRow, "firstSeenAt" | "lastSeenAt" | "certificate"> & {
  firstSeenAt: string;
  lastSeenAt: string;
  certificate: (Omit<NonNullable<DiscoveryQueueRow["certificate"]>, "notAfter"> & { notAfter: string }) | null;
};

/** A page of the queue plus the size of each state (the tabs). */
export type DiscoveryPage = Page<DiscoveryListRow> & { state: DiscoveryState; counts: Record<DiscoveryState, number> };

/** The /discovery list (and GET /api/v1/discovery): one state a page at a time, with every state's size. */
export async function listDiscoveryPage(db: DbOrTx, f: DiscoveryFilters): Promise<DiscoveryPage> {
  const where = { state: f.state };
  const [page, counts] = await Promise.all([
    readPage(f, {
      rows: (window) =>
        db.discoveredIdentity.findMany({ where, orderBy: [...queueOrder], select: queueSelect, ...window }),
      count: () => db.discoveredIdentity.count({ where }),
    }),
    countDiscoveryQueue(db),
  ]);
  return {
    ...page,
    state: f.state,
    counts,
    rows: page.rows.map((record) => {
      const r = toQueueRow(record);
      return {
        ...r,
        firstSeenAt: r.firstSeenAt.toISOString(),
        lastSeenAt: r.lastSeenAt.toISOString(),
        certificate: r.certificate ? { ...r.certificate, notAfter: r.certificate.notAfter.toISOString() } : null,
      };
    }),
  };
}

/** Queue size per state, for the page's tabs and the navigation badge. */
export async function countDiscoveryQueue(db: DbOrTx): Promise<Record<DiscoveryState, number>> {
  const groups = await db.discoveredIdentity.groupBy({ by: ["state"], _count: { _all: true } });
  const out: Record<DiscoveryState, number> = { new: 0, linked: 0, "known-external": 0 };
  for (const g of groups) if (g.state in out) out[g.state as DiscoveryState] = g._count._all;
  return out;
}

/** The entry's unresolved signer.unregistered findings (on the certificate it was first seen with). */
export async function openUnregisteredFindingIds(db: DbOrTx, identity: DiscoveredIdentityRef): Promise<string[]> {
  if (!identity.certificateId) return [];
  const rows = await db.finding.findMany({
    where: {
      ruleId: "signer.unregistered",
      subjectType: "certificate",
      subjectId: identity.certificateId,
      resolvedAt: null,
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The certificate's SHA-256 of a certificate entry, to link it when a signer is created for it. */
export async function identityCertificateSha256(db: DbOrTx, identity: DiscoveredIdentityRef): Promise<string | null> {
  if (identity.kind !== "certificate" || !identity.certificateId) return null;
  const c = await db.certificate.findUnique({ where: { id: identity.certificateId }, select: { sha256: true } });
  return c?.sha256 ?? null;
}
