import type { Db } from "@/lib/db/client";
import {
  GENESIS_HASH,
  chainHashOf,
  contentHashOf,
  countUnchained,
  readChainPage,
  type ChainContent,
  type ChainLink,
} from "@/lib/db/audit/chain";

// Walks the audit log's hash chain in seq order (keyset pages) and reports the first broken link,
// the missing sequence numbers and how many events follow the break. An anchor (a head exported
// earlier: `signet audit anchor`) also proves that nothing after it was cut off or rewritten.

/** A head exported earlier: the chain must still hold this hash at this seq. */
export type AuditAnchor = { seq: number; hash: string; at?: string };

export type ChainBreakReason = "content-hash" | "hash" | "prev-hash" | "anchor" | "truncated";

export type ChainBreak = { seq: number; id: string | null; reason: ChainBreakReason; message: string };

export type AuditChainReport = {
  isIntact: boolean;
  /** events read */
  checked: number;
  head: { seq: number; hash: string } | null;
  /** the last seq before the first break (the head when intact); 0 when the first event is bad */
  verifiedUpToSeq: number;
  firstBreak: ChainBreak | null;
  /** events whose own link is bad (the first break included) */
  brokenLinks: number;
  /** gaps in seq, as ranges (at most MAX_RANGES listed; missingCount counts them all) */
  missing: { from: number; to: number }[];
  missingCount: number;
  /** events stored after the first break */
  eventsAfterBreak: number;
  /** rows with no seq: outside the chain (inserted around it, never sealed, or pending too long) */
  unchained: number;
  /** events written pending in the last PENDING_ALLOWANCE_MS, waiting for the sequencer: not a break */
  pending: number;
  anchors: (AuditAnchor & { status: "ok" | "mismatch" | "missing" })[];
  durationMs: number;
};

const PAGE = 10_000;

/**
 * How long a pending event (a gate decision's, lib/db/audit/events.ts) may wait to be linked before
 * verification counts it outside the chain: the sequencer links it moments after its write and the
 * audit.link job every minute, so ten minutes means neither is running.
 */
export const PENDING_ALLOWANCE_MS = 10 * 60_000;
const MAX_RANGES = 100;

type Row = ChainContent & ChainLink;

/** What is wrong with one event's link, given the hash the previous event ends with. */
function linkProblem(row: Row, expected: { seq: number; prevHash: string }): Omit<ChainBreak, "seq" | "id"> | null {
  const where = `event ${row.seq} (${row.id})`;
  if (contentHashOf(row) !== row.contentHash)
    return { reason: "content-hash", message: `${where}: its content does not match its content hash (edited)` };
  if (chainHashOf(row.prevHash, row.contentHash, row.seq) !== row.hash)
    return { reason: "hash", message: `${where}: its hash does not match its seq and links (reordered or rewritten)` };
  if (row.prevHash !== expected.prevHash) {
    const gap = row.seq > expected.seq ? `events ${range(expected.seq, row.seq - 1)} are missing before it` : null;
    return {
      reason: "prev-hash",
      message: `${where}: does not link to the event before it (${gap ?? "an event was inserted, reordered or rewritten"})`,
    };
  }
  return null;
}

const range = (from: number, to: number) => (from === to ? `${from}` : `${from}–${to}`);

