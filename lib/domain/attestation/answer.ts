import { z } from "../zod";
import { CUSTODY_TYPES } from "@/lib/domain/signer-input";

// An owner's answer to one attestation task, and the checks against what the task shows them:
// a decision for every standing grant, custody corrections that name a key of the signer and
// carry evidence. Answers are immutable: a correction is a new answer superseding the last one.

export const privilegeDecisionSchema = z.object({
  privilegeId: z.string().min(1),
  decision: z.enum(["keep", "remove"]),
});

export const custodyAnswerSchema = z.discriminatedUnion("isConfirmed", [
  z.object({ isConfirmed: z.literal(true) }),
  z.object({
    isConfirmed: z.literal(false),
    keyId: z.string().min(1, "Choose the key to correct"),
    custody: z.enum(CUSTODY_TYPES, { message: `Custody must be one of ${CUSTODY_TYPES.join(", ")}` }),
    evidence: z.string().trim().min(3, "Give evidence: an HSM attestation reference or a KMS key id").max(1000),
  }),
]);

/** The free-text comment of an answer: trimmed, at most 2,000 characters, empty as null. */
export const attestationCommentSchema = z
  .string()
  .trim()
  .max(2000)
  .nullish()
  .transform((v) => v || null);

export const attestationAnswerSchema = z.object({
  isStillNeeded: z.boolean(),
  privileges: z.array(privilegeDecisionSchema).max(500).default([]),
  custody: custodyAnswerSchema.default({ isConfirmed: true }),
  comment: attestationCommentSchema,
});
export type AttestationAnswerInput = z.input<typeof attestationAnswerSchema>;
export type AttestationAnswer = z.output<typeof attestationAnswerSchema>;

export type AnswerContext = {
  /** the signer's standing grants (removedAt null) */
  privileges: { id: string; scope: string; environment: string }[];
  keys: { id: string; custody: string }[];
};

export type ValidatedAnswer = {
  isStillNeeded: boolean;
  decisions: { privilegeId: string; scope: string; environment: string; decision: "keep" | "remove" }[];
  custody:
    { isConfirmed: true } | { isConfirmed: false; keyId: string; from: string; custody: string; evidence: string };
  comment: string | null;
};

export type AnswerProblem = { path: string; message: string };

/** Checks an answer against the task's signer; returns the problems, or the answer resolved against it. */
export function validateAnswer(
  answer: AttestationAnswer,
  ctx: AnswerContext,
): { ok: true; value: ValidatedAnswer } | { ok: false; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const byId = new Map(ctx.privileges.map((p) => [p.id, p]));
  const seen = new Set<string>();
  for (const d of answer.privileges) {
    if (!byId.has(d.privilegeId))
      problems.push({
        path: `privileges.${d.privilegeId}`,
        message: "This grant is not a standing grant of the signer",
      });
    if (seen.has(d.privilegeId)) problems.push({ path: `privileges.${d.privilegeId}`, message: "Decided twice" });
    seen.add(d.privilegeId);
  }
  // a decommission removes everything anyway; otherwise every grant needs a decision
  if (answer.isStillNeeded) {
    for (const p of ctx.privileges)
      if (!seen.has(p.id)) problems.push({ path: `privileges.${p.id}`, message: `Decide whether to keep ${p.scope}` });
  }
  let custody: ValidatedAnswer["custody"] = { isConfirmed: true };
  if (!answer.custody.isConfirmed) {
    const key = ctx.keys.find((k) => k.id === (answer.custody as { keyId: string }).keyId);
    if (!key) problems.push({ path: "custody.keyId", message: "This key does not belong to the signer" });
    else if (key.custody === answer.custody.custody)
      problems.push({ path: "custody.custody", message: `The key is already recorded as ${key.custody}` });
    else
      custody = {
        isConfirmed: false,
        keyId: key.id,
        from: key.custody,
        custody: answer.custody.custody,
        evidence: answer.custody.evidence,
      };
  }
  if (problems.length) return { ok: false, problems };
  const decisions = answer.isStillNeeded
    ? answer.privileges.map((d) => ({ ...byId.get(d.privilegeId)!, privilegeId: d.privilegeId, decision: d.decision }))
    : ctx.privileges.map((p) => ({
        privilegeId: p.id,
        scope: p.scope,
        environment: p.environment,
        decision: "remove" as const,
      }));
  return {
    ok: true,
    value: {
      isStillNeeded: answer.isStillNeeded,
      decisions: decisions.map(({ privilegeId, scope, environment, decision }) => ({
        privilegeId,
        scope,
        environment,
        decision,
      })),
      custody,
      comment: answer.comment,
    },
  };
}

/** The answer a bulk attestation records: still needed, every grant kept, custody confirmed. */
export function unchangedAnswer(ctx: AnswerContext, comment: string | null): ValidatedAnswer {
  return {
    isStillNeeded: true,
    decisions: ctx.privileges.map((p) => ({
      privilegeId: p.id,
      scope: p.scope,
      environment: p.environment,
      decision: "keep" as const,
    })),
    custody: { isConfirmed: true },
    comment,
  };
}

/** The change requests an answer opens, by kind (a decommission's grant removals are part of it). */
export function changeRequestsFor(answer: ValidatedAnswer): {
  kind: "decommission" | "privilege-removal" | "custody-correction";
  privilegeId?: string;
  details: Record<string, unknown>;
}[] {
  const out: ReturnType<typeof changeRequestsFor> = [];
  if (!answer.isStillNeeded) {
    out.push({
      kind: "decommission",
      details: {
        privileges: answer.decisions.map((d) => `${d.scope}${d.environment === "any" ? "" : ` (${d.environment})`}`),
      },
    });
  } else {
    for (const d of answer.decisions) {
      if (d.decision === "remove")
        out.push({
          kind: "privilege-removal",
          privilegeId: d.privilegeId,
          details: { scope: d.scope, environment: d.environment },
        });
    }
  }
  if (!answer.custody.isConfirmed) {
    const c = answer.custody;
    out.push({
      kind: "custody-correction",
      details: { keyId: c.keyId, from: c.from, to: c.custody, evidence: c.evidence },
    });
  }
  return out;
}
