import type { DbOrTx, Tx } from "@/lib/db/client";
import { iso, type Page } from "@/lib/db/inventory/common";

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

/** The columns of an exception its lists show, with its signer's name. */
const EXCEPTION_SELECT = {
  id: true,
  signerId: true,
  ruleId: true,
  reason: true,
  endsAt: true,
  createdAt: true,
  liftedAt: true,
  signer: { select: { name: true } },
} as const;

/** Live exceptions (not lifted, not ended) first, then the most recent others; optionally one signer's. */
export async function listGateExceptions(
  db: DbOrTx,
  options: { now: Date; signerId?: string; take?: number },
): Promise<GateExceptionRow[]> {
  const rows = await db.gateException.findMany({
    where: options.signerId ? { signerId: options.signerId } : {},
    orderBy: [{ createdAt: "desc" }],
    take: options.take ?? 200,
    select: EXCEPTION_SELECT,
  });
  const isLive = (r: { liftedAt: Date | null; endsAt: Date }) => !r.liftedAt && r.endsAt > options.now;
  return rows
    .map(({ signer, ...r }) => ({ ...r, signerName: signer.name }))
    .sort((a, b) => Number(isLive(b)) - Number(isLive(a)));
}

/** An exception as the policy page's list sends it (dates as ISO strings), with its state now. */
export type GateExceptionListRow = Omit<GateExceptionRow, "endsAt" | "createdAt" | "liftedAt"> & {
  endsAt: string;
  createdAt: string;
  liftedAt: string | null;
  state: "in force" | "lifted" | "ended";
};

/**
 * The policy page's exceptions (and GET /api/v1/gate/exceptions' rows): those in force first (ending
 * soonest first), then the lifted and ended ones, the newest first. Two windows over two ordered
 * sets, so the order holds across pages.
 */
export async function listGateExceptionPage(
  db: DbOrTx,
  f: { page: number; pageSize: number; signerId?: string },
  now: Date,
): Promise<Page<GateExceptionListRow>> {
  const ofSigner = f.signerId ? { signerId: f.signerId } : {};
  const live = { ...ofSigner, liftedAt: null, endsAt: { gt: now } };
  const notLive = { ...ofSigner, OR: [{ liftedAt: { not: null } }, { endsAt: { lte: now } }] };
  const [liveCount, total] = await Promise.all([
    db.gateException.count({ where: live }),
    db.gateException.count({ where: ofSigner }),
  ]);
  const skip = (f.page - 1) * f.pageSize;
  const liveTake = Math.max(0, Math.min(f.pageSize, liveCount - skip));
  const [liveRows, otherRows] = await Promise.all([
    liveTake > 0
      ? db.gateException.findMany({
          where: live,
          orderBy: [{ endsAt: "asc" }, { id: "asc" }],
          skip,
          take: liveTake,
          select: EXCEPTION_SELECT,
        })
      : [],
    f.pageSize - liveTake > 0
      ? db.gateException.findMany({
          where: notLive,
          orderBy: [{ createdAt: "desc" }, { id: "asc" }],
          skip: Math.max(0, skip - liveCount),
          take: f.pageSize - liveTake,
          select: EXCEPTION_SELECT,
        })
      : [],
  ]);
  const rows = [...liveRows, ...otherRows].map(({ signer, ...r }) => ({
    ...r,
    signerName: signer.name,
    endsAt: r.endsAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    liftedAt: iso(r.liftedAt),
    state: (!r.liftedAt && r.endsAt > now
      ? "in force"
      : r.liftedAt
        ? "lifted"
        : "ended") as GateExceptionListRow["state"],
  }));
  return { rows, total, page: f.page, pageSize: f.pageSize };
}
