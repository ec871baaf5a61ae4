// Which profile judges a certificate, and why (issue #15 item 4). In order:
//   1. an explicit choice (`signet lint --profile`);
//   2. the CSBR, when the certificate or its issuing CA asserts a CA/Browser Forum code-signing
//      policy, or the policy (or the caller) names its issuer publicly trusted;
//   3. the ecosystem the policy assigns to its issuer;
//   4. the ecosystem its chain shows (names, Fulcio claims, Apple's policy OID);
//   5. the ecosystem of what its signers sign (artifact types);
//   6. otherwise `private`: the deployment's own thresholds.
// Pure: lib/db (import) and cli/commands/lint.ts supply the facts.
import type { FindingsPolicy } from "@/lib/domain/policy";
import type { ProfileId } from "@/lib/domain/findings/profile-ids";

/** CA/B Forum code-signing certificate policies: 2.23.140.1.4.1 (CSBR), 2.23.140.1.3 (EV code signing) */
export const CSBR_POLICY_OIDS: Readonly<Record<string, string>> = {
  "2.23.140.1.4.1": "CA/B Forum code signing 2.23.140.1.4.1",
  "2.23.140.1.3": "CA/B Forum EV code signing 2.23.140.1.3",
};

export type ProfileFacts = {
  subject: string;
  issuer: string;
  isSelfSigned: boolean;
  /** certificate policy OIDs the certificate asserts */
  policies?: readonly string[];
  /** the caller's classification of the issuer (e.g. it chains to a publicly-trusted root) */
  issuerTrust?: "public" | "private" | "unknown";
  profileContext?: ProfileContext;
};

/** What lies beyond the certificate itself: its chain and its signers. */
export type ProfileContext = {
  /** certificate policy OIDs the issuing CA's certificate asserts, when Signet has it */
  issuerPolicies?: readonly string[];
  /** subject DNs further up the chain (the issuer's issuer, …), when known */
  chainNames?: readonly string[];
  /** the certificate carries Sigstore/Fulcio claims */
  hasFulcioClaims?: boolean;
  /** artifact types of the signers that use the certificate */
  artifactTypes?: readonly string[];
};

export type ProfileBasis =
  | "explicit"
  | "certificate-policy"
  | "issuer-policy"
  | "public-issuer"
  | "policy"
  | "chain"
  | "artifact-type"
  | "default";

export type ProfileChoice = { profile: ProfileId; basis: ProfileBasis; reason: string };

/** Ecosystem markers in subject/issuer/chain names, most specific first. */
const CHAIN_MARKERS: readonly { profile: ProfileId; pattern: RegExp; what: string }[] = [
  { profile: "sigstore-keyless", pattern: /sigstore/i, what: "a Sigstore CA" },
  {
    profile: "uefi-secure-boot",
    pattern: /secure ?boot|\buefi\b|\bKEK\b|Windows Production PCA/i,
    what: "UEFI Secure Boot",
  },
  {
    profile: "kernel-module",
    pattern: /kernel key|module sign|modsign|kernel module/i,
    what: "a kernel module signing key",
  },
  {
    profile: "apple",
    pattern: /\bO=Apple Inc\.|Apple Worldwide Developer Relations|Developer ID Certification Authority/i,
    what: "an Apple CA",
  },
  {
    profile: "mozilla-addons",
    pattern: /addons\.mozilla\.org|root-ca-production-amo|Mozilla AMO/i,
    what: "Mozilla's add-on signing CA",
  },
];

const APPLE_POLICY = "1.2.840.113635.100.5.1";

/** artifact type (as signers record it, lower case) → the ecosystem that verifies it */
const ARTIFACT_PROFILES: Readonly<Record<string, ProfileId>> = {
  efi: "uefi-secure-boot",
  uefi: "uefi-secure-boot",
  bootloader: "uefi-secure-boot",
  firmware: "uefi-secure-boot",
  "kernel-module": "kernel-module",
  ko: "kernel-module",
  macos: "apple",
  ios: "apple",
  "mac-app": "apple",
  pkg: "apple",
  dmg: "apple",
  xpi: "mozilla-addons",
  "firefox-addon": "mozilla-addons",
};

const includesAny = (text: string, patterns: readonly string[] = []) =>
  patterns.find((p) => text.toLowerCase().includes(p.trim().toLowerCase()));

export function selectProfile(
  c: ProfileFacts,
  policy: FindingsPolicy,
  options: { explicit?: ProfileId } = {},
): ProfileChoice {
  if (options.explicit) return { profile: options.explicit, basis: "explicit", reason: "chosen explicitly" };

  const own = (c.policies ?? []).find((oid) => CSBR_POLICY_OIDS[oid]);
  if (own) return { profile: "csbr", basis: "certificate-policy", reason: `asserts ${CSBR_POLICY_OIDS[own]}` };
  const issuers = (c.profileContext?.issuerPolicies ?? []).find((oid) => CSBR_POLICY_OIDS[oid]);
  if (issuers) {
    return { profile: "csbr", basis: "issuer-policy", reason: `its issuing CA asserts ${CSBR_POLICY_OIDS[issuers]}` };
  }
  const publicPattern = includesAny(c.issuer, policy.csbr.publicIssuerPatterns);
  if (publicPattern !== undefined) {
    return {
      profile: "csbr",
      basis: "public-issuer",
      reason: `the policy names its issuer publicly trusted (“${publicPattern}”)`,
    };
  }
  if (c.issuerTrust === "public") {
    return { profile: "csbr", basis: "public-issuer", reason: "its issuer chains to a publicly-trusted root" };
  }

  const assigned = (policy.csbr.issuerProfiles ?? []).find((p) => includesAny(c.issuer, [p.pattern]) !== undefined);
  if (assigned) {
    return {
      profile: assigned.profile,
      basis: "policy",
      reason: `the policy assigns issuers matching “${assigned.pattern}”`,
    };
  }

  if (c.profileContext?.hasFulcioClaims) {
    return { profile: "sigstore-keyless", basis: "chain", reason: "carries Sigstore Fulcio claims" };
  }
  if ((c.policies ?? []).includes(APPLE_POLICY)) {
    return { profile: "apple", basis: "chain", reason: `asserts Apple's code signing policy ${APPLE_POLICY}` };
  }
  const names = [c.subject, c.issuer, ...(c.profileContext?.chainNames ?? [])];
  for (const marker of CHAIN_MARKERS) {
    const name = names.find((n) => marker.pattern.test(n));
    if (name !== undefined) {
      const whose = name === c.subject ? "its subject" : name === c.issuer ? "its issuer" : "its chain";
      return { profile: marker.profile, basis: "chain", reason: `${whose} names ${marker.what} (${name})` };
    }
  }

  for (const type of c.profileContext?.artifactTypes ?? []) {
    const profile = ARTIFACT_PROFILES[type.trim().toLowerCase()];
    if (profile) return { profile, basis: "artifact-type", reason: `its signer signs ${type} artifacts` };
  }

  const privatePattern = includesAny(c.issuer, policy.csbr.privateIssuerPatterns);
  const why =
    privatePattern !== undefined
      ? `the policy names its issuer private (“${privatePattern}”)`
      : c.isSelfSigned || c.issuerTrust === "private"
        ? "self-signed or from a private issuer"
        : "no CA/B Forum code-signing policy, no publicly-trusted issuer in the policy and no known ecosystem";
  return { profile: "private", basis: "default", reason: why };
}
