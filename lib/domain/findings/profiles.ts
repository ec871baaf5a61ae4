// Profiles (issue #15 item 4): a rule that cites a standard fires only where that standard
// governs. Each certificate is judged by one profile, and each profile lists the requirements it
// holds certificates to: which certificate rule applies, the citation a finding names, the date
// from which it binds (certificates issued before are not judged by it) and the thresholds the
// ecosystem sets itself (UEFI firmware verifies RSA-2048; CSBR asks for 3072). Pure data and
// functions: selection is in profile-selection.ts, the engine applies both in evaluate.ts.
import type { FindingsPolicy } from "@/lib/domain/policy";
import type { ProfileId } from "@/lib/domain/findings/profile-ids";
import type { CertificateRuleId } from "@/lib/domain/findings/rule-ids";

export type Requirement = {
  /** what a finding cites, e.g. "CSBR v3.10 §6.1.5.2" */
  citation: string;
  /** ISO day: certificates issued (notBefore) before it are not judged by this requirement */
  effectiveFrom?: string;
  /** thresholds the profile sets itself; the policy's apply where it sets none */
  algorithms?: Partial<FindingsPolicy["algorithms"]>;
  /** the only signature algorithms allowed (as signatureKey() spells them); unset: any without a broken digest */
  allowedSignatureAlgorithms?: readonly string[];
};

export type Profile = {
  id: ProfileId;
  title: string;
  /** who the profile binds, shown beside the choice on the certificate page */
  scope: string;
  requirements: Partial<Record<CertificateRuleId, Requirement>>;
};

/** CSBR v1.2 (2019-08-13), the version zlint dates its cabf_cs_br lints from */
const CSBR_1_2 = "2019-08-13";
/** CSBR §6.1.5.2: 3072-bit RSA (4096 for CAs) for certificates issued on or after 2021-06-01 */
const CSBR_RSA_3072 = "2021-06-01";

/**
 * CSBR §7.1.3.2: RSASSA-PKCS1-v1_5 and RSASSA-PSS with SHA-256/384/512, ECDSA with SHA-256/384/512,
 * DSA with SHA-256, by name or OID (lower case, separators removed). PSS names no digest here; its
 * parameters are not in the stored certificate, so it is accepted.
 */
const CSBR_SIGNATURE_ALGORITHMS = [
  "sha256withrsaencryption",
  "sha384withrsaencryption",
  "sha512withrsaencryption",
  "rsassapss",
  "ecdsawithsha256",
  "ecdsawithsha384",
  "ecdsawithsha512",
  "dsawithsha256",
  "128401135491111",
  "128401135491112",
  "128401135491113",
  "128401135491110",
  "1284010045432",
  "1284010045433",
  "1284010045434",
  "21684011013432",
];

const csbr = (section: string, effectiveFrom = CSBR_1_2): Requirement => ({
  citation: `CSBR v3.10 ${section}`,
  effectiveFrom,
});

const VALIDITY = { citation: "Lifecycle: certificate validity (RFC 5280 §4.1.2.5)" };
const ALERT_BANDS = { citation: "Lifecycle: alert bands (policy)" };
const CA_SIGNER = { citation: "RFC 5280 §4.2.1.9: a CA key signs certificates, not releases" };
const SELF_SIGNED = { citation: "Trust chain: a self-signed certificate cannot be revoked or chained" };

/**
 * Lifecycle and governance requirements every profile holds; with `revocationStatus`, also the
 * CRL/OCSP-based revocation rules, where the profile's verifiers use CRL or OCSP.
 */
const lifecycle = (revocation: string, revocationStatus?: string): Profile["requirements"] => ({
  "cert.expired": VALIDITY,
  "cert.expiring": ALERT_BANDS,
  "cert.revoked-in-use": { citation: revocation },
  "cert.ca-signer": CA_SIGNER,
  "cert.self-signed-signer": SELF_SIGNED,
  ...(revocationStatus
    ? {
        "cert.revocation-unknown": { citation: revocationStatus },
        "cert.no-revocation-info": { citation: revocationStatus },
      }
    : {}),
});

