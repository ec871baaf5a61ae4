// Shapes of the demo dataset's plan: plain data, turned into certificates (pki.ts) and rows
// (lib/services/load-demo-data.ts) at load time. Days are relative to the load's `now`. The parts
// that signers.json and people.json state are zod schemas (read with them, see signers.ts); the rest is built.
import { z } from "@/lib/domain/zod";
import { RULE_IDS } from "@/lib/domain/findings/rule-ids";
import { CREDENTIAL_KINDS } from "@/lib/domain/signer-credentials";
import { CREDENTIAL_TYPES, CUSTODY_TYPES, PLATFORMS, SIGNER_KINDS, SIGNER_STATUSES } from "@/lib/domain/signer-input";
import { KEY_SPECS, type KeySpec } from "@/lib/x509/testing/test-ca";

const days = z.number().int();

export const keySpecSchema = z.enum(KEY_SPECS);
export const custodySchema = z.enum(CUSTODY_TYPES);
export type Custody = z.infer<typeof custodySchema>;

export type DemoKey = {
  /** one name = one key pair; two signers naming the same key share it */
  name: string;
  spec: KeySpec;
  custody: Custody;
  custodyEvidence?: string;
  /** creation date recorded by the owner, when it is older than anything Signet has seen */
  createdDaysAgo?: number;
};

/** Issuing CAs of the demo PKI (pki.ts); "self" makes a self-signed certificate. */
export const issuerSchema = z.enum(["r1", "e1", "legacy", "self"]);
export type DemoIssuer = z.infer<typeof issuerSchema>;

/** departures from the standard code-signing profile, each one a finding */
export const certificateProfileSchema = z.strictObject({
  signatureHash: z.literal("SHA-1").optional(),
  hasCrl: z.boolean().optional(),
  hasOcsp: z.boolean().optional(),
  hasCaIssuers: z.boolean().optional(),
  /** undefined: codeSigning; [] omits the extension */
  extendedKeyUsage: z.array(z.string()).optional(),
  isKeyUsageCritical: z.boolean().optional(),
});

export const revocationSchema = z.discriminatedUnion("status", [
  z.strictObject({ status: z.literal("revoked"), revokedDaysAgo: days, reason: z.string() }),
  z.strictObject({ status: z.literal("unknown"), checkedDaysAgo: days, error: z.string() }),
]);

export type DemoCertificate = {
  key: DemoKey;
  issuer: DemoIssuer;
  notBeforeDaysAgo: number;
  validDays: number;
  profile?: z.infer<typeof certificateProfileSchema>;
  revocation?: z.infer<typeof revocationSchema>;
};

export const privilegeSchema = z.strictObject({
  scope: z.string(),
  environment: z.string().nullable().optional(),
  grantedDaysAgo: days,
  /** null: never exercised */
  lastExercisedDaysAgo: days.nullable(),
});
export type DemoPrivilege = z.infer<typeof privilegeSchema>;

/** signing activity over the signer's own environments */
export const activitySchema = z.strictObject({
  /** one signing per environment every this many days */
  everyDays: days.positive(),
  /** most recent signing (default 1 day ago); older than 90 days makes the signer stale */
  lastDaysAgo: days.optional(),
  /** signings done by hand from a workstation, spread over the last weeks */
  interactiveCount: days.optional(),
});
export type DemoActivity = z.infer<typeof activitySchema> & { environments: string[] };

/** What the data states about a signer, apart from its certificates and activity. */
export const signerFieldsSchema = z.strictObject({
  name: z.string().min(1),
  /** the findings it is there to show: each raised, open, on it or its certificates or keys */
  shows: z.array(z.enum(RULE_IDS)).optional(),
  /** stated when it is there to show that the engine raises nothing about it */
  hasNoFindings: z.literal(true).optional(),
  /** the story behind it, in prose */
  note: z.string().optional(),
  kind: z.enum(SIGNER_KINDS),
  platform: z.enum(PLATFORMS),
  team: z.string(),
  /** person keys (people.json); null: nobody */
  primary: z.string().nullable(),
  backup: z.string().nullable(),
  environments: z.array(z.string()).min(1),
  artifactTypes: z.array(z.string()).min(1),
  /** artefact file name stem and extension for signing events */
  artifact: z.strictObject({ stem: z.string(), ext: z.string() }),
  description: z.string(),
  status: z.enum(SIGNER_STATUSES).optional(),
  createdDaysAgo: days,
  credential: z.strictObject({ type: z.enum(CREDENTIAL_TYPES), expiresInDays: days.optional() }),
  /** the other credentials its pipeline depends on (a CI secret, a cloud service-account key…) */
  moreCredentials: z
    .array(
      z.strictObject({
        kind: z.enum(CREDENTIAL_KINDS),
        name: z.string(),
        location: z.string(),
        expiresInDays: days.optional(),
        rotatedDaysAgo: days.optional(),
      }),
    )
    .optional(),
  /** key custody declared on the signer (it stands in for keys with no custody record of their own) */
  declaredCustody: z.strictObject({ custody: custodySchema, evidence: z.string().optional() }).optional(),
  /** replaces the default grants (sign per environment + repository) when set */
  privileges: z.array(privilegeSchema).optional(),
  /** added to the default grants */
  extraPrivileges: z.array(privilegeSchema).optional(),
});

export type DemoSigner = z.infer<typeof signerFieldsSchema> & {
  /** oldest first; the last is the one in use. "firmware-ca": the firmware CA certificate itself */
  certificates: (DemoCertificate | "firmware-ca")[];
  activity: DemoActivity | null;
};
