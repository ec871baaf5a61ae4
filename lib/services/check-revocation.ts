// Checks revocation status live (OCSP, CRL) for the given certificates, or for those due, and
// stores each result on the certificate. A status change to revoked is audited; a live
// confirmation closes the certificate's open revocation requests. Network trouble is recorded
// on the certificate (revocationError) and never aborts the run. Findings follow at once for a
// certificate that became (or stopped being) revoked; other status changes are left to the
// findings job within minutes.
import { type Db, type Tx, withTransaction } from "@/lib/db/client";
import { holdersOf } from "@/lib/db/findings/inputs";
import { markDueForEvaluation } from "@/lib/db/findings/next-evaluation";
import {
  confirmOpenRevocationRequests,
  crlCacheStore,
  dueForRevocationCheck,
  loadRevocationCheckRows,
  type RevocationCheckRow,
} from "@/lib/db/revocation/revocation";
import { updateRevocationState, type RevocationState } from "@/lib/db/certificates/revocation-state";
import { parseAllowHosts } from "@/lib/revocation/ip-ranges";
import { RevocationChecker, type FetchSettings } from "@/lib/revocation/check";
import type { RevocationAnswer, RevocationCheckResult } from "@/lib/revocation/types";
import type { RevocationCheckCounts } from "@/lib/domain/revocation";
import { recordAuditBy, SYSTEM_ACTOR, type Actor } from "@/lib/services/audit";
import { evaluateFindings } from "@/lib/services/evaluate-findings";

export type CheckRevocationOptions = {
  /** default: every certificate due (see dueForRevocationCheck) */
  certificateIds?: string[];
  now: Date;
  /** requests in flight overall (default 16) */
  concurrency?: number;
  /** requests in flight per responder host (default 4) */
  perHostConcurrency?: number;
  /** allowHosts defaults to SIGNET_REVOCATION_ALLOW_HOSTS */
  fetchOptions?: FetchSettings;
  actor?: Actor;
};

export type CheckRevocationSummary = RevocationCheckCounts & {
  /** open revocation requests the CA's CRL/OCSP confirmed */
  confirmedRequests: number;
  durationMs: number;
  crlDownloads: number;
  crlCacheHits: number;
  maxInFlightByHost: Record<string, number>;
};

const PAGE = 500;
/** certificates being checked at once; requests are further bounded by the scheduler */
const WINDOW = 1_000;

export async function checkRevocation(db: Db, options: CheckRevocationOptions): Promise<CheckRevocationSummary> {
  const started = performance.now();
  const { now } = options;
  const actor = options.actor ?? { ...SYSTEM_ACTOR, label: "revocation check" };
  const checker = new RevocationChecker({
    now,
    concurrency: options.concurrency,
    perHostConcurrency: options.perHostConcurrency,
    crlCache: crlCacheStore(db),
    fetch: { allowHosts: parseAllowHosts(process.env.SIGNET_REVOCATION_ALLOW_HOSTS), ...options.fetchOptions },
  });
  const summary: CheckRevocationSummary = {
    checked: 0,
    good: 0,
    revoked: 0,
    unknown: 0,
    errors: 0,
    noRevocationInfo: 0,
    confirmedRequests: 0,
    durationMs: 0,
    crlDownloads: 0,
    crlCacheHits: 0,
    maxInFlightByHost: {},
  };
  const ids = options.certificateIds ?? (await dueForRevocationCheck(db, now));
  const changed: Changed = { revocation: new Set(), status: new Set() };
  // writes go one at a time: SQLite has one writer, and results arrive in bursts
  let writes: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < ids.length; i += PAGE) {
    for (const row of await loadRevocationCheckRows(db, ids.slice(i, i + PAGE))) {
      while (inFlight.size >= WINDOW) await Promise.race(inFlight);
      const task = checker.check(row).then((result) => {
        count(summary, result);
        writes = writes.then(() => storeResult(db, row, result, { now, actor, summary, changed }));
      });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    }
  }
  await Promise.all(inFlight);
  await writes;
  if (changed.revocation.size > 0)
    await evaluateFindings(db, { now, ...(await holdersOf(db, [...changed.revocation])) });
  await markDueForEvaluation(
    db,
    "certificate",
    [...changed.status].filter((id) => !changed.revocation.has(id)),
    now,
  );
  const crl = checker.crls.stats();
  return {
    ...summary,
    durationMs: Math.round(performance.now() - started),
    crlDownloads: crl.fetched,
    crlCacheHits: crl.fromCache,
    maxInFlightByHost: checker.scheduler.stats().maxInFlightByHost,
  };
}

function count(summary: CheckRevocationSummary, result: RevocationCheckResult) {
  summary.checked++;
  if (result.outcome === "error") summary.errors++;
  else if (result.outcome === "no-revocation-info") summary.noRevocationInfo++;
  else summary[result.outcome]++;
}