/**
 * The CSBR section behind each structural certificate rule. The CSBR profile cites them; the
 * private profile holds private issuers to the same rules under the deployment's own policy.
 */
const CSBR_SECTIONS: Partial<Record<CertificateRuleId, string>> = {
  "cert.validity-too-long": "§6.3.2",
  "cert.weak-rsa": "§6.1.5.2",
  "cert.bad-curve": "§6.1.5.2",
  "cert.weak-signature": "§7.1.3.2",
  "cert.eku-missing": "§7.1.2.3 f",
  "cert.eku-forbidden": "§7.1.2.3 f",
  "cert.key-usage": "§7.1.2.3 e",
  "cert.no-crl-dp": "§7.1.2.3 b",
  "cert.no-aia-issuer": "§7.1.2.3 a",
};

/** one requirement per rule of CSBR_SECTIONS, made from its section */
const bySection = (requirement: (section: string) => Requirement): Profile["requirements"] =>
  Object.fromEntries(Object.entries(CSBR_SECTIONS).map(([ruleId, section]) => [ruleId, requirement(section)]));

/** RSA ≥ 2048 for leaves and CAs alike: what the ecosystems below verify */
const rsa2048 = (citation: string): Requirement => ({ citation, algorithms: { minRsaBits: 2048, minRsaBitsCA: 2048 } });

/** key and signature requirements of an ecosystem whose verifiers also check the code-signing EKU */
const codeSigningKeys = (citation: string): Profile["requirements"] => ({
  "cert.weak-rsa": rsa2048(citation),
  "cert.weak-signature": { citation },
  "cert.eku-missing": { citation },
});

const UEFI = "UEFI 2.10 §32.6 (db/KEK signatures: RSA-2048 with SHA-256)";
const KERNEL = "Linux module signing (Documentation/admin-guide/module-signing.rst)";
const FULCIO = "Sigstore Fulcio certificate profile";
const APPLE = "Apple Developer ID / code signing certificate policy (1.2.840.113635.100.5.1)";
const AMO = "Mozilla add-on signing (addons.mozilla.org, Autograph)";

/** the deployment's own thresholds (policy), modelled on the CSBR but without its dates */
const privateCitation = (section: string): Requirement => ({
  citation: `Deployment policy for private issuers (after CSBR ${section})`,
});

/** each profile under its id, and carrying it */
function withIds(profiles: Record<ProfileId, Omit<Profile, "id">>): Record<ProfileId, Profile> {
  const entries = Object.entries(profiles).map(([id, profile]) => [id, { id, ...profile }]);
  return Object.fromEntries(entries) as Record<ProfileId, Profile>;
}

