import { z } from "@/lib/domain/zod";
import { AppError } from "@/lib/api/errors";
import { generateApiToken } from "@/lib/api/tokens";
import { type Db, withTransaction } from "@/lib/db/client";
import { findSignerById } from "@/lib/db/signers/signers";
import { insertApiToken } from "@/lib/db/tokens/token-admin";
import { formatTokenScopes, TOKEN_SCOPES, tokenScopesProblem } from "@/lib/domain/token-scopes";
import { recordAuditBy, type Actor } from "./audit";

// Issues an API token. The token is returned once and only its SHA-256 is stored. A
// "signing-events" token is bound to one signer; every token expires (default 90 days, at most 1 year).
// Scopes: lib/domain/token-scopes (stored space-separated in the scope column).

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

const tokenFields = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(100),
    scopes: z
      .array(z.enum(TOKEN_SCOPES, { message: `Each scope is one of ${TOKEN_SCOPES.join(", ")}` }))
      .max(TOKEN_SCOPES.length),
    signerId: z.string().trim().min(1).max(100).nullable().optional(),
    expiresInDays: z.coerce
      .number()
      .int("Whole days")
      .min(1, "At least 1 day")
      .max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days`)
      .default(DEFAULT_TOKEN_DAYS),
  })
  .strict()
  .superRefine((v, ctx) => {
    const problem = tokenScopesProblem(v.scopes, { hasSigner: Boolean(v.signerId) });
    if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  });

/** `scopes: [...]`; the older `scope: "ingest"` (one scope, or several space-separated) still reads. */
export const tokenCreateSchema = z.preprocess((v) => {
  if (!v || typeof v !== "object" || !("scope" in v) || "scopes" in v) return v;
  const { scope, ...rest } = v as { scope: unknown };
  return { ...rest, scopes: typeof scope === "string" ? scope.split(/\s+/).filter(Boolean) : scope };
}, tokenFields);
export type TokenCreateInput = z.infer<typeof tokenCreateSchema>;

export async function createApiToken(
  db: Db,
  input: TokenCreateInput,
  options: { actor: Actor & { type: "user" }; now: Date },
) {
  if (input.signerId) {
    const signer = await findSignerById(db, input.signerId);
    if (!signer)
      throw new AppError("validation", "No such signer", { issues: [{ path: "signerId", message: "No such signer" }] });
    if (signer.status === "decommissioned") throw new AppError("conflict", "The signer is decommissioned");
  }
  const { token, hash, prefix } = generateApiToken();
  const expiresAt = new Date(options.now.getTime() + input.expiresInDays * 86_400_000);
  const row = await withTransaction(db, async (tx) => {
    const created = await insertApiToken(tx, {
      name: input.name,
      tokenHash: hash,
      prefix,
      scope: formatTokenScopes(input.scopes),
      signerId: input.signerId ?? null,
      createdById: options.actor.id,
      createdAt: options.now,
      expiresAt,
    });
    await recordAuditBy(tx, options, {
      action: "api-token.created",
      targetType: "api-token",
      targetId: created.id,
      summary: `API token ${prefix}… (${input.name}) created with scopes ${formatTokenScopes(input.scopes)}`,
      details: { scopes: input.scopes, signerId: input.signerId ?? null, expiresAt: expiresAt.toISOString() },
    });
    return created;
  });
  return { ...row, token };
}
