// The demo's signers: ordinary, mostly healthy pipelines plus the situations a governance team
// has to find (each comment names the findings a signer is there to show).
import type { Custody, DemoActivity, DemoCertificate, DemoIssuer, DemoKey, DemoSigner } from "./model";
import type { KeySpec } from "@/lib/x509/testing/test-ca";

const LUNA = "Thales Luna 7 HSM (FIPS 140-2 L3), key attestation ATT-2025-0412 on file";
const KMS = "AWS KMS key arn:aws:kms:eu-west-1:111122223333:key/2f1c…, HSM-backed, CloudTrail logging on";
const AZURE_HSM = "Azure Key Vault Managed HSM, key attestation exported 2026-02-11";
const VAULT = "HashiCorp Vault transit, HSM seal (PKCS#11), audit device enabled";
const YUBI = "YubiHSM 2 attestation certificate, serial 19823412";

function key(
  name: string,
  spec: KeySpec,
  custody: Custody,
  custodyEvidence?: string,
  createdDaysAgo?: number,
): DemoKey {
  return { name, spec, custody, custodyEvidence, createdDaysAgo };
}

type CurrentOptions = Omit<DemoCertificate, "key" | "issuer" | "notBeforeDaysAgo" | "validDays"> & {
  daysLeft: number;
  validDays?: number;
  issuer?: DemoIssuer;
};

/** The certificate in use: `validDays` long with `daysLeft` to go (negative: expired). */
function current(k: DemoKey, { daysLeft, validDays = 365, issuer, ...rest }: CurrentOptions): DemoCertificate {
  return {
    key: k,
    issuer: issuer ?? (k.spec.startsWith("RSA") ? "r1" : "e1"),
    notBeforeDaysAgo: validDays - daysLeft,
    validDays,
    ...rest,
  };
}

/**
 * `count` predecessors of `cert`, each renewed with a fresh key (rotation done right) and
 * overlapping its successor by 10 days, oldest first.
 */
function history(signerName: string, cert: DemoCertificate, count: number): DemoCertificate[] {
  const out: DemoCertificate[] = [];
  let next = cert;
  for (let i = 1; i <= count; i++) {
    const prev: DemoCertificate = {
      key: key(`${signerName}#${i}`, "P-256", cert.key.custody, cert.key.custodyEvidence),
      issuer: cert.issuer === "self" ? "e1" : cert.issuer,
      notBeforeDaysAgo: next.notBeforeDaysAgo + 355,
      validDays: 365,
    };
    out.unshift(prev);
    next = prev;
  }
  return out;
}

/** A signer's own key (named after the signer) and the certificate in use on it. */
type OwnCertificate = CurrentOptions & {
  spec: KeySpec;
  custody: Custody;
  evidence?: string;
  keyCreatedDaysAgo?: number;
  /** how many renewed predecessors (see `history`) come before it */
  history?: number;
};

function ownCertificates(
  signerName: string,
  { spec, custody, evidence, keyCreatedDaysAgo, history: count = 0, ...options }: OwnCertificate,
): DemoCertificate[] {
  const cert = current(key(signerName, spec, custody, evidence, keyCreatedDaysAgo), options);
  return [...history(signerName, cert, count), cert];
}

const sharedReleaseKey = key("release-bot-shared", "RSA-3072", "hsm", LUNA);
const batchKey = key("payments-batch", "RSA-3072", "hsm");

/** What a signer states; the rest is `signer`'s defaults. */
type SignerSpec = Omit<DemoSigner, Defaulted | "certificates" | "activity"> &
  Partial<Pick<DemoSigner, Defaulted>> & {
    /** signing activity over the signer's own environments */
    activity?: Omit<DemoActivity, "environments"> | null;
  } &
  /** `current`: the signer's own key; `certificates`: anything else (a shared key, the CA, none) */
  ({ current: OwnCertificate; certificates?: never } | { certificates: DemoSigner["certificates"]; current?: never });

type Defaulted = "kind" | "platform" | "environments" | "credential" | "createdDaysAgo";

/**
 * A GitHub Actions CI pipeline signing for production with an OIDC credential, created 800 days
 * ago and signing every 4 days, unless the spec says otherwise.
 */
