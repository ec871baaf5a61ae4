// The credentials a signer's pipeline depends on (a CI secret, a cloud service-account key, a
// registry token, the credential it reaches the signing service with): what they are, where they
// live and when they expire, never their value. Pure (zod only).
//
// The signer's legacy single-credential fields (`credentialExpiresAt` on create, update, import
// and the detail answer) map to its one *pipeline* credential (isPipeline): the credential the
// pipeline reaches the signing service with, named by the signer's credentialType.
import { z } from "./zod";
import { inputDate } from "./date-bounds";
import { labelledValues } from "./labelled-values";
import { freeText } from "./signer-input";

export const CREDENTIAL_KIND_LABELS = {
  "signing-service": "Signing-service credential",
  "ci-secret": "CI secret",
  "cloud-service-account-key": "Cloud service-account key",
  "registry-token": "Registry token",
  "api-token": "API token",
  certificate: "Certificate",
  other: "Other",
};
export const CREDENTIAL_KINDS = labelledValues(CREDENTIAL_KIND_LABELS);
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** The name the legacy credentialExpiresAt field gives the pipeline credential it creates. */
export const PIPELINE_CREDENTIAL_NAME = "Pipeline credential";
export const MAX_CREDENTIALS_PER_SIGNER = 50;

const dateSchema = inputDate();

const credentialFields = z.object({
  kind: z.enum(CREDENTIAL_KINDS, { message: `One of ${CREDENTIAL_KINDS.join(", ")}` }),
  /** a label unique on the signer, e.g. "SIGN_TOKEN" */
  name: freeText(120).pipe(z.string().min(1, "A name, e.g. the secret's variable name")),
  /** where it lives, e.g. "GitHub Actions secret SIGN_TOKEN in acme/app" */
  location: freeText(300).nullable(),
  expiresAt: dateSchema.nullable(),
  lastRotatedAt: dateSchema.nullable(),
});

export const signerCredentialCreateSchema = credentialFields
  .partial()
  .required({ kind: true, name: true })
  .strict()
  .superRefine(rotationBeforeExpiry);
export const signerCredentialUpdateSchema = credentialFields.partial().strict().superRefine(rotationBeforeExpiry);

export type SignerCredentialCreateInput = z.infer<typeof signerCredentialCreateSchema>;
export type SignerCredentialUpdateInput = z.infer<typeof signerCredentialUpdateSchema>;

function rotationBeforeExpiry(v: { expiresAt?: Date | null; lastRotatedAt?: Date | null }, ctx: z.RefinementCtx) {
  if (v.expiresAt && v.lastRotatedAt && v.lastRotatedAt.getTime() > v.expiresAt.getTime())
    ctx.addIssue({
      code: "custom",
      path: ["lastRotatedAt"],
      message: "Last rotated after the credential expires: check both dates",
    });
}

/** A credential as the rules, the alert planner and the signer page see it. */
export type SignerCredentialRef = {
  id: string;
  kind: string;
  name: string;
  location: string | null;
  expiresAt: Date | null;
  lastRotatedAt: Date | null;
  isPipeline: boolean;
};

/** "CI secret SIGN_TOKEN": how messages and emails name a credential. */
export function credentialLabel(c: Pick<SignerCredentialRef, "kind" | "name">): string {
  const kind = CREDENTIAL_KIND_LABELS[c.kind as CredentialKind] ?? c.kind;
  return c.name === PIPELINE_CREDENTIAL_NAME ? c.name : `${kind} ${c.name}`;
}

/** The pipeline credential's expiry: what the legacy credentialExpiresAt field reads. */
export function pipelineCredentialExpiresAt(
  credentials: readonly Pick<SignerCredentialRef, "isPipeline" | "expiresAt">[],
) {
  return credentials.find((c) => c.isPipeline)?.expiresAt ?? null;
}