export const PROFILES: Readonly<Record<ProfileId, Profile>> = withIds({
  csbr: {
    title: "CA/Browser Forum Code Signing Baseline Requirements",
    scope: "publicly-trusted code-signing certificates and their CAs",
    requirements: {
      ...lifecycle(
        "CSBR v3.10 §4.9 (certificate revocation)",
        "CSBR v3.10 §4.9.7, §4.9.10 (CRL ≤ 7 days, OCSP ≤ 4 days)",
      ),
      ...bySection((section) => csbr(section)),
      "cert.weak-rsa": csbr("§6.1.5.2", CSBR_RSA_3072),
      // CSBR §6.1.5.2 allows DSA (L=2048, N=224/256) beside RSA and ECDSA
      "cert.bad-curve": { ...csbr("§6.1.5.2"), algorithms: { allowedKeyAlgorithms: ["RSA", "EC", "DSA"] } },
      "cert.weak-signature": { ...csbr("§7.1.3.2"), allowedSignatureAlgorithms: CSBR_SIGNATURE_ALGORITHMS },
      "cert.subject-fields": csbr("§7.1.4.2"),
    },
  },
  "uefi-secure-boot": {
    title: "UEFI Secure Boot",
    scope: "certificates in or chaining to the UEFI db/KEK (shim, boot loaders, kernels, firmware updates)",
    requirements: {
      // revocation is the firmware's dbx, not CRL or OCSP
      ...lifecycle("UEFI 2.10 §32.6.3 (revocation through the dbx)"),
      // firmware verifies RSA-2048: a larger key does not boot, a smaller one is weak
      "cert.weak-rsa": rsa2048(UEFI),
      "cert.bad-curve": { citation: UEFI, algorithms: { allowedKeyAlgorithms: ["RSA"] } },
      "cert.weak-signature": { citation: UEFI },
    },
  },
  "kernel-module": {
    title: "Linux kernel module signing",
    scope: "keys the kernel trusts to load modules (build-time keys, distribution signing keys)",
    requirements: {
      "cert.expired": VALIDITY,
      "cert.expiring": ALERT_BANDS,
      "cert.revoked-in-use": { citation: `${KERNEL}: revocation through the blacklist keyring` },
      "cert.ca-signer": CA_SIGNER,
      // a build-time module key is self-signed by design: no self-signed-signer requirement
      "cert.weak-rsa": rsa2048(KERNEL),
      "cert.bad-curve": { citation: KERNEL, algorithms: { allowedKeyAlgorithms: ["RSA", "EC"] } },
      "cert.weak-signature": { citation: `${KERNEL}: SHA-1 module signatures are deprecated` },
    },
  },
  "sigstore-keyless": {
    title: "Sigstore keyless (Fulcio)",
    scope: "short-lived certificates Fulcio issues for an OIDC identity",
    requirements: {
      // ten-minute certificates are verified at the transparency log's time: expiry is by design,
      // and there is no CRL or OCSP to consult
      "cert.revoked-in-use": { citation: `${FULCIO}: short-lived, no revocation` },
      "cert.ca-signer": CA_SIGNER,
      ...codeSigningKeys(FULCIO),
      "cert.bad-curve": { citation: FULCIO, algorithms: { allowedKeyAlgorithms: ["RSA", "EC", "Ed25519"] } },
    },
  },
  apple: {
    title: "Apple code signing",
    scope: "certificates Apple's Developer ID and WWDR CAs issue",
    requirements: { ...lifecycle(`${APPLE}: OCSP`, `${APPLE}: OCSP`), ...codeSigningKeys(APPLE) },
  },
  "mozilla-addons": {
    title: "Mozilla add-on signing",
    scope: "certificates addons.mozilla.org issues to sign Firefox add-ons",
    requirements: {
      // Firefox withdraws add-ons through its blocklist, not CRL or OCSP
      ...lifecycle(`${AMO}: revocation through the add-on blocklist`),
      ...codeSigningKeys(AMO),
    },
  },
  private: {
    title: "Private PKI (deployment policy)",
    scope: "internal CAs and self-signed certificates, judged by this deployment's own thresholds",
    requirements: {
      ...lifecycle("Deployment policy: revocation", "Deployment policy: revocation status"),
      // the section without its letter: the deployment's policy is modelled on the clause, not its items
      ...bySection((section) => privateCitation(section.split(" ")[0])),
    },
  },
});
/**
 * The requirement a profile holds a certificate to for one rule, or null when the rule does not
 * apply: the profile has no such requirement, or the certificate was issued before it took effect.
 */
export function requirementFor(profile: ProfileId, ruleId: CertificateRuleId, notBefore: Date): Requirement | null {
  const requirement = PROFILES[profile].requirements[ruleId];
  if (!requirement || notBefore.getTime() < effectiveFromMs(requirement)) return null;
  return requirement;
}

/** The first instant (ms) a certificate's notBefore must reach for the requirement to bind it. */
export function effectiveFromMs(requirement: Requirement): number {
  return requirement.effectiveFrom ? Date.parse(`${requirement.effectiveFrom}T00:00:00Z`) : Number.NEGATIVE_INFINITY;
}
