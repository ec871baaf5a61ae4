// Shapes of the demo dataset's plan: plain data, turned into certificates (pki.ts) and rows
// (lib/services/load-demo-data.ts) at load time. Days are relative to the load's `now`.
import type { KeySpec } from "@/lib/x509/testing/test-ca";

export type Custody = "hsm" | "cloud-kms" | "vault" | "hardware-token" | "software-file" | "unknown";

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
export type DemoIssuer = "r1" | "e1" | "legacy" | "self";

export type DemoCertificate = {
  key: DemoKey;
  issuer: DemoIssuer;
  notBeforeDaysAgo: number;
  validDays: number;
  /** departures from the standard code-signing profile, each one a finding */
  profile?: {
    signatureHash?: "SHA-1";
    hasCrl?: boolean;
    hasOcsp?: boolean;
    hasCaIssuers?: boolean;
    /** undefined: codeSigning; [] omits the extension */
    extendedKeyUsage?: string[];
    isKeyUsageCritical?: boolean;
  };
  revocation?:
    | { status: "revoked"; revokedDaysAgo: number; reason: string }
    | { status: "unknown"; checkedDaysAgo: number; error: string };
};

export type DemoPrivilege = {
  scope: string;
  environment?: string | null;
  grantedDaysAgo: number;
  /** null: never exercised */
  lastExercisedDaysAgo: number | null;
};

export type DemoActivity = {
  /** one signing per environment every this many days */
  everyDays: number;
  environments: string[];
  /** most recent signing (default 1 day ago); older than 90 days makes the signer stale */
  lastDaysAgo?: number;
  /** signings done by hand from a workstation, spread over the last weeks */
  interactiveCount?: number;
};

export type DemoSigner = {
  name: string;
  kind: "ci-pipeline" | "build-service" | "release-bot" | "automation-account" | "other";
  platform: "github-actions" | "gitlab-ci" | "jenkins" | "azure-pipelines" | "buildkite" | "other";
  team: string;
  /** person keys (people.ts); null: nobody */
  primary: string | null;
  backup: string | null;
  environments: string[];
  artifactTypes: string[];
  /** artefact file name stem and extension for signing events */
  artifact: { stem: string; ext: string };
  description: string;
  status?: "active" | "suspended" | "decommissioned";
  createdDaysAgo: number;
  credential: { type: "oidc" | "static-secret" | "certificate" | "none"; expiresInDays?: number };
  /** the other credentials its pipeline depends on (a CI secret, a cloud service-account key…) */
  moreCredentials?: {
    kind: "ci-secret" | "cloud-service-account-key" | "registry-token" | "api-token" | "other";
    name: string;
    location: string;
    expiresInDays?: number;
    rotatedDaysAgo?: number;
  }[];
  /** key custody declared on the signer (it stands in for keys with no custody record of their own) */
  declaredCustody?: { custody: Custody; evidence?: string };
  /** oldest first; the last is the one in use. "firmware-ca": the firmware CA certificate itself */
  certificates: (DemoCertificate | "firmware-ca")[];
  /** replaces the default grants (sign per environment + repository) when set */
  privileges?: DemoPrivilege[];
  /** added to the default grants */
  extraPrivileges?: DemoPrivilege[];
  activity: DemoActivity | null;
};
