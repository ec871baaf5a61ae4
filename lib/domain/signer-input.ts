// What a person, a pipeline or an import file may say about a signer, validated in one place
// for the API, the UI forms and bulk imports. Pure (zod only).
//
// References to people and teams are strings resolved by the services: a person by id or email
// ("@" marks an email), a team by id, name or email. Secrets are never accepted: free text that
// looks like a private key or a token is refused (custody evidence is a reference to evidence —
// an HSM model, a KMS key id, an attestation document — not the key or a credential).
import { z } from "./zod";
import { environmentProblem, parseGrant, type GrantSpec } from "./privileges";
import { inputDate } from "./date-bounds";
import { KEYLESS_PATTERN_MAX_LENGTH } from "./keyless-signer";
import { labelledValues } from "./labelled-values";

export const PLATFORMS = ["github-actions", "gitlab-ci", "jenkins", "azure-pipelines", "buildkite", "other"] as const;
export const CREDENTIAL_TYPES = ["oidc", "static-secret", "certificate", "none"] as const;
export const SIGNER_STATUSES = ["active", "suspended", "decommissioned"] as const;

export type Platform = (typeof PLATFORMS)[number];
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];
export type SignerStatus = (typeof SIGNER_STATUSES)[number];

export const KIND_LABELS = {
  "ci-pipeline": "CI pipeline",
  "build-service": "Build service",
  "release-bot": "Release bot",
  "automation-account": "Automation account",
  other: "Other",
};

export const CUSTODY_LABELS = {
  hsm: "HSM",
  "cloud-kms": "Cloud KMS",
  vault: "Vault",
  "hardware-token": "Hardware token",
  "software-file": "Software file",
  unknown: "Unknown",
};
export const SIGNER_KINDS = labelledValues(KIND_LABELS);
export const CUSTODY_TYPES = labelledValues(CUSTODY_LABELS);
export type SignerKind = (typeof SIGNER_KINDS)[number];
export type CustodyType = (typeof CUSTODY_TYPES)[number];

const SECRET_MARKERS: RegExp[] = [
  /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/,
  /PRIVATE KEY/i,
  /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bsgt_[A-Za-z0-9_-]{20,}/,
  /\b(password|passwd|secret|client_secret|api[_-]?key|token)\s*[=:]\s*\S+/i,
];

/** True when the text looks like it carries a secret (private key, token, password assignment). */
export function looksLikeSecret(text: string): boolean {
  return SECRET_MARKERS.some((re) => re.test(text));
}

export const NO_SECRET =
  "Looks like a secret (private key, token or password): Signet never stores secrets; give a reference instead";

/** Trimmed text of at most `max` characters that does not look like a secret. */
export const freeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine((t) => !looksLikeSecret(t), NO_SECRET);

// Letters and digits of any script (ñandú, 签名), with their combining marks; the same few
// punctuation marks as before. No control or format characters (bidi overrides, zero-width joiners),
// so a name cannot hide or reorder text. Stored in NFC so "ú" typed two ways is one name.
export const SIGNER_NAME_RULE =
  "Start with a letter or digit (any script); then letters, digits, spaces and . _ / : @ ( ) -";

/**
 * What a signer field means to whoever fills it in, a person in the form or a client of POST/PATCH
 * /api/v1/signers: the form shows it under the field, the OpenAPI document describes the field with it.
 * Keyed by the stored field (custodyEvidence is the API's custody.evidence, keylessIssuer its
 * keyless.issuer). How the form writes a list (comma-separated, one per line) is the form's own hint.
 */
export const SIGNER_FIELD_HINTS = {
  name: `Unique, e.g. payments-release-pipeline. ${SIGNER_NAME_RULE}.`,
  artifactTypes: "e.g. jar, msi, container",
  credentialExpiresAt: "For static secrets and certificates the pipeline uses",
  /** each grant */
  privileges: "a scope (sign:release/production, repo:acme/payments, approve:release, *), optionally @environment",
  certificates: "Certificates already imported into Signet that this signer signs with",
  custody: "How the owner says the signing key is held; it counts for keys with no custody record of their own",
  custodyEvidence: "A reference, never a secret: HSM model and partition, KMS key id, attestation document link",
  keylessIssuer: "e.g. https://token.actions.githubusercontent.com",
  keylessSubjectPattern:
    "Matched against the certificate's SAN, workflow and repository; * matches anything, e.g. https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*",
} as const;

