import { type Db, type Tx, withTransaction } from "@/lib/db/client";
import {
  applyFindingChanges,
  loadStoredFindings,
  recordSweep,
  toFindingWrite,
  type FindingChanges,
  type FindingWrite,
  type StoredFinding,
} from "@/lib/db/findings/findings";
import {
  loadCertificateInputs,
  loadKeyInputs,
  loadSignerInputs,
  newEvaluationCache,
  type Page,
  type SubjectScope,
} from "@/lib/db/findings/inputs";
import { storeNextEvaluations, type NextEvaluation } from "@/lib/db/findings/next-evaluation";
import {
  certificateNextEvaluationAt,
  evaluateCertificate,
  evaluateKey,
  evaluateSigner,
  keyNextEvaluationAt,
  reconcileFindings,
  signerNextEvaluationAt,
  type CertificateRuleInput,
  type EvaluationContext,
  type FindingDraft,
  type KeyInput,
  type SignerInput,
  type SubjectType,
} from "@/lib/domain/findings";
import type { FindingsPolicy } from "@/lib/domain/policy";
import { loadCurrentPolicy } from "@/lib/db/policy/policy";
import { writeSetting } from "@/lib/db/settings/settings";
import { recordAudit, SYSTEM_ACTOR } from "./audit";
import { invalidateOverview } from "@/lib/db/inventory/overview";

// Re-evaluates findings: loads inputs from the database in batches, runs the pure engine, and
// reconciles with the stored rows (create, bump lastSeenAt, auto-resolve, reopen). Each batch is
// one transaction. With no ids it sweeps the whole inventory page by page (in id order); the pages'
// id ranges together cover every id, so findings whose subject no longer exists are resolved on the
// way, and the lastSeenAt of the findings it finds unchanged is not written (their last sighting is
// the sweep's, recorded once: lastSeenAt in lib/domain/findings/reconcile.ts). A sweep must never hold up requests: pages are
// small (each page's reads, then its one short write transaction), every query is limited to the
// page's id range (nothing reads a whole table at once: on SQLite a query runs on the main thread),
// and the event loop is given back between the reads and the writes and after every page. Every evaluated subject also gets its
// nextEvaluationAt (when time alone could next change its findings), in the same transaction as
// its findings, for the findings job (evaluate-due-findings.ts).

/** Explicit ids go into `IN (…)` lists: SQLite allows 999 bound parameters per statement. */
export const ID_BATCH_SIZE = 500;
/**
 * Certificates or keys per page of a whole-inventory run: ~40–80 ms of work on the main thread and
 * one write transaction each (SQLite has one writer: an import or a request's write waits for it).
 * Pages of 250 spent about an eighth of the run on the statements and transactions themselves
 * (each costs the client ~0.3 ms, whatever its size); bench:findings measures request latency
 * beside a sweep.
 */
export const SWEEP_PAGE_SIZE = 1_000;
/**
 * Signers per page: each costs about ten times a certificate to read (owners, grants, credentials,
 * recent signing, attestations and drills), so a page of 250 is already ~45 ms of CPU.
 */
export const SIGNER_SWEEP_PAGE_SIZE = 250;

/** Setting: the policy version the last whole-inventory run judged by (the findings job compares it). */
export const SWEPT_POLICY_VERSION_KEY = "findings.sweptPolicyVersion";

export type EvaluateFindingsInput = {
  now: Date;
  /** default: the stored policy in force (lib/db/policy); tests pass their own */
  policy?: FindingsPolicy;
  /** the version of a policy passed in (null: a policy that is not stored) */
  policyVersion?: number | null;
  certificateIds?: string[];
  keyIds?: string[];
  signerIds?: string[];
  /** explicit ids per batch (default and maximum ID_BATCH_SIZE) */
  batchSize?: number;
};

export type EvaluateFindingsResult = {
  evaluated: { certificates: number; keys: number; signers: number };
  created: number;
  updated: number;
  unchanged: number;
  reopened: number;
  resolved: number;
  durationMs: number;
};

type Counts = Omit<EvaluateFindingsResult, "evaluated" | "durationMs">;

type Evaluated = { subjectIds: string[]; drafts: FindingDraft[]; next: NextEvaluation[] };

