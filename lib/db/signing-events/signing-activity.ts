import type { DbOrTx } from "@/lib/db/client";
import { advanceSignerLastUsed } from "@/lib/db/signers/signers";
import { readPage, type Page } from "@/lib/db/inventory/common";

// Signing events: the one writer of the table, the list the signer page shows, and the look-up of
// an event by its idempotency key, for retries. The grants an event exercised are signers' data
// (markGrantsExercised in lib/db/signers).

export type NewSigningEvent = {
  signerId: string;
  certificateId?: string | null;
  signedAt: Date;
  environment?: string | null;
  artifactName: string;
  artifactDigest?: string | null;
  isInteractive?: boolean;
  ciRunUrl?: string | null;
  scope?: string | null;
  artifactType?: string | null;
  triggeredBy?: string | null;
  recordedAt?: Date;
  /** the pipeline's key for retries (unique per signer) and the SHA-256 of the normalised report */
  idempotencyKey?: string | null;
  requestSha256?: string | null;
};

const CHUNK = 500;

/**
 * The one writer of SigningEvent: stores the events (one reported by a pipeline, or many from
 * the demo data) and moves each signer's lastUsedAt forward to its latest event. Returns the new
 * ids in input order.
 */
export async function insertSigningEvents(tx: DbOrTx, events: NewSigningEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < events.length; i += CHUNK) {
    const rows = await tx.signingEvent.createManyAndReturn({
      // the fields are the table's columns; one left out takes its default (null, false, now())
      data: events.slice(i, i + CHUNK),
      select: { id: true },
    });
    ids.push(...rows.map((r) => r.id));
  }
  const latest = new Map<string, Date>();
  for (const e of events) {
    const seen = latest.get(e.signerId);
    if (!seen || e.signedAt > seen) latest.set(e.signerId, e.signedAt);
  }
  for (const [signerId, at] of latest) await advanceSignerLastUsed(tx, signerId, at);
  return ids;
}

/** An event's own columns, as the signer page lists them and a retry gets them back. */
const signingEventSelect = {
  id: true,
  signedAt: true,
  recordedAt: true,
  environment: true,
  artifactName: true,
  artifactDigest: true,
  isInteractive: true,
  ciRunUrl: true,
  scope: true,
  artifactType: true,
  triggeredBy: true,
} as const;

/** The event a signer recorded under this idempotency key, as a retry gets it back. */
export async function findSigningEventByKey(db: DbOrTx, signerId: string, idempotencyKey: string) {
  return db.signingEvent.findUnique({
    where: { signerId_idempotencyKey: { signerId, idempotencyKey } },
    select: {
      ...signingEventSelect,
      signerId: true,
      requestSha256: true,
      certificate: { select: { sha256: true } },
    },
  });
}

export type SigningEventRow = {
  id: string;
  signedAt: Date;
  recordedAt: Date;
  environment: string | null;
  artifactName: string;
  artifactDigest: string | null;
  isInteractive: boolean;
  ciRunUrl: string | null;
  scope: string | null;
  artifactType: string | null;
  triggeredBy: string | null;
  certificate: { id: string; sha256: string; subjectCn: string | null } | null;
};

export async function listSigningEvents(
  db: DbOrTx,
  signerId: string,
  options: { page: number; pageSize: number },
): Promise<Page<SigningEventRow>> {
  const where = { signerId };
  return readPage(options, {
    rows: (window) =>
      db.signingEvent.findMany({
        where,
        orderBy: [{ signedAt: "desc" }, { id: "desc" }],
        ...window,
        select: { ...signingEventSelect, certificate: { select: { id: true, sha256: true, subjectCn: true } } },
      }),
    count: () => db.signingEvent.count({ where }),
  });
}
