// Findings from scanned artifacts (lib/services/record-scan.ts raises them; the engine never
// evaluates them). Their subject is the certificate that made the signature: one finding per
// (rule, certificate), its evidence naming the latest artifact that showed the problem.
// signer.unregistered: a certificate or keyless identity found in an artifact that no registered
// signer uses; it enters the discovery queue and is resolved when the queue links it or marks it
// known-external.
import { day, draft, iso, quote } from "@/lib/domain/findings/shared";
import type { CertificateRuleInput, FindingDraft, Rule, RuleMeta } from "@/lib/domain/findings/types";

type ArtifactRule = Rule<CertificateRuleInput>;

function eventMeta(
  id: RuleMeta["id"],
  title: string,
  severity: RuleMeta["defaultSeverity"],
  standard: string,
  nhi: RuleMeta["nhi"],
  howToFix: string,
): ArtifactRule {
  return {
    id,
    subjectType: "certificate",
    defaultSeverity: severity,
    title,
    standard,
    nhi,
    relatedNhi: [],
    scope: "governance",
    howToFix,
    raisedBy: "event",
    evaluate: () => [],
  };
}

export const signerUnregistered = eventMeta(
  "signer.unregistered",
  "Artifact signed by an unregistered signer",
  "high",
  "Inventory completeness: every signing identity has an owner (NIST SP 800-53 CM-8)",
  "NHI1",
  "Open the discovery queue: link the certificate or keyless identity to the signer that uses it, create a signer for it with an owner and environment, or mark it known-external when it is a vendor's signature.",
);

export const artifactSignedAfterExpiry = eventMeta(
  "artifact.signed-after-expiry",
  "Artifact signed after its certificate expired, with no timestamp",
  "high",
  "RFC 5280 §6.1.3 (validity at the time of use); RFC 3161 timestamps prove signing time",
  null,
  "Re-sign the artifact with a current certificate and an RFC 3161 timestamp; stop the pipeline from signing with the expired certificate.",
);

export const artifactSignedAfterRevocation = eventMeta(
  "artifact.signed-after-revocation",
  "Artifact signed after its certificate was revoked",
  "critical",
  "RFC 5280 §3.3 (revocation); CA/B Forum CSBR §9.6.3",
  "NHI2",
  "Treat the artifact as untrusted: find who signed it with the revoked certificate's key, withdraw the release, and re-sign with a new key.",
);

export const artifactCaSigned = eventMeta(
  "artifact.ca-signed",
  "Artifact signed directly by a CA certificate",
  "high",
  "RFC 5280 §4.2.1.9 (CA keys sign certificates, not artifacts); CSBR §7.1.2.3",
  null,
  "Issue a code-signing leaf certificate from the CA and sign with it; keep the CA key for issuing certificates only.",
);

export const artifactSoftwareKeyProduction = eventMeta(
  "artifact.software-key-production",
  "Production artifact signed with a key held in a software file",
  "high",
  "CA/B Forum CSBR §6.2.7.4 (private keys in hardware); OWASP NHI2",
  "NHI2",
  "Move the signing key into an HSM, cloud KMS or hardware token and re-sign the production artifacts; record the custody evidence on the key.",
);

export const artifactRules: ArtifactRule[] = [
  signerUnregistered,
  artifactSignedAfterExpiry,
  artifactSignedAfterRevocation,
  artifactCaSigned,
  artifactSoftwareKeyProduction,
];

/** The signature as the discovery rules judge it. */
export type ScannedSignatureFacts = {
  artifactSha256: string;
  artifactName: string;
  location: string;
  certificate: {
    id: string;
    keyId: string;
    label: string;
    notAfter: Date;
    isCA: boolean;
    revocationStatus: string;
    revokedAt: Date | null;
  };
  /** a verified timestamp (RFC 3161, countersignature or transparency log) */
  timestampAt: Date | null;
  claimedSigningAt: Date | null;
  /** a short-lived keyless certificate, judged by its transparency-log time */
  isKeyless: boolean;
  /** the key's custody, the signer's declared custody standing in when the key's is unknown */
  custody: string;
  /** the registered signer using the certificate and whether it signs in production */
  signer: { id: string; name: string; isProduction: boolean } | null;
  scannedAt: Date;
};

