import type { DbOrTx, Tx } from "@/lib/db/client";

// Per-signer exceptions to a gate rule (reason, end date): written by the gate-exception services.

export type GateExceptionRow = {
  id: string;
  signerId: string;
  signerName: string;
  ruleId: string;
  reason: string;
  endsAt: Date;
  createdAt: Date;
  liftedAt: Date | null;
};

export async function insertGateException(
  tx: Tx,
  e: { signerId: string; ruleId: string; reason: string; endsAt: Date; createdById: string | null; at: Date },
): Promise<string> {
  const row = await tx.gateException.create({
    data: {
      signerId: e.signerId,
      ruleId: e.ruleId,
      reason: e.reason,
      endsAt: e.endsAt,
      createdById: e.createdById,
      createdAt: e.at,
    },
    select: { id: true },
  });
  return row.id;
}

export async function findGateException(db: DbOrTx, id: string) {
  return db.gateException.findUnique({
    where: { id },
    select: { id: true, signerId: true, ruleId: true, liftedAt: true, endsAt: true },
  });
}

export async function liftGateExceptionRow(tx: Tx, id: string, by: { liftedById: string | null; at: Date }) {
  await tx.gateException.update({ where: { id }, data: { liftedAt: by.at, liftedById: by.liftedById } });
}

/** Live exceptions (not lifted, not ended) first, then the most recent others; optionally one signer's. */
export async function listGateExceptions(
  db: DbOrTx,
  options: { now: Date; signerId?: string; take?: number },
): Promise<GateExceptionRow[]> {
  const rows = await db.gateException.findMany({
    where: options.signerId ? { signerId: options.signerId } : {},
    orderBy: [{ createdAt: "desc" }],
    take: options.take ?? 200,
    select: {
      id: true,
      signerId: true,
      ruleId: true,
      reason: true,
      endsAt: true,
      createdAt: true,
      liftedAt: true,
      signer: { select: { name: true } },
    },
  });
  const isLive = (r: { liftedAt: Date | null; endsAt: Date }) => !r.liftedAt && r.endsAt > options.now;
  return rows
    .map(({ signer, ...r }) => ({ ...r, signerName: signer.name }))
    .sort((a, b) => Number(isLive(b)) - Number(isLive(a)));
}
