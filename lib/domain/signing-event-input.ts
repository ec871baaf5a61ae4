// A signing event as a pipeline reports it (POST /api/v1/signing-events). Pure (zod only).
import { z } from "./zod";
import { sha256Schema } from "./signer-input";
import { DATE_RANGE_MESSAGE, isSaneDate } from "./date-bounds";

/** How far in the future a reported signing time may be (clock skew between CI runners and Signet). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** sha256:<hex> (bare 64 hex digits are read as SHA-256), sha384:… or sha512:…, lower case */
export const artifactDigestSchema = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .refine(
    (s) => /^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128}|[0-9a-f]{64})$/.test(s),
    "An artifact digest: sha256:<64 hex>, sha384:…, sha512:… or 64 hex digits",
  )
  .transform((s) => (s.includes(":") ? s : `sha256:${s}`));

/**
 * A pipeline's idempotency key: the same key for every retry of one report (e.g. the CI run id
 * plus the artefact). Visible ASCII, so it survives headers, logs and CSV exports unchanged.
 */
export const idempotencyKeySchema = z
  .string()
  .min(1, "An idempotency key must not be empty")
  .max(200, "An idempotency key is at most 200 characters")
  .regex(/^[\x21-\x7e]+$/, "An idempotency key is visible ASCII (no spaces), e.g. the CI run id and the artefact name");

export const signingEventSchema = z
  .object({
    /** the idempotency key in the body, for clients that cannot set the Idempotency-Key header */
    eventId: idempotencyKeySchema.optional(),
    /** optional for tokens bound to one signer; required otherwise */
    signerId: z.string().trim().min(1).max(100).optional(),
    /** SHA-256 fingerprint of the signing certificate */
    certificateSha256: sha256Schema.optional(),
    artifactName: z.string().trim().min(1, "artifactName is required").max(500),
    artifactDigest: artifactDigestSchema,
    environment: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "Lowercase letters, digits, . _ -")
      .optional(),
    /** the privilege scope used, e.g. sign:release/production */
    scope: z.string().trim().min(1).max(200).optional(),
    /** the kind of artifact (container-image, npm, jar, …): a release channel is environment × artifact type */
    artifactType: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._+-]{0,63}$/, "An artifact type: lowercase letters, digits, . _ + -")
      .optional(),
    /** the person who triggered the pipeline run (the CI's actor), as evidence */
    triggeredBy: z.string().trim().min(1).max(200).optional(),
    /** true when a person signed by hand (workstation) instead of the pipeline */
    isInteractive: z.boolean().default(false),
    ciRunUrl: z
      .url({ protocol: /^https?$/, message: "An http(s) URL" })
      .max(2000)
      .optional(),
    signedAt: z.iso
      .datetime({ offset: true, message: "An ISO 8601 timestamp with time zone, e.g. 2026-11-23T10:00:00Z" })
      .refine((v) => isSaneDate(v), DATE_RANGE_MESSAGE),
  })
  .strict();

export type SigningEventInput = z.infer<typeof signingEventSchema>;

/** null when the signing time is acceptable at `now`, otherwise why not. */
export function signedAtProblem(signedAt: Date, now: Date): string | null {
  if (signedAt.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) {
    return `signedAt ${signedAt.toISOString()} is in the future (more than ${MAX_FUTURE_SKEW_MS / 60_000} minutes after the server's clock, ${now.toISOString()})`;
  }
  return null;
}

/**
 * The report as Signet stores it, in a fixed field order: two reports are the same event when
 * these strings are equal (the body's spelling, e.g. an upper-case fingerprint or another time
 * zone for signedAt, does not matter). `signerId` is the signer the report was recorded for.
 */
export function canonicalSigningEvent(input: SigningEventInput, signerId: string): string {
  return JSON.stringify([
    signerId,
    input.certificateSha256 ?? null,
    input.artifactName,
    input.artifactDigest,
    input.environment ?? null,
    input.scope ?? null,
    input.isInteractive,
    input.ciRunUrl ?? null,
    new Date(input.signedAt).toISOString(),
    // appended only when present, so reports made before these fields existed keep their hash
    ...(input.artifactType !== undefined || input.triggeredBy !== undefined
      ? [input.artifactType ?? null, input.triggeredBy ?? null]
      : []),
  ]);
}
