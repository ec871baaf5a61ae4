// Alert policy: how many days before expiry each alert goes out, and when the security team is
// copied. A global policy (AlertPolicy row with signerId null) and per-signer overrides (a whole
// row: a signer's policy replaces the global one rather than merging field by field, so what an
// admin sees on the signer is exactly what applies).
import { z } from "../zod";

const bandDays = z.number().int().min(1).max(3650);

export const alertBandsSchema = z
  .array(bandDays)
  .max(20)
  .refine((bands) => new Set(bands).size === bands.length, { message: "each band needs a different number of days" });

export const alertPolicySchema = z.strictObject({
  /** days before a signing (subscriber) certificate's notAfter */
  signingBands: alertBandsSchema,
  /** days before a CA certificate's notAfter: re-issuing a hierarchy takes months */
  caBands: alertBandsSchema,
  /** days before a signer's pipeline credential (client secret, token) expires */
  credentialBands: alertBandsSchema,
  /** the security team is copied once the time left is within this many days, and on expiry */
  escalateWithinDays: z.number().int().min(0).max(3650),
  isEnabled: z.boolean(),
});

export type AlertPolicy = z.infer<typeof alertPolicySchema>;

export const DEFAULT_ALERT_POLICY: Readonly<AlertPolicy> = Object.freeze({
  signingBands: [90, 30, 14, 7, 1],
  caBands: [365, 180],
  credentialBands: [30, 14, 7, 1],
  escalateWithinDays: 7,
  isEnabled: true,
});

/** The policies in force: the global one and any per-signer replacements. */
export type AlertPolicies = {
  global: AlertPolicy;
  bySignerId: ReadonlyMap<string, AlertPolicy>;
};

export function policyForSigner(policies: AlertPolicies, signerId: string): AlertPolicy {
  return policies.bySignerId.get(signerId) ?? policies.global;
}

/** Bands sorted most urgent (fewest days) first. */
export function sortedBands(bands: readonly number[]): number[] {
  return [...bands].sort((a, b) => a - b);
}
