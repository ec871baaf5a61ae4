// Small helpers every rule file uses to build drafts consistently.
import type { Severity } from "@/lib/domain/severity";
import type { EvaluationContext, Evidence, FindingDraft, Rule, RuleMeta } from "@/lib/domain/findings/types";

export function iso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

/** 2026-11-23 (UTC): messages carry absolute dates so they read the same in an email */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

export function quote(text: string): string {
  return `“${text}”`;
}

type DraftFields = {
  subjectId: string;
  certificateId?: string;
  keyId?: string;
  signerId?: string;
  severity?: Severity;
  message: string;
  evidence: Evidence;
  threshold: string;
};

export function draft(rule: RuleMeta, fields: DraftFields): FindingDraft {
  const out: FindingDraft = {
    ruleId: rule.id,
    severity: fields.severity ?? rule.defaultSeverity,
    subjectType: rule.subjectType,
    subjectId: fields.subjectId,
    message: fields.message,
    evidence: fields.evidence,
    threshold: fields.threshold,
  };
  if (fields.certificateId) out.certificateId = fields.certificateId;
  if (fields.keyId) out.keyId = fields.keyId;
  if (fields.signerId) out.signerId = fields.signerId;
  return out;
}

type DraftLinks = Pick<DraftFields, "subjectId" | "certificateId" | "keyId" | "signerId">;

/** what a rule found wrong: the draft without its links */
export type Problem = Omit<DraftFields, keyof DraftLinks>;

/**
 * A rule that raises at most one finding on its subject: `links` ties the finding to the subject,
 * or is null where the rule does not apply; `check` returns the problem, or null when all is well.
 */
export function singleFindingRule<TInput>(
  meta: RuleMeta,
  links: (input: TInput, ctx: EvaluationContext) => DraftLinks | null,
  check: (input: TInput, ctx: EvaluationContext) => Problem | null,
): Rule<TInput> {
  const rule: Rule<TInput> = {
    ...meta,
    evaluate(input, ctx) {
      const linked = links(input, ctx);
      const problem = linked && check(input, ctx);
      return problem ? [draft(rule, { ...linked, ...problem })] : [];
    },
  };
  return rule;
}

/** the single id when exactly one is involved, for the denormalised signerId column */
export function onlyOne(ids: readonly string[]): string | undefined {
  const distinct = [...new Set(ids)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

/**
 * Production when the name equals a production name or starts with one followed by - _ / .
 * ("production-eu", "prod/us"); everything else, including "preprod", is non-production.
 */
export function isProductionEnvironment(env: string, productionNames: readonly string[]): boolean {
  const e = env.trim().toLowerCase();
  return productionNames.some((raw) => {
    const p = raw.trim().toLowerCase();
    return e === p || (e.startsWith(p) && /[-_/.]/.test(e.charAt(p.length)));
  });
}

/** distinct environments split into production and non-production; blanks ignored */
export function splitEnvironments(envs: readonly string[], productionNames: readonly string[]) {
  const distinct = [...new Set(envs.map((e) => e.trim()).filter(Boolean))];
  return {
    production: distinct.filter((e) => isProductionEnvironment(e, productionNames)),
    nonProduction: distinct.filter((e) => !isProductionEnvironment(e, productionNames)),
  };
}