export async function verifyAuditChain(
  db: Db,
  options: { anchors?: AuditAnchor[]; pageSize?: number; now?: Date } = {},
): Promise<AuditChainReport> {
  const startedAt = performance.now();
  const anchorAt = new Map((options.anchors ?? []).map((a) => [a.seq, a]));
  const anchors: AuditChainReport["anchors"] = [];
  const report: AuditChainReport = {
    isIntact: true,
    checked: 0,
    head: null,
    verifiedUpToSeq: 0,
    firstBreak: null,
    brokenLinks: 0,
    missing: [],
    missingCount: 0,
    eventsAfterBreak: 0,
    ...(await countUnchained(db, new Date((options.now ?? new Date()).getTime() - PENDING_ALLOWANCE_MS))),
    anchors,
    durationMs: 0,
  };
  const addMissing = (from: number, to: number) => {
    report.missingCount += to - from + 1;
    if (report.missing.length < MAX_RANGES) report.missing.push({ from, to });
  };
  const fail = (seq: number, id: string | null, problem: Omit<ChainBreak, "seq" | "id">) => {
    report.brokenLinks += 1;
    report.firstBreak ??= { seq, id, ...problem };
  };

  const expected = { seq: 1, prevHash: GENESIS_HASH };
  const limit = options.pageSize ?? PAGE;
  // the next page is read while this one is hashed (PostgreSQL builds it in its own process)
  let next: Promise<Row[]> | null = readChainPage(db, { afterSeq: 0, limit });
  while (next) {
    const rows: Row[] = await next;
    next = rows.length === limit ? readChainPage(db, { afterSeq: rows[rows.length - 1].seq, limit }) : null;
    for (const row of rows) {
      report.checked += 1;
      if (report.firstBreak) report.eventsAfterBreak += 1;
      if (row.seq > expected.seq) addMissing(expected.seq, row.seq - 1);
      const problem = linkProblem(row, expected);
      if (problem) fail(row.seq, row.id, problem);
      const anchor = anchorAt.get(row.seq);
      if (anchor) {
        const isOk = anchor.hash === row.hash;
        anchors.push({ ...anchor, status: isOk ? "ok" : "mismatch" });
        if (!isOk && !problem)
          fail(row.seq, row.id, {
            reason: "anchor",
            message: `event ${row.seq} (${row.id}): its hash differs from the anchor exported ${anchor.at ?? "earlier"} (the chain was rewritten up to here)`,
          });
      }
      // carry on from what is stored, so that one bad event does not make every later one look bad
      expected.seq = row.seq + 1;
      expected.prevHash = row.hash;
      report.head = { seq: row.seq, hash: row.hash };
    }
  }

  const headSeq = report.head?.seq ?? 0;
  for (const anchor of anchorAt.values()) {
    if (anchors.some((a) => a.seq === anchor.seq)) continue;
    anchors.push({ ...anchor, status: "missing" });
  }
  const beyond = Math.max(0, ...[...anchorAt.keys()].filter((seq) => seq > headSeq));
  if (beyond > 0) {
    addMissing(headSeq + 1, beyond);
    fail(headSeq + 1, null, {
      reason: "truncated",
      message: `events ${range(headSeq + 1, beyond)} are missing: the log ends at ${headSeq} but was anchored at ${beyond} (truncated)`,
    });
  }
  anchors.sort((a, b) => a.seq - b.seq);
  report.isIntact = report.firstBreak === null && report.missingCount === 0 && report.unchained === 0;
  report.verifiedUpToSeq = report.firstBreak ? report.firstBreak.seq - 1 : headSeq;
  report.durationMs = Math.round(performance.now() - startedAt);
  return report;
}

/** One line naming the first bad event, or saying the chain holds. */
export function describeChainReport(r: AuditChainReport): string {
  const anchored = r.anchors.filter((a) => a.status === "ok").length;
  if (r.isIntact)
    return `audit chain intact: ${r.checked} events, head seq ${r.head?.seq ?? 0} (${r.head?.hash ?? GENESIS_HASH})${anchored ? `, ${anchored} anchor(s) match` : ""}${r.pending ? `; ${r.pending} new event(s) waiting to be linked` : ""}`;
  const parts: string[] = [];
  if (r.firstBreak) parts.push(`first broken link: ${r.firstBreak.message}`);
  if (r.missingCount > 0)
    parts.push(
      `missing seq: ${r.missing.map((m) => range(m.from, m.to)).join(", ")}${r.missing.length < countRanges(r) ? ", …" : ""}`,
    );
  if (r.firstBreak) parts.push(`${r.eventsAfterBreak} event(s) after the break`);
  if (r.unchained > 0) parts.push(`${r.unchained} event(s) outside the chain (no seq)`);
  return `audit chain BROKEN: ${parts.join("; ")}`;
}

const countRanges = (r: AuditChainReport) => (r.missing.length === MAX_RANGES ? Infinity : r.missing.length);