/**
 * When the signature is taken to have been made: a verified timestamp proves it; without one the
 * claim counts for nothing and the signature is judged at the time it was scanned.
 */
export function judgedSigningTime(s: Pick<ScannedSignatureFacts, "timestampAt" | "scannedAt">): Date {
  return s.timestampAt ?? s.scannedAt;
}

export function artifactSignatureDrafts(s: ScannedSignatureFacts): FindingDraft[] {
  const c = s.certificate;
  const links = {
    subjectId: c.id,
    certificateId: c.id,
    keyId: c.keyId,
    ...(s.signer ? { signerId: s.signer.id } : {}),
  };
  const what = `${quote(s.artifactName)} (${s.location}, SHA-256 ${s.artifactSha256.slice(0, 12)}…)`;
  const evidence = {
    artifactSha256: s.artifactSha256,
    artifactName: s.artifactName,
    location: s.location,
    timestampAt: iso(s.timestampAt),
    claimedSigningAt: iso(s.claimedSigningAt),
  };
  const signedAt = judgedSigningTime(s);
  const out: FindingDraft[] = [];
  if (!s.isKeyless && !s.timestampAt && c.notAfter < s.scannedAt) {
    out.push(
      draft(artifactSignedAfterExpiry, {
        ...links,
        message: `${c.label} expired on ${day(c.notAfter)} and signed ${what} with no timestamp to prove it signed before then.`,
        evidence: { ...evidence, notAfter: iso(c.notAfter) },
        threshold: "a signature outlives its certificate only with a verified timestamp",
      }),
    );
  }
  if (c.revocationStatus === "revoked" && c.revokedAt && c.revokedAt <= signedAt) {
    out.push(
      draft(artifactSignedAfterRevocation, {
        ...links,
        message: `${c.label} was revoked on ${day(c.revokedAt)} and signed ${what} ${s.timestampAt ? `on ${day(s.timestampAt)}` : "with no timestamp proving an earlier time"}.`,
        evidence: { ...evidence, revokedAt: iso(c.revokedAt) },
        threshold: "no signature after revocation",
      }),
    );
  }
  if (c.isCA) {
    out.push(
      draft(artifactCaSigned, {
        ...links,
        message: `CA certificate ${c.label} signed ${what} directly.`,
        evidence,
        threshold: "artifacts are signed by leaf certificates",
      }),
    );
  }
  if (!s.isKeyless && s.custody === "software-file" && s.signer?.isProduction) {
    out.push(
      draft(artifactSoftwareKeyProduction, {
        ...links,
        message: `${c.label} of production signer ${quote(s.signer.name)} signed ${what} with a key held in a software file.`,
        evidence: { ...evidence, custody: s.custody, signerId: s.signer.id },
        threshold: "production signing keys in hardware (HSM, KMS, token)",
      }),
    );
  }
  return out;
}

export function unregisteredDraft(input: {
  certificateId: string;
  keyId: string;
  identityId: string;
  identityLabel: string;
  kind: "certificate" | "keyless";
  artifactName: string;
  artifactSha256: string;
  seenAt: Date;
}): FindingDraft {
  const who = input.kind === "keyless" ? `Keyless identity ${quote(input.identityLabel)}` : input.identityLabel;
  return draft(signerUnregistered, {
    subjectId: input.certificateId,
    certificateId: input.certificateId,
    keyId: input.keyId,
    message: `${who} signed ${quote(input.artifactName)} (seen ${day(input.seenAt)}) and belongs to no registered signer.`,
    evidence: {
      discoveredIdentityId: input.identityId,
      kind: input.kind,
      artifactSha256: input.artifactSha256,
      artifactName: input.artifactName,
    },
    threshold: "every signing identity belongs to a registered signer or is known-external",
  });
}