/** revocation: became revoked or cleared (cert.revoked-in-use); status: any other status change */
type Changed = { revocation: Set<string>; status: Set<string> };
type StoreContext = { now: Date; actor: Actor; summary: CheckRevocationSummary; changed: Changed };

async function storeResult(
  db: Db,
  row: RevocationCheckRow,
  result: RevocationCheckResult,
  ctx: StoreContext,
): Promise<void> {
  // nothing to store: the findings engine raises cert.no-revocation-info from the URLs
  if (result.outcome === "no-revocation-info") return;
  const isRevoked = row.revocationStatus === "revoked";
  if (result.outcome === "error" || result.outcome === "unknown") {
    // revocationCheckedAt keeps the last time a status was established: its age is what
    // cert.revocation-unknown measures. A revoked certificate stays revoked.
    const error =
      result.outcome === "error"
        ? result.error
        : `${result.source.toUpperCase()} ${result.url}: the responder does not know this certificate (status unknown)`;
    if (!isRevoked && row.revocationStatus !== "unknown") ctx.changed.status.add(row.id);
    await updateRevocationState(db, row.id, {
      ...(isRevoked ? {} : { revocationStatus: "unknown" }),
      revocationError: `${ctx.now.toISOString()} ${error}`.slice(0, 2_000),
    });
    return;
  }
  if (result.outcome === "good") return storeGood(db, row, result, ctx);
  return storeRevoked(db, row, result, ctx);
}

function answerState(result: RevocationAnswer): Partial<RevocationState> {
  return {
    revocationCheckedAt: result.checkedAt,
    revocationSource: result.source,
    revocationThisUpdate: result.thisUpdate,
    revocationNextUpdate: result.nextUpdate,
    revocationError: null,
  };
}

/** The audit row of a revocation change a check found, by the check's actor at its time. */
function auditRevocationChange(
  tx: Tx,
  row: RevocationCheckRow,
  ctx: StoreContext,
  change: { action: string; summary: string; details: Record<string, unknown> },
) {
  return recordAuditBy(tx, ctx, { targetType: "certificate", targetId: row.id, ...change });
}

async function storeGood(db: Db, row: RevocationCheckRow, result: RevocationAnswer, ctx: StoreContext) {
  if (row.revocationStatus === "revoked" && row.revocationSource === "recorded") {
    // recorded by us, not yet published by the CA: keep it revoked and the request open
    await updateRevocationState(db, row.id, { revocationCheckedAt: result.checkedAt, revocationError: null });
    return;
  }
  const state: Partial<RevocationState> = {
    ...answerState(result),
    revocationStatus: "good",
    revocationReason: null,
    revokedAt: null,
  };
  if (row.revocationStatus !== "revoked") {
    if (row.revocationStatus !== "good") ctx.changed.status.add(row.id);
    return updateRevocationState(db, row.id, state);
  }
  ctx.changed.revocation.add(row.id);
  // the CA no longer lists it (a certificateHold released): a change worth an audit row
  await withTransaction(db, async (tx) => {
    await updateRevocationState(tx, row.id, state);
    await auditRevocationChange(tx, row, ctx, {
      action: "certificate.revocation-cleared",
      summary: `${row.label}: ${result.source.toUpperCase()} now reports good (it was revoked)`,
      details: { source: result.source, url: result.url },
    });
  });
}

async function storeRevoked(db: Db, row: RevocationCheckRow, result: RevocationAnswer, ctx: StoreContext) {
  const state: Partial<RevocationState> = {
    ...answerState(result),
    revocationStatus: "revoked",
    revocationReason: result.reason,
    revokedAt: result.revokedAt,
  };
  const isNew = row.revocationStatus !== "revoked";
  const isConfirmingRecorded = row.revocationStatus === "revoked" && row.revocationSource === "recorded";
  if (!isNew && !isConfirmingRecorded) return updateRevocationState(db, row.id, state);
  if (isNew) ctx.changed.revocation.add(row.id);
  await withTransaction(db, async (tx) => {
    await updateRevocationState(tx, row.id, state);
    const confirmed = await confirmOpenRevocationRequests(tx, row.id, ctx.now);
    ctx.summary.confirmedRequests += confirmed.length;
    const when = result.revokedAt ? ` on ${result.revokedAt.toISOString()}` : "";
    const reason = result.reason ? ` (${result.reason})` : "";
    await auditRevocationChange(tx, row, ctx, {
      action: isNew ? "certificate.revoked" : "certificate.revocation-confirmed",
      summary: `${row.label}: ${result.source.toUpperCase()} reports it revoked${when}${reason}${confirmed.length ? `; ${confirmed.length} revocation request(s) confirmed` : ""}`,
      details: {
        source: result.source,
        url: result.url,
        reason: result.reason,
        revokedAt: result.revokedAt?.toISOString() ?? null,
        previousStatus: row.revocationStatus,
        confirmedRequestIds: confirmed,
      },
    });
  });
}