function signer({
  current: own,
  certificates,
  kind = "ci-pipeline",
  platform = "github-actions",
  environments = ["production"],
  credential = { type: "oidc" },
  createdDaysAgo = 800,
  activity = { everyDays: 4 },
  ...s
}: SignerSpec): DemoSigner {
  return {
    ...s,
    kind,
    platform,
    environments,
    credential,
    createdDaysAgo,
    activity: activity && { ...activity, environments },
    certificates: own ? ownCertificates(s.name, own) : certificates,
  };
}

/** A pipeline in order: created with its oldest certificate, signing every 3 days. */
function ordinary(spec: SignerSpec & { current: OwnCertificate }): DemoSigner {
  return signer({ createdDaysAgo: 365 * ((spec.current.history ?? 0) + 1), activity: { everyDays: 3 }, ...spec });
}

// Pipelines that are mostly in order; a few carry one everyday problem (custody, credential).
const ORDINARY: DemoSigner[] = [
  ordinary({
    name: "payments-api-release",
    team: "payments",
    primary: "carlos",
    backup: "sofia",
    artifactTypes: ["jar", "container-image"],
    artifact: { stem: "payments-api", ext: "jar" },
    description: "Signs the payments API jars and images on release tags",
    current: { spec: "P-384", custody: "hsm", evidence: LUNA, daysLeft: 210, history: 5 },
  }),
  ordinary({
    name: "payments-merchant-sdk",
    team: "payments",
    primary: "sofia",
    backup: "carlos",
    artifactTypes: ["npm-package"],
    artifact: { stem: "merchant-sdk", ext: "tgz" },
    description: "Publishes the signed merchant SDK to npm",
    current: { spec: "P-256", custody: "cloud-kms", evidence: KMS, daysLeft: 150, history: 6 },
  }),
  ordinary({
    name: "mobile-ios-release",
    team: "mobile",
    primary: "fatima",
    backup: "kenji",
    artifactTypes: ["ipa"],
    artifact: { stem: "acme-ios", ext: "ipa" },
    description: "App Store builds",
    current: { spec: "P-256", custody: "cloud-kms", evidence: KMS, daysLeft: 95, history: 5 },
  }),
  // key.not-in-hsm (cloud KMS without evidence), signer.no-backup-owner
  ordinary({
    name: "mobile-beta-distribution",
    team: "mobile",
    primary: "lukas",
    backup: null,
    environments: ["beta"],
    artifactTypes: ["apk"],
    artifact: { stem: "acme-android-beta", ext: "apk" },
    description: "Beta builds for the internal testing track",
    current: { spec: "P-256", custody: "cloud-kms", daysLeft: 230, history: 4 },
  }),
  ordinary({
    name: "desktop-macos-notarize",
    team: "desktop",
    primary: "diego",
    backup: "hannah",
    artifactTypes: ["dmg", "pkg"],
    artifact: { stem: "acme-desktop-mac", ext: "dmg" },
    description: "Signs and notarizes the macOS client",
    current: { spec: "P-256", custody: "hardware-token", evidence: YUBI, daysLeft: 180, history: 6 },
  }),
  ordinary({
    name: "data-connectors-release",
    team: "data",
    primary: "ingrid",
    backup: "tomasz",
    artifactTypes: ["jar"],
    artifact: { stem: "acme-connectors", ext: "jar" },
    description: "Kafka connectors for customers",
    current: { spec: "P-256", custody: "hsm", evidence: LUNA, daysLeft: 300, history: 5 },
  }),
  ordinary({
    name: "security-signing-service",
    kind: "build-service",
    platform: "other",
    team: "security",
    primary: "grace",
    backup: "samuel",
    artifactTypes: ["any"],
    artifact: { stem: "signing-service", ext: "tar.gz" },
    description: "The central signing service's own release identity",
    credential: { type: "certificate" },
    current: { spec: "P-384", custody: "hsm", evidence: LUNA, daysLeft: 250, history: 6 },
  }),
  ordinary({
    name: "platform-base-images",
    platform: "gitlab-ci",
    team: "platform",
    primary: "amara",
    backup: "jonas",
    artifactTypes: ["container-image"],
    artifact: { stem: "base-image", ext: "oci" },
    description: "Golden base container images",
    current: { spec: "P-256", custody: "hsm", evidence: LUNA, daysLeft: 140, history: 6 },
  }),
  ordinary({
    name: "release-maven-publisher",
    kind: "release-bot",
    platform: "jenkins",
    team: "release",
    primary: "noah",
    backup: "aisha",
    artifactTypes: ["jar"],
    artifact: { stem: "acme-libs", ext: "jar" },
    description: "Publishes signed libraries to Maven Central",
    current: { spec: "P-256", custody: "hsm", evidence: LUNA, daysLeft: 170, history: 5 },
  }),
];

