import type { Db, DbOrTx } from "@/lib/db/client";
import { chunks, inScope, Prisma, updateJsonRows } from "@/lib/db/sql";
import type { SubjectType } from "@/lib/domain/findings/types";

// nextEvaluationAt on certificates, keys and signers: the instant a time-based rule could next
// change the subject's findings (lib/domain/findings/next-evaluation.ts). NULL means "written but
// never evaluated" (a new row, or an import that stopped before its evaluation), so the findings
// job picks it up; a subject with nothing time-based pending gets NOTHING_PENDING instead.

/** far enough that no clock reaches it; keeps NULL free to mean "not evaluated yet" */
export const NOTHING_PENDING = new Date("9999-12-31T00:00:00.000Z");

const TABLE: Record<SubjectType, string> = { certificate: "Certificate", key: "SigningKey", signer: "Signer" };

export type NextEvaluation = { id: string; at: Date | null };

/**
 * Stores the instants of one evaluated batch (inside its transaction). One statement with the
 * batch's instants as one JSON parameter writes only the rows whose instant changed: a full
 * re-evaluation mostly finds the same instants and writes almost nothing.
 */
export async function storeNextEvaluations(tx: DbOrTx, subjectType: SubjectType, next: NextEvaluation[]) {
  return updateJsonRows(tx, {
    table: TABLE[subjectType],
    key: "id",
    columns: { nextEvaluationAt: "timestamp" },
    rows: next.map((n) => ({ id: n.id, nextEvaluationAt: n.at ?? NOTHING_PENDING })),
    isChangedOnly: true,
  });
}

export type DueSubjects = {
  /** never evaluated since written (NULL): evaluate them and everything they affect */
  unevaluated: { certificateIds: string[]; keyIds: string[]; signerIds: string[] };
  /** a time-based threshold passed */
  due: { certificateIds: string[]; keyIds: string[]; signerIds: string[] };
  /** more than `limit` in one table: a whole-inventory run is cheaper than lists of ids */
  isOverLimit: boolean;
};

/** Subjects whose nextEvaluationAt is NULL or has passed, at most `limit` per table and kind. */
export async function findDueSubjects(db: Db, options: { now: Date; limit: number }): Promise<DueSubjects> {
  const result: DueSubjects = {
    unevaluated: { certificateIds: [], keyIds: [], signerIds: [] },
    due: { certificateIds: [], keyIds: [], signerIds: [] },
    isOverLimit: false,
  };
  const lists = { certificate: "certificateIds", key: "keyIds", signer: "signerIds" } as const;
  for (const subjectType of ["certificate", "key", "signer"] as const) {
    const table = Prisma.raw(`"${TABLE[subjectType]}"`);
    // two queries, not an OR: each is a range of the nextEvaluationAt index on both databases
    const [unevaluated, due] = await Promise.all([
      db.$queryRaw<
        { id: string }[]
      >`SELECT "id" FROM ${table} WHERE "nextEvaluationAt" IS NULL LIMIT ${options.limit + 1}`,
      db.$queryRaw<
        { id: string }[]
      >`SELECT "id" FROM ${table} WHERE "nextEvaluationAt" <= ${options.now} LIMIT ${options.limit + 1}`,
    ]);
    if (unevaluated.length > options.limit || due.length > options.limit) result.isOverLimit = true;
    result.unevaluated[lists[subjectType]] = unevaluated.map((r) => r.id);
    result.due[lists[subjectType]] = due.map((r) => r.id);
  }
  return result;
}

/** Signers the attestation job escalated or suspended at this instant (it writes without evaluating). */
export async function signersChangedByAttestationRun(db: Db, now: Date): Promise<string[]> {
  const [escalated, suspended] = await Promise.all([
    db.attestation.findMany({ where: { escalatedAt: now }, select: { signerId: true }, distinct: ["signerId"] }),
    db.signer.findMany({ where: { status: "suspended", statusChangedAt: now }, select: { id: true } }),
  ]);
  return [...new Set([...escalated.map((a) => a.signerId), ...suspended.map((s) => s.id)])];
}

/** Test and drill helper: forget every stored instant (as after an interrupted import). */
export async function clearNextEvaluations(db: Db, subjectType: SubjectType, ids: string[]) {
  const table = Prisma.raw(`"${TABLE[subjectType]}"`);
  for (const part of chunks(ids))
    await db.$executeRaw`UPDATE ${table} SET "nextEvaluationAt" = NULL WHERE ${inScope('"id"', { ids: part })}`;
}

/**
 * Brings these subjects' next evaluation forward to now (the findings job takes them within
 * minutes): for writes whose effect on findings is not urgent and may come in bulk.
 */
export async function markDueForEvaluation(db: DbOrTx, subjectType: SubjectType, ids: string[], now: Date) {
  const table = Prisma.raw(`"${TABLE[subjectType]}"`);
  for (const part of chunks(ids)) {
    await db.$executeRaw`UPDATE ${table} SET "nextEvaluationAt" = ${now} WHERE "nextEvaluationAt" > ${now} AND ${inScope('"id"', { ids: part })}`;
  }
}