type SubjectPass = {
  subjectType: SubjectType;
  ids?: string[];
  pageSize: number;
  evaluate: (selection: { ids: string[] } | Page) => Promise<Evaluated>;
};

/** Lets requests in between pages of a long run: better-sqlite3 queries run on the main thread. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type SubjectInput = { certificate: CertificateRuleInput; key: KeyInput; signer: SignerInput };

/** What each kind of subject is judged by, and how many of them a page of a whole-inventory run holds. */
const subjectEngines: {
  [K in SubjectType]: {
    pageSize: number;
    evaluate: (input: SubjectInput[K], ctx: EvaluationContext) => FindingDraft[];
    nextAt: (input: SubjectInput[K], ctx: EvaluationContext) => Date | null;
  };
} = {
  certificate: { pageSize: SWEEP_PAGE_SIZE, evaluate: evaluateCertificate, nextAt: certificateNextEvaluationAt },
  key: { pageSize: SWEEP_PAGE_SIZE, evaluate: evaluateKey, nextAt: keyNextEvaluationAt },
  signer: { pageSize: SIGNER_SWEEP_PAGE_SIZE, evaluate: evaluateSigner, nextAt: signerNextEvaluationAt },
};

function pass<K extends SubjectType>(
  subjectType: K,
  ids: string[] | undefined,
  ctx: EvaluationContext,
  load: (selection: { ids: string[] } | Page) => Promise<SubjectInput[K][]>,
): SubjectPass {
  const { pageSize, evaluate, nextAt } = subjectEngines[subjectType];
  return {
    subjectType,
    ids,
    pageSize,
    evaluate: async (selection) => {
      const inputs = await load(selection);
      // a page's reads, then its evaluation: each runs on the main thread on SQLite
      await yieldToEventLoop();
      return {
        subjectIds: inputs.map((i) => i.id),
        drafts: inputs.flatMap((i) => evaluate(i, ctx)),
        next: inputs.map((i) => ({ id: i.id, at: nextAt(i, ctx) })),
      };
    },
  };
}

export async function evaluateFindings(db: Db, input: EvaluateFindingsInput): Promise<EvaluateFindingsResult> {
  const started = performance.now();
  const current = input.policy
    ? { policy: input.policy, version: input.policyVersion ?? null }
    : await loadCurrentPolicy(db);
  const ctx: EvaluationContext = { now: input.now, policy: current.policy };
  const policyVersion = current.version;
  const isFullSweep = !input.certificateIds && !input.keyIds && !input.signerIds;
  const window = { now: ctx.now, activityWindowDays: ctx.policy.signers.activityWindowDays };
  const cache = newEvaluationCache();

  const passes = [
    pass("certificate", input.certificateIds, ctx, (s) => loadCertificateInputs(db, s, { now: ctx.now, cache })),
    pass("key", input.keyIds, ctx, (s) => loadKeyInputs(db, s, { ...window, cache })),
    pass("signer", input.signerIds, ctx, (s) => loadSignerInputs(db, s, window)),
  ];

  const counts: Counts = { created: 0, updated: 0, unchanged: 0, reopened: 0, resolved: 0 };
  const evaluated = { certificates: 0, keys: 0, signers: 0 };
  for (const p of passes) {
    let n = 0;
    if (isFullSweep) {
      // each page reconciles the stored findings of the ids after the previous page's last one up
      // to its own last, and a last empty page those after every subject: together every stored
      // finding of the type, so those of deleted subjects are resolved on the way
      const judged = { now: ctx.now, policyVersion, isSweep: true };
      let afterId: string | null = null;
      for (;;) {
        const evaluated = await p.evaluate({ afterId, limit: p.pageSize });
        const { subjectIds } = evaluated;
        const throughId = subjectIds.at(-1) ?? null;
        await yieldToEventLoop();
        await reconcile(db, p.subjectType, { afterId, throughId }, evaluated, judged, counts);
        if (throughId === null) break;
        n += subjectIds.length;
        afterId = throughId;
        await yieldToEventLoop();
      }
    } else {
      const ids = [...new Set(p.ids ?? [])];
      const size = Math.max(1, Math.min(input.batchSize ?? ID_BATCH_SIZE, ID_BATCH_SIZE));
      for (let i = 0; i < ids.length; i += size) {
        const chunk = ids.slice(i, i + size);
        const evaluated = await p.evaluate({ ids: chunk });
        await yieldToEventLoop();
        // the requested ids, not only those found: findings of a deleted subject get resolved
        await reconcile(
          db,
          p.subjectType,
          { ids: chunk },
          evaluated,
          { now: ctx.now, policyVersion, isSweep: false },
          counts,
        );
        if (ids.length > size) await yieldToEventLoop();
      }
      n = ids.length;
    }
    evaluated[`${p.subjectType}s` as keyof typeof evaluated] = n;
  }

  if (isFullSweep) {
    await recordSweep(db, ctx.now);
    if (policyVersion !== null) await writeSetting(db, SWEPT_POLICY_VERSION_KEY, policyVersion);
    if (counts.created + counts.reopened + counts.resolved > 0) {
      await withTransaction(db, (tx) =>
        recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "findings.evaluated",
          summary: `Findings re-evaluated: ${counts.created} new, ${counts.reopened} reopened, ${counts.resolved} resolved`,
          details: { ...counts, evaluated },
          at: ctx.now,
        }),
      );
    }
  }
  // the overview's figures count findings: recompute them on the next read
  if (counts.created + counts.updated + counts.reopened + counts.resolved > 0) invalidateOverview(db);
  return { evaluated, ...counts, durationMs: Math.round(performance.now() - started) };
}

