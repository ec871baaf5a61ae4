// Certificate rules about time and trust state: expiry, revocation, and what kind of certificate
// a signer releases with. They only speak about certificates that matter now (see
// certificateUse): an expired certificate nobody uses any more is history, not a finding.
import { daysUntil, expiryState, formatRelative, isOlderThanDays } from "@/lib/domain/expiry";
import {
  certificateLabel,
  certificateLinks,
  certificateUse,
  signerNames,
} from "@/lib/domain/findings/certificate-context";
import { day, draft, iso, plural } from "@/lib/domain/findings/shared";
import type { CertificateRuleInput, Evidence, FindingDraft, Rule } from "@/lib/domain/findings/types";

type CertRule = Rule<CertificateRuleInput>;

function usedBy(c: CertificateRuleInput, ctx: Parameters<CertRule["evaluate"]>[1]): string {
  const use = certificateUse(c, ctx);
  const parts: string[] = [];
  if (use.isInUse) parts.push(`used by ${signerNames(use.usingSigners)}`);
  if (use.isIssuingInUse) {
    parts.push(`${plural(c.inUseIssuedCertificateCount ?? 0, "in-use certificate")} chain to it`);
  }
  return parts.join("; ");
}

export const certExpired: CertRule = {
  id: "cert.expired",
  subjectType: "certificate",
  defaultSeverity: "critical",
  title: "Certificate expired while still in use",
  standard: "Lifecycle: certificate validity (RFC 5280 §4.1.2.5)",
  nhi: null,
  relatedNhi: [],
  scope: "lifecycle",
  howToFix:
    "Issue a new certificate (with a new key) and link it to the signer, or unlink the expired one if the signer no longer releases. Signatures made after expiry will not validate.",
  raisedBy: "engine",
  evaluate(c, ctx) {
    const use = certificateUse(c, ctx);
    if (!use.isExpired) return [];
    const windowDays = ctx.policy.signers.activityWindowDays;
    const isSignedAfterExpiry =
      c.latestSigningAt !== null &&
      c.latestSigningAt > c.notAfter &&
      !isOlderThanDays(c.latestSigningAt, ctx.now, windowDays);
    if (!use.isInUse && !use.isIssuingInUse && !isSignedAfterExpiry) return [];
    const why = [usedBy(c, ctx)];
    if (isSignedAfterExpiry) why.push(`it was used to sign on ${day(c.latestSigningAt!)}, after it expired`);
    return [
      draft(certExpired, {
        ...certificateLinks(c, use),
        message: `${certificateLabel(c)} expired on ${day(c.notAfter)} (${formatRelative(c.notAfter, ctx.now)}); ${why.filter(Boolean).join("; ")}.`,
        evidence: {
          notAfter: iso(c.notAfter),
          daysSinceExpiry: -daysUntil(c.notAfter, ctx.now),
          signerIds: use.usingSigners.map((s) => s.id),
          inUseIssuedCertificateCount: c.inUseIssuedCertificateCount ?? 0,
          latestSigningAt: iso(c.latestSigningAt),
          isSignedAfterExpiry,
        },
        threshold: "notAfter must be in the future while a signer uses the certificate",
      }),
    ];
  },
};

export const certExpiring: CertRule = {
  id: "cert.expiring",
  subjectType: "certificate",
  defaultSeverity: "high",
  title: "Certificate expiring soon",
  standard: "Lifecycle: alert bands (Lemur notifies at 30/15/2 days)",
  nhi: null,
  relatedNhi: [],
  scope: "lifecycle",
  howToFix:
    "Renew now with a new key pair and link the new certificate to the signer; the finding clears once a newer certificate supersedes this one.",
  raisedBy: "engine",
  evaluate(c, ctx) {
    const use = certificateUse(c, ctx);
    if (c.isKeyless || use.isExpired || (!use.isInUse && !use.isIssuingInUse)) return [];
    const state = expiryState(c.notAfter, ctx.now, { isCA: c.isCA, policy: ctx.policy });
    if (state.state !== "expiring" || !state.band) return [];
    const bands = (c.isCA ? ctx.policy.expiry.caBands : ctx.policy.expiry.bands)
      .map((b) => b.withinDays)
      .sort((a, b) => a - b);
    return [
      draft(certExpiring, {
        ...certificateLinks(c, use),
        severity: state.band.severity,
        message: `${certificateLabel(c)} expires on ${day(c.notAfter)} (${formatRelative(c.notAfter, ctx.now)}); ${usedBy(c, ctx)}, and no renewed certificate is recorded.`,
        evidence: {
          notAfter: iso(c.notAfter),
          daysLeft: state.daysLeft,
          bandDays: state.band.withinDays,
          isCA: c.isCA,
          signerIds: use.usingSigners.map((s) => s.id),
        },
        threshold: `${c.isCA ? "CA certificate " : ""}expires within ${state.band.withinDays} days (bands ${bands.join("/")} d)`,
      }),
    ];
  },
};

