import type { Db, Tx } from "@/lib/db/client";

// Signing events as the signer page shows them, and the writes of one reported event: the row,
// the signer's lastUsedAt (forward only) and the lastExercisedAt of the grants it exercised; and
// the look-up of an event by its idempotency key, for retries.

type Conn = Db | Tx;

export type NewEvent = {
  signerId: string;
  certificateId: string | null;
  signedAt: Date;
  environment: string | null;
  artifactName: string;
  artifactDigest: string;
  isInteractive: boolean;
  ciRunUrl: string | null;
  scope: string | null;
  recordedAt: Date;
  /** the pipeline's key for retries (unique per signer) and the SHA-256 of the normalised report */
  idempotencyKey?: string | null;
  requestSha256?: string | null;
};

export async function insertSigningEvent(tx: Tx, e: NewEvent): Promise<string> {
  const row = await tx.signingEvent.create({ data: e, select: { id: true } });
  await tx.signer.updateMany({
    where: { id: e.signerId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: e.signedAt } }] },
    data: { lastUsedAt: e.signedAt },
  });
  return row.id;
}

/** The event a signer recorded under this idempotency key, as a retry gets it back. */
export async function findSigningEventByKey(db: Conn, signerId: string, idempotencyKey: string) {
  return db.signingEvent.findUnique({
    where: { signerId_idempotencyKey: { signerId, idempotencyKey } },
    select: {
      id: true, signerId: true, signedAt: true, recordedAt: true, environment: true, artifactName: true, artifactDigest: true,
      isInteractive: true, ciRunUrl: true, scope: true, requestSha256: true, certificate: { select: { sha256: true } },
    },
  });
}

/** Moves lastExercisedAt forward (events may arrive out of order). */
export async function markGrantsExercised(tx: Tx, privilegeIds: string[], at: Date): Promise<void> {
  if (privilegeIds.length === 0) return;
  await tx.privilege.updateMany({
    where: { id: { in: privilegeIds }, OR: [{ lastExercisedAt: null }, { lastExercisedAt: { lt: at } }] },
    data: { lastExercisedAt: at },
  });
}

export async function grantsInForce(db: Conn, signerId: string) {
  return db.privilege.findMany({ where: { signerId, removedAt: null }, select: { id: true, scope: true, environment: true } });
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
  certificate: { id: string; sha256: string; subjectCn: string | null } | null;
};

export async function listSigningEvents(db: Conn, signerId: string, options: { page: number; pageSize: number }) {
  const where = { signerId };
  const [total, rows] = await Promise.all([
    db.signingEvent.count({ where }),
    db.signingEvent.findMany({
      where,
      orderBy: [{ signedAt: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * options.pageSize,
      take: options.pageSize,
      select: {
        id: true, signedAt: true, recordedAt: true, environment: true, artifactName: true, artifactDigest: true,
        isInteractive: true, ciRunUrl: true, scope: true, certificate: { select: { id: true, sha256: true, subjectCn: true } },
      },
    }),
  ]);
  return { total, page: options.page, pageSize: options.pageSize, rows: rows as SigningEventRow[] };
}
