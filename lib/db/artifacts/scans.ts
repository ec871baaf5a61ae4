import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/sql";
import type { Actor } from "@/lib/domain/actor";
import { iso, readPage, type Page } from "@/lib/db/inventory/common";

// Scan batches and their per-file outcomes: the only writer of ScanBatch and ScanFile.

export type ScanFileOutcome = "signed" | "unsigned" | "malformed" | "failed";

const fileSelect = {
  name: true,
  sha256: true,
  size: true,
  outcome: true,
  format: true,
  reason: true,
  signatureCount: true,
  artifactId: true,
} as const;

/** A file's row as written and read back: its columns, the outcome narrowed. */
export type ScanFileWrite = Omit<Prisma.ScanFileGetPayload<{ select: typeof fileSelect }>, "outcome"> & {
  outcome: ScanFileOutcome;
};

export async function createScanBatch(
  tx: DbOrTx,
  input: { actor: Actor; source: string; totalFiles: number; now: Date },
): Promise<string> {
  const row = await tx.scanBatch.create({
    data: {
      actorType: input.actor.type,
      actorId: "id" in input.actor ? input.actor.id : null,
      actorLabel: input.actor.label,
      source: input.source,
      startedAt: input.now,
      totalFiles: input.totalFiles,
    },
    select: { id: true },
  });
  return row.id;
}

export async function insertScanFile(tx: DbOrTx, batchId: string, file: ScanFileWrite): Promise<void> {
  await tx.scanFile.create({ data: { ...file, batchId } });
}

export type ScanCounts = {
  signedFiles: number;
  unsignedFiles: number;
  malformedFiles: number;
  failedFiles: number;
  signatureCount: number;
};

export async function finishScanBatch(tx: DbOrTx, batchId: string, counts: ScanCounts, now: Date): Promise<void> {
  await tx.scanBatch.update({ where: { id: batchId }, data: { ...counts, finishedAt: now } });
}

/** A scan batch's own columns, as its page and the scans list read them. */
const batchSelect = {
  id: true,
  actorLabel: true,
  source: true,
  startedAt: true,
  finishedAt: true,
  totalFiles: true,
} as const;

export type ScanBatchView = Prisma.ScanBatchGetPayload<{ select: typeof batchSelect }> & {
  files: (ScanFileWrite & { artifactSha256: string | null })[];
};

export async function findScanBatch(db: DbOrTx, id: string): Promise<ScanBatchView | null> {
  const b = await db.scanBatch.findUnique({
    where: { id },
    select: {
      ...batchSelect,
      files: { orderBy: { name: "asc" }, select: { ...fileSelect, artifact: { select: { sha256: true } } } },
    },
  });
  if (!b) return null;
  return {
    ...b,
    files: b.files.map(({ artifact, ...f }) => ({
      ...f,
      outcome: f.outcome as ScanFileOutcome,
      artifactSha256: artifact?.sha256 ?? null,
    })),
  };
}

export type ScanListRow = {
  id: string;
  actorLabel: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  totalFiles: number;
  signedFiles: number;
  unsignedFiles: number;
  malformedFiles: number;
  failedFiles: number;
  signatureCount: number;
};

/** The scans list (the /scans page and GET /api/v1/scans): newest first, a page at a time. */
export async function listScanPage(db: DbOrTx, f: { page: number; pageSize: number }): Promise<Page<ScanListRow>> {
  const page = await readPage(f, {
    rows: (window) =>
      db.scanBatch.findMany({
        orderBy: [{ startedAt: "desc" }, { id: "asc" }],
        select: {
          ...batchSelect,
          signedFiles: true,
          unsignedFiles: true,
          malformedFiles: true,
          failedFiles: true,
          signatureCount: true,
        },
        ...window,
      }),
    count: () => db.scanBatch.count(),
  });
  return {
    ...page,
    rows: page.rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: iso(r.finishedAt) })),
  };
}
