// Thresholds the findings engine applies. A deployment stores overrides (Setting valueJson) and a
// signer may carry its own; both are layered with mergePolicy, which validates every override so
// a typo fails loudly instead of silently keeping a default. Plain JSON only: the policy is
// persisted and shown next to each finding as its threshold.
import { z } from "./zod";
import { PROFILE_IDS } from "@/lib/domain/findings/profile-ids";
import { RULE_IDS } from "@/lib/domain/findings/rule-ids";
import { GATE_MODES, GATE_RULE_IDS } from "@/lib/domain/gate/rule-ids";
import { severitySchema, type Severity } from "@/lib/domain/severity";
import { DATE_RANGE_MESSAGE, isSaneDate } from "./date-bounds";

const days = z.number().int().min(1).max(36_500);

const bandSchema = z.strictObject({ withinDays: days, severity: severitySchema });

const bandsSchema = z
  .array(bandSchema)
  .min(1)
  .refine((bands) => new Set(bands.map((b) => b.withinDays)).size === bands.length, {
    message: "each band needs a different withinDays",
  });

const names = z.array(z.string().trim().min(1)).max(200);

const expirySchema = z.strictObject({
  /** subscriber (signing) certificates: the tightest band a certificate falls in wins */
  bands: bandsSchema,
  /** CA certificates need far earlier warning: re-issuing a hierarchy takes months */
  caBands: bandsSchema,
});

const validitySchema = z.strictObject({
  /** CSBR §6.3.2 (ballot CSC-31): certificates issued on or after this instant get the short limit */
  cutoffAt: z.iso.datetime({ offset: true }).refine((v) => isSaneDate(v), DATE_RANGE_MESSAGE),
  maxDaysFromCutoff: days,
  maxMonthsBeforeCutoff: z.number().int().min(1).max(1200),
});

const algorithmsSchema = z.strictObject({
  minRsaBits: z.number().int().min(512).max(16_384),
  minRsaBitsCA: z.number().int().min(512).max(16_384),
  /** key algorithm families CSBR §6.1.5.2 allows */
  allowedKeyAlgorithms: names.min(1),
  /** canonical curve names (P-256 style); aliases such as prime256v1 are normalised first */
  allowedCurves: names.min(1),
});

const keysSchema = z.strictObject({
  rotationMaxAgeDays: days,
  /** custodies that count as FIPS 140-2 L2 / CC EAL4+ hardware on their own */
  hardwareCustodies: names,
  /** custodies that count as hardware only with evidence (HSM protection level, access logs) */
  evidenceRequiredCustodies: names,
  maxSignersPerKey: z.number().int().min(1).max(1000),
});

const signersSchema = z.strictObject({
  staleAfterDays: days,
  unusedGrantDays: days,
  maxGrants: z.number().int().min(1).max(1000),
  /** window of signing events looked at for env-mixing and human use */
  activityWindowDays: days,
  credentialExpiringDays: days,
  staticCredentialTypes: names,
  /** environment names (or name prefixes followed by - _ / .) that count as production */
  productionEnvironments: names.min(1),
  signScopePrefixes: names.min(1),
  approveScopePrefixes: names.min(1),
  /** how often a production signer must go through a key-compromise drill (signer.drill-overdue) */
  drillEveryDays: days,
  /** the same for every other signer; null: not required */
  nonProductionDrillEveryDays: days.nullable(),
  /** a drill step (an owner's acknowledgement, a channel's recovery) slower than this is reported as slow */
  drillResponseHours: z.number().int().min(1).max(8760),
  /** the longest window an approval of a just-in-time grant may open (lib/domain/approvals.ts) */
  approvalMaxHours: z.number().int().min(1).max(168),
  /** a standing production signing grant unused this long raises signer.standing-grant-unused */
  standingGrantUnusedDays: days,
});

const revocationSchema = z.strictObject({ unknownAfterDays: days });