export const certRevokedInUse: CertRule = {
  id: "cert.revoked-in-use",
  subjectType: "certificate",
  defaultSeverity: "critical",
  title: "Revoked certificate still in use",
  standard: "CSBR §4.9 (certificate revocation)",
  nhi: null,
  relatedNhi: [],
  scope: "lifecycle",
  howToFix:
    "Stop the signer (suspend it), find out why the certificate was revoked, and re-sign affected releases with a new certificate and key. Unlink the revoked certificate.",
  raisedBy: "engine",
  evaluate(c, ctx) {
    if (c.revocationStatus !== "revoked") return [];
    const use = certificateUse(c, ctx);
    const isActiveInUse = use.activeSigners.length > 0 && !c.isSuperseded;
    const lastUse = [c.latestSigningAt, ...c.signers.map((s) => s.lastSignedAt)]
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    const isUsedAfterRevocation = c.revokedAt !== null && lastUse !== undefined && lastUse > c.revokedAt;
    if (!isActiveInUse && !isUsedAfterRevocation) return [];
    const when = c.revokedAt ? ` on ${day(c.revokedAt)}` : "";
    const reason = c.revocationReason ? ` (reason: ${c.revocationReason})` : "";
    const why: string[] = [];
    if (isActiveInUse) why.push(`active signer ${signerNames(use.activeSigners)} still uses it`);
    if (isUsedAfterRevocation) why.push(`it signed on ${day(lastUse!)}, after the revocation`);
    return [
      draft(certRevokedInUse, {
        ...certificateLinks(c, use),
        message: `${certificateLabel(c)} was revoked${when}${reason}, but ${why.join(" and ")}.`,
        evidence: {
          revokedAt: iso(c.revokedAt),
          revocationReason: c.revocationReason ?? null,
          revocationSource: c.revocationSource ?? null,
          activeSignerIds: use.activeSigners.map((s) => s.id),
          lastSignedAt: iso(lastUse),
          isUsedAfterRevocation,
        },
        threshold: "a revoked certificate must not be used by an active signer or after its revocation date",
      }),
    ];
  },
};

export const certRevocationUnknown: CertRule = {
  id: "cert.revocation-unknown",
  subjectType: "certificate",
  defaultSeverity: "medium",
  title: "Revocation status unknown",
  standard: "CSBR §4.9.7, §4.9.10 (CRL ≤ 7 days, OCSP ≤ 4 days)",
  nhi: null,
  relatedNhi: [],
  scope: "lifecycle",
  howToFix:
    "Check that the CRL and OCSP URLs are reachable from the Signet server (proxy, firewall), then re-run the revocation check; ask the CA if its responder is down.",
  raisedBy: "engine",
  evaluate(c, ctx) {
    const use = certificateUse(c, ctx);
    // a keyless certificate outlives no signature: there is nothing to revoke it for
    if (c.revocationStatus === "revoked" || c.isSelfSigned || c.isKeyless || use.isExpired) return [];
    if (!use.isInUse && !use.isIssuingInUse) return [];
    if (c.crlUrls.length === 0 && c.ocspUrls.length === 0) return []; // cert.no-revocation-info
    const limit = ctx.policy.revocation.unknownAfterDays;
    const since = c.revocationCheckedAt ?? c.importedAt;
    if (!isOlderThanDays(since, ctx.now, limit)) return [];
    const age = -daysUntil(since, ctx.now);
    const last = c.revocationCheckedAt
      ? `last established ${day(c.revocationCheckedAt)}, ${age} days ago`
      : `never established since import on ${day(c.importedAt)}, ${age} days ago`;
    const error = c.revocationError ? `; last error: ${c.revocationError}` : "";
    return [
      draft(certRevocationUnknown, {
        ...certificateLinks(c, use),
        message: `Revocation status of ${certificateLabel(c)} is unknown: ${last}${error}.`,
        evidence: {
          revocationStatus: c.revocationStatus,
          revocationCheckedAt: iso(c.revocationCheckedAt),
          importedAt: iso(c.importedAt),
          daysWithoutStatus: age,
          revocationError: c.revocationError,
          crlUrls: c.crlUrls,
          ocspUrls: c.ocspUrls,
        },
        threshold: `revocation status established within ${limit} days`,
      }),
    ];
  },
};