/** A signer field's hint as its description in the OpenAPI document. */
const hint = (field: keyof typeof SIGNER_FIELD_HINTS) => ({ description: SIGNER_FIELD_HINTS[field] });

export const signerNameSchema = z
  .string()
  .trim()
  .transform((s) => s.normalize("NFC"))
  .pipe(
    z
      .string()
      .min(1, "Name is required")
      .max(120, "At most 120 characters")
      .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._/:@()-]*$/u, SIGNER_NAME_RULE),
  );

export const environmentSchema = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((e, ctx) => {
    const problem =
      e === "any" ? '"any" is not an environment; leave environments empty instead' : environmentProblem(e);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A grant as "scope@environment" text or { scope, environment }. */
export const grantSchema = z
  .union([z.string(), z.object({ scope: z.string(), environment: z.string().nullable().optional() })])
  .transform((value, ctx): GrantSpec => {
    const text =
      typeof value === "string" ? value : value.environment ? `${value.scope}@${value.environment}` : value.scope;
    const r = parseGrant(text);
    if ("problem" in r) {
      ctx.addIssue({ code: "custom", message: r.problem });
      return z.NEVER;
    }
    return r.grant;
  });

const reference = z.string().trim().min(1).max(320);

export const custodySchema = z.object({
  type: z.enum(CUSTODY_TYPES, { message: `One of ${CUSTODY_TYPES.join(", ")}` }),
  evidence: freeText(500).nullable().optional().meta(hint("custodyEvidence")),
});

export const sha256Schema = z
  .string()
  .trim()
  .transform((s) => s.replace(/:/g, "").toLowerCase())
  .refine((s) => /^[0-9a-f]{64}$/.test(s), "A SHA-256 fingerprint: 64 hex digits");

/**
 * The Sigstore keyless identity a signer signs as: the OIDC issuer (an https URL) and a glob over
 * the Fulcio certificate's SAN, workflow or repository (lib/domain/keyless-signer.ts).
 */
export const keylessIdentitySchema = z
  .object({
    issuer: z
      .string()
      .trim()
      .max(300, "At most 300 characters")
      .regex(/^https:\/\/[^\s/]+(\/\S*)?$/, "The OIDC issuer URL, e.g. https://token.actions.githubusercontent.com")
      .meta(hint("keylessIssuer")),
    subjectPattern: freeText(KEYLESS_PATTERN_MAX_LENGTH)
      .pipe(z.string().min(1, "A subject, workflow or repository pattern (* matches anything)"))
      .refine((p) => p.replace(/\*/g, "").length > 0, "The pattern must name something besides *")
      .meta(hint("keylessSubjectPattern")),
  })
  .strict();

const dateSchema = inputDate();

// Every field optional: the update shape. Create adds what is required and the defaults.
const signerFields = z.object({
  name: signerNameSchema.meta(hint("name")),
  kind: z.enum(SIGNER_KINDS, { message: `One of ${SIGNER_KINDS.join(", ")}` }),
  platform: z.enum(PLATFORMS, { message: `One of ${PLATFORMS.join(", ")}` }),
  environments: z.array(environmentSchema).max(20, "At most 20 environments"),
  artifactTypes: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .min(1)
        .max(40)
        .regex(/^[a-z0-9][a-z0-9._+-]*$/, "Letters, digits, . _ + -"),
    )
    .max(20)
    .meta(hint("artifactTypes")),
  description: freeText(2000).nullable(),
  credentialType: z.enum(CREDENTIAL_TYPES, { message: `One of ${CREDENTIAL_TYPES.join(", ")}` }),
  credentialExpiresAt: dateSchema.nullable().meta(hint("credentialExpiresAt")),
  /** person id or email */
  primaryOwner: reference.nullable(),
  backupOwner: reference.nullable(),
  /** team id, name or email */
  team: reference.nullable(),
  privileges: z.array(grantSchema.meta(hint("privileges"))).max(100, "At most 100 grants"),
  /** recorded on the signer, no certificate needed; null: not declared ("unknown") */
  custody: custodySchema.nullable().meta(hint("custody")),
  /** the Sigstore keyless identity it signs as; null: none declared */
  keyless: keylessIdentitySchema.nullable(),
  /** their SHA-256 fingerprints */
  certificates: z.array(sha256Schema).max(50, "At most 50 certificates").meta(hint("certificates")),
});

export const signerUpdateSchema = signerFields.partial().strict().superRefine(crossFieldChecks);

export const signerCreateSchema = signerFields
  .partial()
  .required({ name: true, kind: true })
  .strict()
  .superRefine(crossFieldChecks);

export type SignerUpdateInput = z.infer<typeof signerUpdateSchema>;
export type SignerCreateInput = z.infer<typeof signerCreateSchema>;

function crossFieldChecks(v: Partial<z.infer<typeof signerFields>>, ctx: z.RefinementCtx) {
  if (v.primaryOwner && v.backupOwner && v.primaryOwner.toLowerCase() === v.backupOwner.toLowerCase()) {
    ctx.addIssue({
      code: "custom",
      path: ["backupOwner"],
      message: "The backup owner must be someone other than the primary owner",
    });
  }
  if (v.credentialExpiresAt && (v.credentialType === "none" || v.credentialType === "oidc")) {
    ctx.addIssue({
      code: "custom",
      path: ["credentialExpiresAt"],
      message: `A ${v.credentialType} credential has no expiry to record; set credentialType to static-secret or certificate`,
    });
  }
  if (v.custody && (v.custody.type === "unknown" || v.custody.type === undefined) && v.custody.evidence?.trim()) {
    ctx.addIssue({
      code: "custom",
      path: ["custody", "type"],
      message: "Say how the key is held: evidence without a custody type says nothing",
    });
  }
  if (v.privileges) {
    const seen = new Set<string>();
    v.privileges.forEach((g, i) => {
      const key = `${g.scope}@${g.environment}`;
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["privileges", i], message: `Grant ${key} is listed twice` });
      seen.add(key);
    });
  }
}