const csbrSchema = z.strictObject({
  /** false: CSBR-scope rules are skipped for certificates from private issuers */
  isEnforcedForPrivateIssuers: z.boolean(),
  /** case-insensitive substrings of the issuer DN that mark a private (internal) issuer */
  privateIssuerPatterns: names,
  /**
   * case-insensitive substrings of the issuer DN that mark a publicly-trusted code-signing CA:
   * its certificates are judged by the CSBR profile even when they assert no CA/B Forum policy
   */
  publicIssuerPatterns: names.optional(),
  /** issuer DN substring → the ecosystem profile its certificates are judged by (first match wins) */
  issuerProfiles: z
    .array(z.strictObject({ pattern: z.string().trim().min(1), profile: z.enum(PROFILE_IDS) }))
    .max(200)
    .optional(),
});

const ruleOverrideSchema = z.strictObject({
  isEnabled: z.boolean().optional(),
  severity: severitySchema.optional(),
});

const rulesSchema = z.partialRecord(z.enum(RULE_IDS), ruleOverrideSchema);

const environmentKey = z
  .string()
  .trim()
  .regex(/^(\*|[a-z0-9][a-z0-9._-]{0,62})$/, 'an environment name, "production" or "*"');

/** The release gate (lib/domain/gate/decide.ts): what it checks and how hard. */
const gateSchema = z.strictObject({
  /** per check: enforce (deny), warn, or off; a check not named here is enforced */
  modes: z.partialRecord(z.enum(GATE_RULE_IDS), z.enum(GATE_MODES)),
  /**
   * key custodies approved per environment: an exact environment name first, then "production"
   * for any production environment (signers.productionEnvironments), then "*"; an environment
   * that matches no entry accepts any custody
   */
  approvedCustody: z.record(environmentKey, names.min(1)),
  /** an open finding of at least this severity on the signer, its certificate or key denies */
  findingSeverity: severitySchema,
  /** days past an attestation's due date before the gate holds it against the signer */
  attestationGraceDays: z.number().int().min(0).max(365),
  /** this many denied `sign` requests of one signer within deniedSignWindowDays raise signer.gate-denied */
  deniedSignFindingAfter: z.number().int().min(1).max(1000),
  deniedSignWindowDays: days,
});

export const findingsPolicySchema = z.strictObject({
  expiry: expirySchema,
  validity: validitySchema,
  algorithms: algorithmsSchema,
  keys: keysSchema,
  signers: signersSchema,
  revocation: revocationSchema,
  csbr: csbrSchema,
  rules: rulesSchema,
  gate: gateSchema,
});

/** What a deployment or a signer may override: any subset of any section. Arrays replace. */
export const findingsPolicyOverridesSchema = z.strictObject({
  expiry: expirySchema.partial().optional(),
  validity: validitySchema.partial().optional(),
  algorithms: algorithmsSchema.partial().optional(),
  keys: keysSchema.partial().optional(),
  signers: signersSchema.partial().optional(),
  revocation: revocationSchema.partial().optional(),
  csbr: csbrSchema.partial().optional(),
  rules: rulesSchema.optional(),
  gate: gateSchema.partial().optional(),
});

export type FindingsPolicy = z.infer<typeof findingsPolicySchema>;
export type FindingsPolicyOverrides = z.infer<typeof findingsPolicyOverridesSchema>;
export type ExpiryBand = { withinDays: number; severity: Severity };
export type RuleOverride = z.infer<typeof ruleOverrideSchema>;
export type GatePolicy = z.infer<typeof gateSchema>;

