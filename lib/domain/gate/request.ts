// A pipeline's question to the release gate (POST /api/v1/gate, `signet gate`). Pure (zod only).
import { z } from "../zod";
import { sha256Schema } from "@/lib/domain/signer-input";
import { artifactDigestSchema } from "@/lib/domain/signing-event-input";
import { GATE_ACTIONS } from "./decide";

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

export const gateRequestSchema = z.strictObject({
  /** the signer's id or name (a token bound to a signer may leave it out) */
  signer: z.string().trim().min(1).max(200).optional(),
  /** the signing certificate: its SHA-256 fingerprint, or the certificate itself as PEM */
  certificate: z
    .string()
    .trim()
    .max(20_000)
    .refine((s) => PEM_CERTIFICATE.test(s) || sha256Schema.safeParse(s).success, {
      message: "A SHA-256 fingerprint (64 hex digits) or a PEM certificate",
    })
    .optional(),
  /** the digest of a signed artifact Signet knows from a reported signing event */
  artifactDigest: artifactDigestSchema.optional(),
  environment: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "An environment name: lowercase letters, digits, . _ -"),
  action: z.enum(GATE_ACTIONS, { message: "sign or promote" }),
  /** the grant scope the pipeline is about to exercise, e.g. sign:release/production */
  scope: z.string().trim().min(1).max(200).optional(),
  /** the person who triggered the pipeline run (CI actor), as evidence */
  triggeredBy: z.string().trim().min(1).max(200).optional(),
  /** the kind of artifact (container-image, npm, jar, …), as evidence */
  artifactType: z.string().trim().min(1).max(64).optional(),
});
// (a token bound to a signer may name nothing: the service asks about its signer)

export type GateRequest = z.infer<typeof gateRequestSchema>;

/** The PEM body of a certificate named by PEM, or null when it was named by fingerprint. */
export function pemBodyOf(certificate: string): string | null {
  const m = PEM_CERTIFICATE.exec(certificate);
  if (!m) return null;
  return m[0].replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}