/** The full field set with defaults, as the create service stores it. */
export function withSignerDefaults(input: SignerCreateInput) {
  return {
    name: input.name,
    kind: input.kind,
    platform: input.platform ?? "other",
    environments: [...new Set(input.environments ?? [])],
    artifactTypes: [...new Set(input.artifactTypes ?? [])],
    description: input.description || null,
    credentialType: input.credentialType ?? "none",
    credentialExpiresAt: input.credentialExpiresAt ?? null,
    primaryOwner: input.primaryOwner ?? null,
    backupOwner: input.backupOwner ?? null,
    team: input.team ?? null,
    privileges: input.privileges ?? [],
    custody: input.custody ?? null,
    keyless: input.keyless ?? null,
    certificates: [...new Set(input.certificates ?? [])],
  };
}

export type SignerValues = ReturnType<typeof withSignerDefaults>;

// ---------------------------------------------------------------- status changes

export const statusChangeSchema = z
  .object({
    status: z.enum(SIGNER_STATUSES, { message: `One of ${SIGNER_STATUSES.join(", ")}` }),
    reason: freeText(500).optional(),
  })
  .strict();

/** null when the transition is allowed, otherwise why not. Decommissioning is final. */
export function statusTransitionProblem(from: string, to: SignerStatus, reason: string | undefined): string | null {
  if (from === to) return `The signer is already ${to}`;
  if (from === "decommissioned") return "A decommissioned signer cannot be brought back; register a new signer instead";
  if ((to === "suspended" || to === "decommissioned") && !reason?.trim())
    return `Give a reason to ${to === "suspended" ? "suspend" : "decommission"} a signer`;
  return null;
}
