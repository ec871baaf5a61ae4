import { AppError } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { insertPolicyVersion, loadCurrentPolicy } from "@/lib/db/policy/policy";
import { diffPolicies, formatPolicyChanges, type PolicyChange } from "@/lib/domain/policy-diff";
import { defaultPolicy, safeMergePolicy, type FindingsPolicyOverrides } from "@/lib/domain/policy";
import { recordAuditBy, type Actor } from "./audit";

// Saves an edited policy document as the next version: validated against the one policy schema
// (lib/domain/policy.ts), refused when it changes nothing, audited with what changed in the same
// transaction. Findings are re-judged by the findings job, not in this request: the caller starts
// it (lib/jobs queueFindingsReevaluation) and the job also notices a newer version on its own.

export type SetPolicyInput = { document: unknown; comment?: string | null };

export type SetPolicyResult = { version: number; previousVersion: number; changes: PolicyChange[] };

export async function setPolicy(
  db: Db,
  input: SetPolicyInput,
  options: { actor: Actor; now: Date },
): Promise<SetPolicyResult> {
  const merged = safeMergePolicy(defaultPolicy, input.document);
  if (!merged.success) {
    const first = merged.issues[0];
    throw new AppError("validation", `Invalid policy: ${first.path} — ${first.message}`, {
      issues: merged.issues.map((i) => ({ path: `document.${i.path}`, message: i.message })),
    });
  }
  const document = input.document as FindingsPolicyOverrides;
  return withTransaction(db, async (tx) => {
    const current = await loadCurrentPolicy(tx);
    const changes = diffPolicies(current.policy, merged.policy);
    const isDocumentSame = JSON.stringify(current.document) === JSON.stringify(document);
    if (changes.length === 0 && isDocumentSame)
      throw new AppError("validation", "The policy is unchanged: nothing to save", {
        issues: [{ path: "document", message: "The policy is unchanged" }],
      });
    const version = await insertPolicyVersion(tx, {
      document,
      comment: input.comment?.trim() || null,
      createdById: options.actor.type === "user" || options.actor.type === "token" ? options.actor.id : null,
      createdByLabel: options.actor.label,
      at: options.now,
    });
    await recordAuditBy(tx, options, {
      action: "policy.changed",
      targetType: "policy",
      targetId: String(version),
      summary:
        `Policy version ${version} saved (was ${current.version}): ${changes.length ? formatPolicyChanges(changes, { limit: 5 }) : "document rewritten, same effect"}`.slice(
          0,
          500,
        ),
      details: { version, previousVersion: current.version, changes, comment: input.comment ?? null },
    });
    return { version, previousVersion: current.version, changes };
  });
}
