// The accounts a person runs pipelines as (issue 20: separation of duties). A pipeline reports
// the human who triggered a run as its CI system names them (GitHub's `github.actor`, GitLab's
// `GITLAB_USER_LOGIN`, a Jenkins user id), which is rarely their email. Declaring those accounts
// on the person lets Signet match "triggered by" to a person exactly, so that person may not
// approve the window their own run asked for. Pure.
import { looksLikeSecret, NO_SECRET } from "@/lib/domain/signer-input";
import { z } from "./zod";

export const MAX_CI_HANDLES = 20;

/** One account name: compared lower-case, a leading @ dropped (both are how people write them). */
export function normalizeCiHandle(raw: string): string {
  return raw.trim().toLowerCase().replace(/^@/, "");
}

// a token pasted where an account name goes is refused as it was typed (before lower-casing hides an AKIA key)
export const ciHandleSchema = z
  .string()
  .refine((t) => !looksLikeSecret(t), NO_SECRET)
  .transform(normalizeCiHandle)
  .pipe(
    z
      .string()
      .min(1, "An account name cannot be empty")
      .max(100, "An account name has at most 100 characters")
      .regex(
        /^[\p{L}\p{N}][\p{L}\p{N}._@+\-/:\\]*$/u,
        "An account name: letters, digits and . _ - @ + / : \\ (no spaces or quotes)",
      ),
  );

/** The person's accounts: distinct after normalising, at most MAX_CI_HANDLES. */
export const ciHandlesSchema = z
  .array(ciHandleSchema)
  .max(MAX_CI_HANDLES, `At most ${MAX_CI_HANDLES} accounts`)
  .transform((list) => [...new Set(list)]);

/** A form field: accounts separated by commas, spaces or new lines. */
export function splitCiHandles(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The stored JSON list, tolerant of anything unexpected in the column. */
export function readCiHandles(json: string | null | undefined): string[] {
  try {
    const v: unknown = JSON.parse(json ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
