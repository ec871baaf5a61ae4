import type { Db, Tx } from "@/lib/db/client";
import {
  applyFindingChanges,
  loadStoredFindings,
  resolveUnseenFindings,
  toFindingWrite,
  type FindingChanges,
  type FindingWrite,
  type StoredFinding,
} from "@/lib/db/findings";
import {
  certificateIdPage,
  keyIdPage,
  loadCertificateInputs,
  loadKeyInputs,
  loadSignerInputs,
  newCertificateEvaluationCache,
  signerIdPage,
} from "@/lib/db/findings-inputs";
import {
  evaluateCertificate,
  evaluateKey,
  evaluateSigner,
  reconcileFindings,
  ruleCatalogue,
  type EvaluationContext,
  type FindingDraft,
  type SubjectType,
} from "@/lib/domain/findings";
import { defaultPolicy, type FindingsPolicy } from "@/lib/domain/policy";
import { recordAudit, SYSTEM_ACTOR } from "./audit";

// Re-evaluates findings: loads inputs from the database in batches, runs the pure engine, and
// reconciles with the stored rows (create, bump lastSeenAt, auto-resolve, reopen). Each batch is
// one transaction. With no ids it sweeps the whole inventory and also resolves findings whose
// subject no longer exists.

export const EVALUATION_BATCH_SIZE = 2_000;

export type EvaluateFindingsInput = {
  now: Date;
  policy?: FindingsPolicy;
  certificateIds?: string[];
  keyIds?: string[];
  signerIds?: string[];
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

type SubjectPass = {
  subjectType: SubjectType;
  /** next page of ids (whole-inventory runs) */
  page: (afterId: string | undefined, take: number) => Promise<string[]>;
  evaluate: (ids: string[]) => Promise<FindingDraft[]>;
};

export async function evaluateFindings(db: Db, input: EvaluateFindingsInput): Promise<EvaluateFindingsResult> {
  const started = performance.now();
  const ctx: EvaluationContext = { now: input.now, policy: input.policy ?? defaultPolicy };
  const batchSize = input.batchSize ?? EVALUATION_BATCH_SIZE;
  const isFullSweep = !input.certificateIds && !input.keyIds && !input.signerIds;
  const window = { now: ctx.now, activityWindowDays: ctx.policy.signers.activityWindowDays };
  const certCache = newCertificateEvaluationCache();

  const passes: (SubjectPass & { ids?: string[] })[] = [
    {
      subjectType: "certificate",
      ids: input.certificateIds,
      page: (afterId, take) => certificateIdPage(db, { afterId, take }),
      evaluate: async (ids) => (await loadCertificateInputs(db, ids, { now: ctx.now, cache: certCache })).flatMap((c) => evaluateCertificate(c, ctx)),
    },
    {
      subjectType: "key",
      ids: input.keyIds,
      page: (afterId, take) => keyIdPage(db, { afterId, take }),
      evaluate: async (ids) => (await loadKeyInputs(db, ids, { ...window, cache: certCache })).flatMap((k) => evaluateKey(k, ctx)),
    },
    {
      subjectType: "signer",
      ids: input.signerIds,
      page: (afterId, take) => signerIdPage(db, { afterId, take }),
      evaluate: async (ids) => (await loadSignerInputs(db, ids, window)).flatMap((s) => evaluateSigner(s, ctx)),
    },
  ];

  const counts: Counts = { created: 0, updated: 0, unchanged: 0, reopened: 0, resolved: 0 };
  const evaluated = { certificates: 0, keys: 0, signers: 0 };
  for (const pass of passes) {
    let n = 0;
    if (isFullSweep) {
      let afterId: string | undefined;
      for (;;) {
        const ids = await pass.page(afterId, batchSize);
        if (ids.length === 0) break;
        await runBatch(db, pass, ids, ctx.now, counts);
        n += ids.length;
        afterId = ids[ids.length - 1];
      }
    } else {
      const ids = [...new Set(pass.ids ?? [])];
      for (let i = 0; i < ids.length; i += batchSize) await runBatch(db, pass, ids.slice(i, i + batchSize), ctx.now, counts);
      n = ids.length;
    }
    evaluated[`${pass.subjectType}s` as keyof typeof evaluated] = n;
  }

  if (isFullSweep) {
    const engineRuleIds = ruleCatalogue().filter((r) => r.raisedBy === "engine").map((r) => r.id);
    counts.resolved += await resolveUnseenFindings(db, { now: ctx.now, ruleIds: engineRuleIds });
    if (counts.created + counts.reopened + counts.resolved > 0) {
      await db.$transaction((tx) =>
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
  return { evaluated, ...counts, durationMs: Math.round(performance.now() - started) };
}

async function runBatch(db: Db, pass: SubjectPass, ids: string[], now: Date, counts: Counts) {
  const drafts = await pass.evaluate(ids);
  try {
    await db.$transaction((tx) => reconcileBatch(tx, pass.subjectType, ids, drafts, now, counts), { timeout: 120_000, maxWait: 30_000 });
  } catch (error) {
    // a concurrent run (an import while a sweep runs) may have created the same finding first;
    // one retry sees its row and updates it instead
    if ((error as { code?: string }).code !== "P2002") throw error;
    await db.$transaction((tx) => reconcileBatch(tx, pass.subjectType, ids, drafts, now, counts), { timeout: 120_000, maxWait: 30_000 });
  }
}

async function reconcileBatch(tx: Tx, subjectType: SubjectType, ids: string[], drafts: FindingDraft[], now: Date, counts: Counts) {
  const stored = await loadStoredFindings(tx, subjectType, ids);
  const result = reconcileFindings(stored, drafts, now);
  const changes: FindingChanges = { create: result.toCreate.map(toFindingWrite), touchIds: [], update: [], resolveIds: result.toResolve.map((r) => r.existing.id) };
  for (const u of result.toUpdate) {
    const data = toFindingWrite(u.draft);
    if (u.isReopened || u.isSuppressionExpired || isChanged(u.existing, data)) {
      changes.update.push({ id: u.existing.id, data, isReopened: u.isReopened, isSuppressionExpired: u.isSuppressionExpired });
    } else {
      changes.touchIds.push(u.existing.id);
    }
  }
  await applyFindingChanges(tx, changes, { now });
  // counted only once the batch's writes succeeded (a retried batch is not counted twice)
  counts.created += changes.create.length;
  counts.updated += changes.update.filter((u) => !u.isReopened).length;
  counts.reopened += changes.update.filter((u) => u.isReopened).length;
  counts.unchanged += changes.touchIds.length;
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