export const certNoRevocationInfo: CertRule = {
  id: "cert.no-revocation-info",
  subjectType: "certificate",
  defaultSeverity: "high",
  title: "No way to check revocation",
  standard: "Lemur issue 1079 (revocation checker crashed on certificates without CRL/OCSP)",
  nhi: null,
  relatedNhi: [],
  scope: "lifecycle",
  howToFix:
    "Replace the certificate with one whose CA publishes a CRL distribution point and an OCSP URL; a certificate that cannot be revoked cannot be withdrawn after a key compromise.",
  raisedBy: "engine",
  evaluate(c, ctx) {
    const use = certificateUse(c, ctx);
    // a self-signed certificate has no issuer that could revoke it: cert.self-signed-signer covers it
    // keyless: ten minutes of validity and a transparency-log entry stand in for revocation
    if (c.isSelfSigned || c.isKeyless || !use.isCurrent) return [];
    if (c.crlUrls.length > 0 || c.ocspUrls.length > 0) return [];
    return [
      draft(certNoRevocationInfo, {
        ...certificateLinks(c, use),
        message: `${certificateLabel(c)} has neither a CRL distribution point nor an OCSP URL: its revocation can never be checked.`,
        evidence: { crlUrls: c.crlUrls, ocspUrls: c.ocspUrls, issuer: c.issuer },
        threshold: "at least one CRL distribution point or OCSP URL",
      }),
    ];
  },
};

type WrongKindRule = CertRule & { id: "cert.ca-signer" | "cert.self-signed-signer" };

/**
 * Certificates no signer should release with, by the rule that finds them: what the certificate is
 * (the message goes on with the signers' names), the evidence beside the signers, and the threshold.
 */
const WRONG_KIND: Record<
  WrongKindRule["id"],
  { is: string; evidence: (c: CertificateRuleInput) => Evidence; threshold: string }
> = {
  "cert.ca-signer": {
    is: "is a CA certificate (basicConstraints cA=true) and is used to sign releases by",
    evidence: () => ({ isCA: true }),
    threshold: "signing certificates must not be CA certificates",
  },
  "cert.self-signed-signer": {
    is: "is self-signed and used to release by",
    evidence: (c) => ({ isSelfSigned: true, issuer: c.issuer }),
    threshold: "release signing certificates chain to a CA",
  },
};

/** The finding of a certificate of the wrong kind (WRONG_KIND) that signers release with; none when no signer uses it. */
function releasedWith(
  rule: WrongKindRule,
  c: CertificateRuleInput,
  ctx: Parameters<CertRule["evaluate"]>[1],
): FindingDraft[] {
  const use = certificateUse(c, ctx);
  if (!use.isInUse) return [];
  const finding = WRONG_KIND[rule.id];
  return [
    draft(rule, {
      ...certificateLinks(c, use),
      message: `${certificateLabel(c)} ${finding.is} ${signerNames(use.usingSigners)}.`,
      evidence: { ...finding.evidence(c), signerIds: use.usingSigners.map((s) => s.id) },
      threshold: finding.threshold,
    }),
  ];
}

export const certCaSigner: WrongKindRule = {
  id: "cert.ca-signer",
  subjectType: "certificate",
  defaultSeverity: "critical",
  title: "Signer uses a CA certificate",
  standard: "CSBR §7.1.2.3 (subscriber certificates: cA=false)",
  nhi: null,
  relatedNhi: ["NHI5"],
  scope: "governance",
  howToFix:
    "Issue the signer an end-entity code-signing certificate from the CA and move the CA key back under CA controls; a CA key in a pipeline can mint new trusted certificates.",
  raisedBy: "engine",
  evaluate: (c, ctx) => (c.isCA ? releasedWith(certCaSigner, c, ctx) : []),
};

export const certSelfSignedSigner: WrongKindRule = {
  id: "cert.self-signed-signer",
  subjectType: "certificate",
  defaultSeverity: "medium",
  title: "Signer releases with a self-signed certificate",
  standard: "Trust chain: a self-signed certificate cannot be revoked or validated against a trusted root",
  nhi: null,
  relatedNhi: [],
  scope: "governance",
  howToFix:
    "Issue the signer a certificate from your release CA (or a public code-signing CA) so verifiers can chain and revoke it; keep self-signed certificates for local testing.",
  raisedBy: "engine",
  evaluate: (c, ctx) => (c.isSelfSigned ? releasedWith(certSelfSignedSigner, c, ctx) : []),
};

export const certificateLifecycleRules: CertRule[] = [
  certExpired,
  certExpiring,
  certRevokedInUse,
  certRevocationUnknown,
  certNoRevocationInfo,
  certCaSigner,
  certSelfSignedSigner,
];