/**
 * How a batch is judged. A whole-inventory run (isSweep) leaves the lastSeenAt of an unchanged
 * finding as it is: its last sighting is the run's (lastSeenAt in lib/domain/findings/reconcile.ts).
 */
type Judged = { now: Date; policyVersion: number | null; isSweep: boolean };

async function reconcile(
  db: Db,
  subjectType: SubjectType,
  scope: SubjectScope,
  evaluated: Evaluated,
  judged: Judged,
  counts: Counts,
) {
  const run = () =>
    withTransaction(
      db,
      async (tx) => {
        await reconcileBatch(tx, subjectType, scope, evaluated.drafts, judged, counts);
        await storeNextEvaluations(tx, subjectType, evaluated.next);
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  try {
    await run();
  } catch (error) {
    // a concurrent run (an import while a sweep runs) may have created the same finding first;
    // one retry sees its row and updates it instead
    if ((error as { code?: string }).code !== "P2002") throw error;
    await run();
  }
}

async function reconcileBatch(
  tx: Tx,
  subjectType: SubjectType,
  scope: SubjectScope,
  drafts: FindingDraft[],
  judged: Judged,
  counts: Counts,
) {
  const { now } = judged;
  const stored = await loadStoredFindings(tx, subjectType, scope);
  const result = reconcileFindings(stored, drafts, now);
  const changes: FindingChanges = {
    create: result.toCreate.map(toFindingWrite),
    touchIds: [],
    rejudgeIds: [],
    update: [],
    resolveIds: result.toResolve.map((r) => r.existing.id),
  };
  for (const u of result.toUpdate) {
    const data = toFindingWrite(u.draft);
    if (u.isReopened || u.isAcceptanceExpired || isChanged(u.existing, data)) {
      changes.update.push({
        id: u.existing.id,
        stored: u.existing,
        data,
        isReopened: u.isReopened,
        isAcceptanceExpired: u.isAcceptanceExpired,
      });
    } else if (!judged.isSweep) {
      changes.touchIds.push(u.existing.id);
    } else if (u.existing.policyVersion !== judged.policyVersion) {
      changes.rejudgeIds.push(u.existing.id);
    }
  }
  await applyFindingChanges(tx, changes, judged);
  // counted only once the batch's writes succeeded (a retried batch is not counted twice)
  counts.created += changes.create.length;
  counts.updated += changes.update.filter((u) => !u.isReopened).length;
  counts.reopened += changes.update.filter((u) => u.isReopened).length;
  counts.unchanged += result.toUpdate.length - changes.update.length;
  counts.resolved += changes.resolveIds.length;
}

function isChanged(e: StoredFinding, w: FindingWrite): boolean {
  return (
    e.severity !== w.severity ||
    e.message !== w.message ||
    e.evidenceJson !== w.evidenceJson ||
    e.threshold !== w.threshold ||
    e.certificateId !== w.certificateId ||
    e.keyId !== w.keyId ||
    e.signerId !== w.signerId
  );
}
