import { type Db, withTransaction } from "@/lib/db/client";
import { ancestorIdsOf, subjectsAffectedBy, type SubjectIds } from "@/lib/db/findings/inputs";
import { findDueSubjects } from "@/lib/db/findings/next-evaluation";
import { refreshPlannerStatistics } from "@/lib/db/sql";
import type { FindingsPolicy } from "@/lib/domain/policy";
import { recordAudit, SYSTEM_ACTOR } from "./audit";
import { loadCurrentPolicy } from "@/lib/db/policy/policy";
import { readSetting } from "@/lib/db/settings/settings";
import { evaluateFindings, SWEPT_POLICY_VERSION_KEY, type EvaluateFindingsResult } from "./evaluate-findings";

// The findings job's routine run: re-evaluates only the subjects whose nextEvaluationAt has passed
// (a time-based threshold was crossed) or was never set (written without an evaluation, e.g. an
// import that stopped half-way), so it stays cheap at any inventory size. The daily full
// re-evaluation (findings.sweep) is the safety net for anything these instants do not foresee.

/** Above this many subjects in one table a whole-inventory run is cheaper than lists of ids. */
export const DUE_LIMIT = 25_000;

export type EvaluateDueFindingsResult = EvaluateFindingsResult & {
  mode: "due" | "full";
  due: { certificates: number; keys: number; signers: number };
  unevaluated: { certificates: number; keys: number; signers: number };
};

const count = (s: SubjectIds) => ({
  certificates: s.certificateIds.length,
  keys: s.keyIds.length,
  signers: s.signerIds.length,
});

export type EvaluateDueFindingsInput = {
  now: Date;
  policy?: FindingsPolicy;
  limit?: number;
  /**
   * runs a whole-inventory evaluation under the stored policy when one is needed (too many due, or a
   * newer policy): the findings job hands it to a worker thread (lib/jobs/findings-thread.ts).
   * Default: evaluateFindings here.
   */
  evaluateAll?: (input: { now: Date }) => Promise<EvaluateFindingsResult>;
};

export async function evaluateDueFindings(db: Db, input: EvaluateDueFindingsInput): Promise<EvaluateDueFindingsResult> {
  const started = performance.now();
  // every few minutes: SQLite's planner statistics follow the inventory's growth (imports, findings)
  await refreshPlannerStatistics(db);
  const found = await findDueSubjects(db, { now: input.now, limit: input.limit ?? DUE_LIMIT });
  const summary = { due: count(found.due), unevaluated: count(found.unevaluated) };
  if (found.isOverLimit || (!input.policy && (await isPolicyNewerThanSweep(db)))) {
    const result =
      input.evaluateAll && !input.policy
        ? await input.evaluateAll({ now: input.now })
        : await evaluateFindings(db, { now: input.now, policy: input.policy });
    return { mode: "full", ...summary, ...result, durationMs: Math.round(performance.now() - started) };
  }
  const hasUnevaluated =
    found.unevaluated.certificateIds.length + found.unevaluated.keyIds.length + found.unevaluated.signerIds.length > 0;
  // unevaluated rows: everything an import evaluates after writing them (holders, renewals, keys)
  const affected = hasUnevaluated
    ? await subjectsAffectedBy(db, found.unevaluated)
    : { certificateIds: [], keyIds: [], signerIds: [] };
  // a certificate crossing its expiry changes its issuers' count of in-use certificates
  const issuers = await ancestorIdsOf(db, found.due.certificateIds);
  const result = await evaluateFindings(db, {
    now: input.now,
    policy: input.policy,
    certificateIds: [...new Set([...found.due.certificateIds, ...affected.certificateIds, ...issuers])],
    keyIds: [...new Set([...found.due.keyIds, ...affected.keyIds])],
    signerIds: [...new Set([...found.due.signerIds, ...affected.signerIds])],
  });
  if (result.created + result.reopened + result.resolved > 0) {
    // the whole-inventory run audits its own changes; these ones moved because time passed
    await withTransaction(db, (tx) =>
      recordAudit(tx, {
        actor: { ...SYSTEM_ACTOR, label: "findings job" },
        action: "findings.evaluated",
        summary: `Findings re-evaluated as time passed: ${result.created} new, ${result.reopened} reopened, ${result.resolved} resolved`,
        details: {
          mode: "due",
          created: result.created,
          reopened: result.reopened,
          resolved: result.resolved,
          evaluated: result.evaluated,
          ...summary,
        },
        at: input.now,
      }),
    );
  }
  return { mode: "due", ...summary, ...result, durationMs: Math.round(performance.now() - started) };
}

/** The policy changed since the last whole-inventory run: every finding is judged again under it. */
async function isPolicyNewerThanSweep(db: Db): Promise<boolean> {
  const { version } = await loadCurrentPolicy(db);
  return version > 0 && (await readSetting<number>(db, SWEPT_POLICY_VERSION_KEY)) !== version;
}