// Each of these shows a situation the findings engine must catch.
const SPECIAL: DemoSigner[] = [
  // orphaned (owner left), key.renewed-without-rekey, key.rotation-overdue, key.custody-unattested,
  // static credential, an unused publishing grant (overprivileged)
  signer({
    name: "payments-batch-signer",
    kind: "build-service",
    platform: "jenkins",
    team: "payments",
    primary: "priya",
    backup: "carlos",
    artifactTypes: ["jar"],
    artifact: { stem: "settlement-batch", ext: "jar" },
    description: "Settlement batch jobs; renewed on the same key twice",
    credential: { type: "static-secret", expiresInDays: 40 },
    certificates: [
      { key: batchKey, issuer: "r1", notBeforeDaysAgo: 400, validDays: 365 },
      { key: batchKey, issuer: "r1", notBeforeDaysAgo: 40, validDays: 365 },
    ],
    extraPrivileges: [
      { scope: "publish:maven-central", environment: "production", grantedDaysAgo: 700, lastExercisedDaysAgo: 260 },
    ],
  }),
  // orphaned, no backup owner, key.not-in-hsm, static credential expiring in 6 days,
  // signer.env-mixing and key.env-mixing (signs production and staging with one key)
  signer({
    name: "payments-fraud-model",
    platform: "gitlab-ci",
    team: "payments",
    primary: "priya",
    backup: null,
    environments: ["production", "staging"],
    artifactTypes: ["model"],
    artifact: { stem: "fraud-model", ext: "onnx" },
    description: "Packages the fraud scoring model",
    credential: { type: "static-secret", expiresInDays: 6 },
    current: { spec: "P-256", custody: "software-file", daysLeft: 280, history: 1 },
  }),
  // suspended but still orphaned: someone has to decide its fate
  signer({
    name: "payments-legacy-gateway",
    kind: "build-service",
    platform: "jenkins",
    team: "payments",
    primary: "priya",
    backup: null,
    status: "suspended",
    artifactTypes: ["war"],
    artifact: { stem: "legacy-gateway", ext: "war" },
    description: "Old card gateway, suspended after the migration",
    credential: { type: "none" },
    current: { spec: "P-256", custody: "hsm", evidence: LUNA, daysLeft: 120, history: 2 },
    activity: null,
  }),
  // cert.expiring (12 days: high)
  signer({
    name: "mobile-android-release",
    platform: "gitlab-ci",
    team: "mobile",
    primary: "kenji",
    backup: "fatima",
    artifactTypes: ["apk", "aab"],
    artifact: { stem: "acme-android", ext: "aab" },
    description: "Play Store release builds",
    current: { spec: "P-256", custody: "hsm", evidence: LUNA, daysLeft: 12, history: 2 },
  }),
  // cert.expiring (5 days), signer.credential-expiring (Azure client secret, 10 days), static credential
  signer({
    name: "desktop-windows-signing",
    kind: "build-service",
    platform: "azure-pipelines",
    team: "desktop",
    primary: "hannah",
    backup: "diego",
    artifactTypes: ["msi", "exe"],
    artifact: { stem: "acme-desktop-setup", ext: "msi" },
    description: "Authenticode signing of the Windows installer",
    credential: { type: "static-secret", expiresInDays: 10 },
    current: { spec: "RSA-3072", custody: "hsm", evidence: AZURE_HSM, daysLeft: 5, history: 2 },
  }),
  // cert.weak-signature (SHA-1), cert.weak-rsa (RSA 2048 from the legacy CA)
  signer({
    name: "desktop-driver-signing",
    kind: "build-service",
    platform: "azure-pipelines",
    team: "desktop",
    primary: "olivia",
    backup: "hannah",
    artifactTypes: ["sys", "cat"],
    artifact: { stem: "acme-usb-driver", ext: "cat" },
    description: "Kernel driver catalogue signing",
    credential: { type: "certificate" },
    current: {
      spec: "RSA-2048",
      custody: "hsm",
      evidence: LUNA,
      daysLeft: 160,
      issuer: "legacy",
      profile: { signatureHash: "SHA-1" },
    },
  }),
  // cert.expired while still in use (and signing after expiry), key.not-in-hsm, static secret
  signer({
    name: "desktop-installer-legacy",
    kind: "build-service",
    platform: "jenkins",
    team: "desktop",
    primary: "olivia",
    backup: null,
    artifactTypes: ["exe"],
    artifact: { stem: "acme-legacy-installer", ext: "exe" },
    description: "Installer for the 4.x line, still built for two customers",
    credential: { type: "static-secret" },
    current: { spec: "P-256", custody: "software-file", daysLeft: -20, history: 1 },
    activity: { everyDays: 7, lastDaysAgo: 3 },
  }),
  // cert.expiring (25 days: medium), signer.credential-expiring (its second credential, 9 days)
  signer({
    name: "data-pipeline-jar-signing",
    kind: "build-service",
    platform: "jenkins",
    team: "data",
    primary: "arjun",
    backup: "ingrid",
    artifactTypes: ["jar"],
    artifact: { stem: "etl-pipeline", ext: "jar" },
    description: "ETL jobs for the data lake",
    credential: { type: "static-secret", expiresInDays: 120 },
    // a second credential, expiring soon: signer.credential-expiring names it, its owners are alerted
    moreCredentials: [
      {
        kind: "cloud-service-account-key",
        name: "etl-uploader@acme-data.iam",
        location: "Jenkins credential GCP_SA_KEY (folder data/etl)",
        expiresInDays: 9,
        rotatedDaysAgo: 356,
      },
    ],
    current: { spec: "P-256", custody: "vault", evidence: VAULT, daysLeft: 25, history: 2 },
  }),
  // cert.no-crl-dp (OCSP only)
  signer({
    name: "data-ml-model-signing",
    platform: "gitlab-ci",
    team: "data",
    primary: "tomasz",
    backup: "arjun",
    artifactTypes: ["model"],
    artifact: { stem: "recommender", ext: "onnx" },
    description: "Signs recommender models before they are served",
    current: {
      spec: "P-256",
      custody: "cloud-kms",
      evidence: KMS,
      daysLeft: 200,
      profile: { hasCrl: false },
      history: 1,
    },
  }),
  // cert.no-aia-issuer (no caIssuers URL)
  signer({
    name: "data-export-signer",
    kind: "automation-account",
    platform: "buildkite",
    team: "data",
    primary: "arjun",
    backup: "tomasz",
    artifactTypes: ["csv-bundle"],
    artifact: { stem: "customer-export", ext: "zip" },
    description: "Signs customer data exports",
    current: {
      spec: "P-384",
      custody: "hsm",
      evidence: LUNA,
      daysLeft: 175,
      profile: { hasCaIssuers: false },
      history: 1,
    },
  }),
  // key.rotation-overdue (key created three years ago), cert.weak-rsa (RSA 2048)
  signer({
    name: "data-mainframe-batch",
    kind: "build-service",
    platform: "jenkins",
    team: "data",
    primary: "ingrid",
    backup: "arjun",
    artifactTypes: ["jcl"],
    artifact: { stem: "mainframe-batch", ext: "jar" },
    description: "z/OS batch artefacts",
    credential: { type: "static-secret", expiresInDays: 300 },
    current: { spec: "RSA-2048", custody: "hsm", evidence: LUNA, keyCreatedDaysAgo: 1100, daysLeft: 230 },
  }),
  // cert.bad-curve (Ed25519 is not an allowed algorithm for code signing)
  signer({
    name: "security-sbom-attestor",
    team: "security",
    primary: "samuel",
    backup: "elena",
    artifactTypes: ["sbom"],
    artifact: { stem: "sbom-attestation", ext: "json" },
    description: "Signs SBOM attestations",
    current: { spec: "Ed25519", custody: "cloud-kms", evidence: KMS, daysLeft: 220 },
  }),
  // cert.self-signed-signer; key.not-in-hsm from the custody declared on the signer (the key
  // itself has no custody record)
  signer({
    name: "security-lab-signer",
    platform: "gitlab-ci",
    team: "security",
    primary: "elena",
    backup: "david",
    environments: ["test"],
    artifactTypes: ["binary"],
    artifact: { stem: "fuzz-harness", ext: "bin" },
    description: "Lab builds signed with a self-signed certificate",
    declaredCustody: {
      custody: "software-file",
      evidence: "Key file on the lab runner's encrypted volume (runner lab-07)",
    },
    current: { spec: "P-256", custody: "unknown", daysLeft: 300, issuer: "self" },
  }),
  // registered before its first certificate: custody declared on the signer, with evidence
  signer({
    name: "mobile-wearos-release",
    team: "mobile",
    primary: "lukas",
    backup: "kenji",
    artifactTypes: ["apk"],
    artifact: { stem: "acme-wearos", ext: "apk" },
    description: "Wear OS companion app; certificate requested, not issued yet",
    declaredCustody: {
      custody: "cloud-kms",
      evidence: "GCP Cloud KMS key acme-mobile/wearos-release, HSM protection level, audit logs on",
    },
    createdDaysAgo: 9,
    certificates: [],
    activity: null,
  }),
  // signer.human-use (interactive signing), key.not-in-hsm, no backup, static secret
  signer({
    name: "security-pentest-tools",
    kind: "automation-account",
    platform: "other",
    team: "security",
    primary: "david",
    backup: null,
    artifactTypes: ["binary"],
    artifact: { stem: "redteam-agent", ext: "exe" },
    description: "Red-team tooling",
    credential: { type: "static-secret", expiresInDays: 200 },
    current: { spec: "P-256", custody: "software-file", daysLeft: 140, history: 1 },
    activity: { everyDays: 10, interactiveCount: 4 },
  }),
  // key.shared (with release-bot-eu), key.renewed-without-rekey, signer.separation-of-duties
  signer({
    name: "release-bot-us",
    kind: "release-bot",
    team: "release",
    primary: "noah",
    backup: "aisha",
    artifactTypes: ["any"],
    artifact: { stem: "acme-release-us", ext: "tar.gz" },
    description: "Release bot for the US region",
    certificates: [current(sharedReleaseKey, { daysLeft: 250 })],
    extraPrivileges: [
      { scope: "approve:release", environment: "production", grantedDaysAgo: 500, lastExercisedDaysAgo: 2 },
    ],
  }),
  signer({
    name: "release-bot-eu",
    kind: "release-bot",
    team: "release",
    primary: "aisha",
    backup: "noah",
    artifactTypes: ["any"],
    artifact: { stem: "acme-release-eu", ext: "tar.gz" },
    description: "Release bot for the EU region (reuses the US bot's key)",
    certificates: [current(sharedReleaseKey, { daysLeft: 190 })],
  }),
  // signer.overprivileged (wildcard)
  signer({
    name: "release-promoter",
    kind: "release-bot",
    platform: "buildkite",
    team: "release",
    primary: "mateo",
    backup: "noah",
    artifactTypes: ["any"],
    artifact: { stem: "promotion-manifest", ext: "json" },
    description: "Promotes builds between repositories",
    current: { spec: "P-256", custody: "hsm", evidence: LUNA, daysLeft: 160, history: 1 },
    extraPrivileges: [{ scope: "*", environment: null, grantedDaysAgo: 600, lastExercisedDaysAgo: 1 }],
  }),
  // signer.stale (nothing signed for 110 days, certificate still valid), unused grants, software key
  signer({
    name: "release-artifact-mirror",
    kind: "automation-account",
    platform: "jenkins",
    team: "release",
    primary: "mateo",
    backup: "aisha",
    artifactTypes: ["any"],
    artifact: { stem: "mirror-sync", ext: "tar" },
    description: "Mirrors artefacts to the air-gapped site",
    credential: { type: "static-secret", expiresInDays: 90 },
    current: { spec: "P-256", custody: "software-file", daysLeft: 200 },
    activity: { everyDays: 5, lastDaysAgo: 110 },
  }),
  // cert.no-revocation-info (no CRL, no OCSP, no caIssuers), signs nightly and staging
  signer({
    name: "release-nightly-builds",
    platform: "buildkite",
    team: "release",
    primary: "noah",
    backup: "mateo",
    environments: ["nightly", "staging"],
    artifactTypes: ["any"],
    artifact: { stem: "nightly", ext: "tar.gz" },
    description: "Nightly builds for QA",
    current: {
      spec: "P-256",
      custody: "software-file",
      daysLeft: 100,
      profile: { hasCrl: false, hasOcsp: false, hasCaIssuers: false },
    },
    activity: { everyDays: 1 },
  }),
  // cert.validity-too-long (five years)
  signer({
    name: "release-partner-sdk",
    team: "release",
    primary: "aisha",
    backup: "mateo",
    artifactTypes: ["zip"],
    artifact: { stem: "partner-sdk", ext: "zip" },
    description: "SDK bundle for hardware partners",
    current: { spec: "P-256", custody: "hsm", evidence: LUNA, daysLeft: 1726, validDays: 1826, history: 1 },
  }),
  // cert.eku-missing (no extended key usage at all)
  signer({
    name: "release-helm-charts",
    team: "release",
    primary: "mateo",
    backup: "noah",
    artifactTypes: ["helm-chart"],
    artifact: { stem: "acme-charts", ext: "tgz" },
    description: "Signs Helm chart provenance files",
    current: {
      spec: "P-256",
      custody: "cloud-kms",
      evidence: KMS,
      daysLeft: 210,
      profile: { extendedKeyUsage: [] },
      history: 1,
    },
  }),
  // cert.eku-forbidden (codeSigning plus serverAuth)
  signer({
    name: "release-web-plugin",
    team: "release",
    primary: "noah",
    backup: "aisha",
    artifactTypes: ["browser-extension"],
    artifact: { stem: "acme-web-plugin", ext: "crx" },
    description: "Browser extension builds",
    current: {
      spec: "P-256",
      custody: "hsm",
      evidence: LUNA,
      daysLeft: 150,
      profile: { extendedKeyUsage: ["codeSigning", "serverAuth"] },
      history: 1,
    },
  }),
  // cert.key-usage (keyUsage not critical)
  signer({
    name: "platform-runner-agent",
    kind: "build-service",
    platform: "buildkite",
    team: "platform",
    primary: "jonas",
    backup: "mei",
    artifactTypes: ["binary"],
    artifact: { stem: "runner-agent", ext: "deb" },
    description: "Self-hosted CI runner agent packages",
    current: {
      spec: "P-256",
      custody: "hsm",
      evidence: LUNA,
      daysLeft: 130,
      profile: { isKeyUsageCritical: false },
      history: 1,
    },
  }),
  // signer.overprivileged (more grants than policy allows)
  signer({
    name: "platform-terraform-modules",
    kind: "automation-account",
    team: "platform",
    primary: "mei",
    backup: "amara",
    artifactTypes: ["terraform-module"],
    artifact: { stem: "tf-modules", ext: "zip" },
    description: "Publishes signed Terraform modules",
    current: { spec: "P-256", custody: "cloud-kms", evidence: KMS, daysLeft: 240, history: 1 },
    extraPrivileges: Array.from({ length: 11 }, (_, i) => ({
      scope: `repo:acme/tf-module-${i + 1}`,
      environment: null,
      grantedDaysAgo: 300,
      lastExercisedDaysAgo: 5 + i,
    })),
  }),
  // cert.revoked-in-use (key compromise 15 days ago, still signing), key.not-in-hsm
  signer({
    name: "platform-vpn-client",
    kind: "build-service",
    platform: "azure-pipelines",
    team: "platform",
    primary: "amara",
    backup: "mei",
    artifactTypes: ["msi"],
    artifact: { stem: "acme-vpn", ext: "msi" },
    description: "VPN client installers",
    current: {
      spec: "P-256",
      custody: "software-file",
      daysLeft: 170,
      revocation: { status: "revoked", revokedDaysAgo: 15, reason: "keyCompromise" },
    },
  }),
  // cert.revocation-unknown (the OCSP responder has timed out for 12 days)
  signer({
    name: "platform-print-driver",
    kind: "build-service",
    platform: "jenkins",
    team: "platform",
    primary: "jonas",
    backup: "amara",
    artifactTypes: ["sys"],
    artifact: { stem: "acme-print-driver", ext: "cat" },
    description: "Print driver packages",
    current: {
      spec: "P-256",
      custody: "hsm",
      evidence: LUNA,
      daysLeft: 90,
      revocation: {
        status: "unknown",
        checkedDaysAgo: 12,
        error: "OCSP responder http://ocsp.acme.example timed out after 10 s",
      },
    },
  }),
  // cert.weak-rsa (RSA 2048), signer.human-use, key.not-in-hsm, no backup owner
  signer({
    name: "platform-ops-scripts",
    kind: "automation-account",
    platform: "other",
    team: "platform",
    primary: "mei",
    backup: null,
    artifactTypes: ["powershell"],
    artifact: { stem: "ops-scripts", ext: "ps1" },
    description: "PowerShell scripts for the operations team",
    credential: { type: "static-secret", expiresInDays: 25 },
    current: { spec: "RSA-2048", custody: "software-file", daysLeft: 260, history: 1 },
    activity: { everyDays: 6, interactiveCount: 3 },
  }),
  // cert.expiring (60 days: low)
  signer({
    name: "firmware-gateway-signing",
    kind: "build-service",
    platform: "buildkite",
    team: "firmware",
    primary: "yuki",
    backup: "henrik",
    artifactTypes: ["firmware"],
    artifact: { stem: "gateway-fw", ext: "bin" },
    description: "Gateway firmware images",
    current: { spec: "P-384", custody: "hsm", evidence: AZURE_HSM, daysLeft: 60, history: 2 },
  }),
  // cert.ca-signer: signs bootloaders directly with the firmware CA certificate
  signer({
    name: "firmware-bootloader-signing",
    kind: "build-service",
    platform: "buildkite",
    team: "firmware",
    primary: "henrik",
    backup: "yuki",
    artifactTypes: ["bootloader"],
    artifact: { stem: "bootloader", ext: "img" },
    description: "Secure Boot bootloader images",
    certificates: ["firmware-ca"],
  }),
  // signer.orphaned (no primary owner at all)
  signer({
    name: "firmware-device-agent",
    platform: "gitlab-ci",
    team: "firmware",
    primary: null,
    backup: "chloe",
    artifactTypes: ["deb"],
    artifact: { stem: "device-agent", ext: "deb" },
    description: "On-device update agent",
    current: { spec: "P-256", custody: "hsm", evidence: LUNA, daysLeft: 180, history: 2 },
  }),
  // decommissioned: expired certificates, no findings expected
  signer({
    name: "firmware-old-sensor",
    kind: "build-service",
    platform: "jenkins",
    team: "firmware",
    primary: "yuki",
    backup: null,
    status: "decommissioned",
    artifactTypes: ["firmware"],
    artifact: { stem: "sensor-fw", ext: "bin" },
    description: "Sensor line discontinued in 2025",
    credential: { type: "none" },
    current: { spec: "P-256", custody: "software-file", daysLeft: -200, history: 2 },
    activity: null,
  }),
  signer({
    name: "desktop-legacy-updater",
    kind: "build-service",
    platform: "jenkins",
    team: "desktop",
    primary: "olivia",
    backup: null,
    status: "decommissioned",
    artifactTypes: ["exe"],
    artifact: { stem: "updater", ext: "exe" },
    description: "Replaced by the new in-app updater",
    credential: { type: "none" },
    current: { spec: "P-256", custody: "unknown", daysLeft: -90, history: 1 },
    activity: null,
  }),
];

export const DEMO_SIGNERS: DemoSigner[] = [...ORDINARY, ...SPECIAL];