export const defaultPolicy: FindingsPolicy = deepFreeze({
  expiry: {
    bands: [
      { withinDays: 14, severity: "high" },
      { withinDays: 30, severity: "medium" },
      { withinDays: 90, severity: "low" },
    ],
    caBands: [
      { withinDays: 180, severity: "high" },
      { withinDays: 365, severity: "medium" },
    ],
  },
  validity: { cutoffAt: "2026-03-01T00:00:00Z", maxDaysFromCutoff: 460, maxMonthsBeforeCutoff: 39 },
  algorithms: {
    minRsaBits: 3072,
    minRsaBitsCA: 4096,
    allowedKeyAlgorithms: ["RSA", "EC"],
    allowedCurves: ["P-256", "P-384", "P-521"],
  },
  keys: {
    rotationMaxAgeDays: 365,
    hardwareCustodies: ["hsm", "hardware-token"],
    evidenceRequiredCustodies: ["cloud-kms", "vault"],
    maxSignersPerKey: 1,
  },
  signers: {
    staleAfterDays: 90,
    unusedGrantDays: 90,
    maxGrants: 10,
    activityWindowDays: 90,
    credentialExpiringDays: 14,
    staticCredentialTypes: ["static-secret"],
    productionEnvironments: ["production", "prod", "prd", "live"],
    signScopePrefixes: ["sign:"],
    approveScopePrefixes: ["approve:", "promote:"],
    drillEveryDays: 365,
    nonProductionDrillEveryDays: null,
    drillResponseHours: 24,
    approvalMaxHours: 8,
    standingGrantUnusedDays: 30,
  },
  revocation: { unknownAfterDays: 7 },
  csbr: { isEnforcedForPrivateIssuers: true, privateIssuerPatterns: [] },
  rules: {},
  gate: {
    modes: {},
    approvedCustody: { production: ["hsm", "hardware-token", "cloud-kms", "vault"] },
    findingSeverity: "critical",
    attestationGraceDays: 0,
    deniedSignFindingAfter: 2,
    deniedSignWindowDays: 7,
  },
});

export type PolicyIssue = { path: string; message: string };

/** A policy override that does not validate. Services map it to their own error type. */
export class InvalidPolicyError extends Error {
  readonly issues: PolicyIssue[];
  constructor(issues: PolicyIssue[]) {
    super(`Invalid findings policy: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.name = "InvalidPolicyError";
    this.issues = issues;
  }
}

export type PolicyMergeResult = { success: true; policy: FindingsPolicy } | { success: false; issues: PolicyIssue[] };

export function safeMergePolicy(base: FindingsPolicy, overrides: unknown): PolicyMergeResult {
  const parsed = findingsPolicyOverridesSchema.safeParse(overrides ?? {});
  if (!parsed.success) return { success: false, issues: toIssues(parsed.error) };
  const o = parsed.data;
  const rules: FindingsPolicy["rules"] = { ...base.rules };
  for (const [id, rule] of Object.entries(o.rules ?? {}) as [keyof FindingsPolicy["rules"], RuleOverride][]) {
    rules[id] = { ...base.rules[id], ...rule };
  }
  const merged = {
    expiry: { ...base.expiry, ...o.expiry },
    validity: { ...base.validity, ...o.validity },
    algorithms: { ...base.algorithms, ...o.algorithms },
    keys: { ...base.keys, ...o.keys },
    signers: { ...base.signers, ...o.signers },
    revocation: { ...base.revocation, ...o.revocation },
    csbr: { ...base.csbr, ...o.csbr },
    rules,
    // modes merge per check like rules; approvedCustody replaces as a whole (like arrays)
    gate: { ...base.gate, ...o.gate, modes: { ...base.gate.modes, ...o.gate?.modes } },
  };
  // validate the result too: a base that did not come from defaultPolicy may itself be bad
  const full = findingsPolicySchema.safeParse(merged);
  if (!full.success) return { success: false, issues: toIssues(full.error) };
  return { success: true, policy: full.data };
}

/** Layer overrides (deployment, then signer) on a base policy. Throws InvalidPolicyError. */
export function mergePolicy(base: FindingsPolicy, overrides: unknown): FindingsPolicy {
  const result = safeMergePolicy(base, overrides);
  if (!result.success) throw new InvalidPolicyError(result.issues);
  return result.policy;
}

export function validityCutoff(policy: FindingsPolicy): Date {
  return new Date(policy.validity.cutoffAt);
}

function toIssues(error: z.ZodError): PolicyIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join(".") : "(policy)",
    message: issue.message,
  }));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
