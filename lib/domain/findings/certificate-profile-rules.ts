// Certificate profile rules from the CSBR (CA/Browser Forum Code Signing Baseline Requirements
// v3.10). They bind publicly-trusted CAs; for private issuers policy.csbr decides (evaluate.ts
// skips scope "csbr" rules there). Subscriber-profile rules skip CA certificates, which have
// their own profile; cert.ca-signer already flags a CA certificate used to sign.
import { DAY_MS, addMonthsUtc } from "@/lib/domain/expiry";
import { validityCutoff } from "@/lib/domain/policy";
import {
  EKU,
  ekuName,
  hasKeyUsage,
  isHttpUrl,
  isWellFormedUrl,
  keyAlgorithmFamily,
  normaliseCurve,
  normaliseEku,
  weakDigestOf,
} from "@/lib/domain/findings/algorithms";
import { algorithmsOf, certificateLabel, checkable, cite } from "@/lib/domain/findings/certificate-context";
import { day, iso, singleFindingRule, type Problem } from "@/lib/domain/findings/shared";
import { certSubjectFields } from "@/lib/domain/findings/subject-rules";
import type { CertificateRuleInput, EvaluationContext, Rule } from "@/lib/domain/findings/types";

type CertRule = Rule<CertificateRuleInput>;

const csbr = (section: string) => `CSBR v3.10 ${section}`;

function meta(
  id: CertRule["id"],
  title: string,
  severity: CertRule["defaultSeverity"],
  standard: string,
  howToFix: string,
) {
  return {
    id,
    subjectType: "certificate" as const,
    defaultSeverity: severity,
    title,
    standard,
    nhi: null,
    relatedNhi: [],
    scope: "csbr" as const,
    howToFix,
    raisedBy: "engine" as const,
  };
}

/**
 * A profile check on a certificate in use (or judged as issued, `signet lint`); a subscriber
 * profile's check skips CA certificates, which have their own profile.
 */
function profileRule(
  ruleMeta: ReturnType<typeof meta>,
  { isSubscriberOnly }: { isSubscriberOnly: boolean },
  check: (c: CertificateRuleInput, ctx: EvaluationContext) => Problem | null,
): CertRule {
  return singleFindingRule(ruleMeta, (c, ctx) => checkable(c, ctx, { isSubscriberOnly }), check);
}

/** A subscriber-profile check on the certificate's extended key usages, normalised to OIDs. */
function ekuRule(
  ruleMeta: ReturnType<typeof meta>,
  check: (ekus: string[], c: CertificateRuleInput, ctx: EvaluationContext) => Problem | null,
): CertRule {
  return profileRule(ruleMeta, { isSubscriberOnly: true }, (c, ctx) => check(c.ekus.map(normaliseEku), c, ctx));
}

const AIA_OID = "1.3.6.1.5.5.7.1.1";
const CRL_DP_OID = "2.5.29.31";

/** sha256WithRSAEncryption → sha256withrsaencryption, ecdsa-with-SHA256 → ecdsawithsha256 */
export function signatureKey(algorithm: string): string {
  return algorithm.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function formatPeriod(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const seconds = Math.round((ms - days * DAY_MS) / 1000);
  return seconds === 0 ? `${days} days` : `${days} days and ${seconds} s`;
}

export const certValidityTooLong = profileRule(
  meta(
    "cert.validity-too-long",
    "Validity period too long",
    "high",
    csbr("§6.3.2 (ballot CSC-31: 460 days from 2026-03-01, 39 months before)"),
    "Re-issue the certificate with a validity within the limit; automate renewal so a shorter lifetime costs nothing.",
  ),
  { isSubscriberOnly: true },
  (c, ctx) => {
    const { maxDaysFromCutoff, maxMonthsBeforeCutoff } = ctx.policy.validity;
    const cutoff = validityCutoff(ctx.policy);
    // the validity period counts both the first and the last second (CSBR §1.6.1, RFC 5280)
    const periodMs = c.notAfter.getTime() - c.notBefore.getTime() + 1000;
    const isNewRegime = c.notBefore.getTime() >= cutoff.getTime();
    const limitMs = isNewRegime
      ? maxDaysFromCutoff * DAY_MS
      : addMonthsUtc(c.notBefore, maxMonthsBeforeCutoff).getTime() - c.notBefore.getTime();
    if (periodMs <= limitMs) return null;
    const limitText = isNewRegime
      ? `${maxDaysFromCutoff} days for certificates issued on or after ${day(cutoff)}`
      : `${maxMonthsBeforeCutoff} months for certificates issued before ${day(cutoff)}`;
    return {
      message: `${certificateLabel(c)} is valid for ${formatPeriod(periodMs)} (${day(c.notBefore)} to ${day(c.notAfter)}, both ends inclusive); the limit is ${limitText}.`,
      evidence: {
        notBefore: iso(c.notBefore),
        notAfter: iso(c.notAfter),
        periodSeconds: periodMs / 1000,
        limitSeconds: limitMs / 1000,
        regime: isNewRegime ? "460-days" : "39-months",
      },
      threshold: isNewRegime
        ? `validity ≤ ${maxDaysFromCutoff} days, notAfter − notBefore + 1 s (${cite(ctx, "CSBR §6.3.2")})`
        : `validity ≤ ${maxMonthsBeforeCutoff} months before ${day(cutoff)} (${cite(ctx, "CSBR §6.3.2")})`,
    };
  },
);

export const certWeakRsa = profileRule(
  meta(
    "cert.weak-rsa",
    "RSA key too short",
    "high",
    csbr("§6.1.5.2"),
    "Generate a new key of at least 3072 bits (4096 for CAs), preferably in an HSM, and have the certificate re-issued for it.",
  ),
  { isSubscriberOnly: false },
  (c, ctx) => {
    if (keyAlgorithmFamily(c.keyAlgorithm) !== "RSA") return null;
    const algorithms = algorithmsOf(ctx);
    const min = c.isCA ? algorithms.minRsaBitsCA : algorithms.minRsaBits;
    if (c.keyBits !== null && c.keyBits >= min) return null;
    const size = c.keyBits === null ? "an RSA key of unknown size" : `a ${c.keyBits}-bit RSA key`;
    return {
      message: `${certificateLabel(c)} has ${size}; ${c.isCA ? "CA" : "signing"} keys need at least ${min} bits.`,
      evidence: { keyAlgorithm: c.keyAlgorithm, keyBits: c.keyBits, minimumBits: min, isCA: c.isCA },
      threshold: `RSA ≥ ${min} bits${c.isCA ? " for CA keys" : ""} (${cite(ctx, "CSBR §6.1.5.2")})`,
    };
  },
);

export const certBadCurve = profileRule(
  meta(
    "cert.bad-curve",
    "Key algorithm or curve not allowed",
    "high",
    csbr("§6.1.5.2"),
    "Generate a new ECDSA key on P-256, P-384 or P-521 (or RSA ≥ 3072 bits) and have the certificate re-issued for it.",
  ),
  { isSubscriberOnly: false },
  (c, ctx) => {
    const { allowedCurves, allowedKeyAlgorithms } = algorithmsOf(ctx);
    const family = keyAlgorithmFamily(c.keyAlgorithm);
    const curve = normaliseCurve(c.curve);
    const isAlgorithmAllowed = allowedKeyAlgorithms.some((a) => a.toLowerCase() === family.toLowerCase());
    let problem: string | null = null;
    if (!isAlgorithmAllowed) problem = `uses a ${family} key, which is not an allowed algorithm`;
    else if (family === "EC" && (curve === null || !allowedCurves.includes(curve))) {
      problem = `uses an ECDSA key on curve ${curve ?? "(unknown)"}`;
    }
    if (!problem) return null;
    return {
      message: `${certificateLabel(c)} ${problem}; allowed: ${allowedKeyAlgorithms.join(", ")} with curves ${allowedCurves.join(", ")}.`,
      evidence: {
        keyAlgorithm: c.keyAlgorithm,
        curve: c.curve,
        normalisedCurve: curve,
        allowedCurves,
        allowedKeyAlgorithms,
      },
      threshold: `${allowedKeyAlgorithms.join(", ")}; ECDSA on ${allowedCurves.join(", ")} (${cite(ctx, "CSBR §6.1.5.2")})`,
    };
  },
);

export const certWeakSignature = profileRule(
  meta(
    "cert.weak-signature",
    "Weak signature algorithm (SHA-1/MD5)",
    "high",
    csbr("(SHA-1 signatures banned since 2021-06-01)"),
    "Have the certificate re-issued with a SHA-256 (or stronger) signature; SHA-1 signed certificates are rejected by current platforms.",
  ),
  { isSubscriberOnly: false },
  (c, ctx) => {
    // a self-signed certificate is trusted directly, its own signature is never relied upon
    if (c.isSelfSigned) return null;
    const digest = weakDigestOf(c.signatureAlgorithm);
    const allowed = ctx.requirement?.allowedSignatureAlgorithms;
    const isListed = !allowed || allowed.includes(signatureKey(c.signatureAlgorithm));
    if (!digest && isListed) return null;
    const why = digest ? `(${digest}), a broken digest` : "which the profile does not allow";
    return {
      message: `${certificateLabel(c)} is signed with ${c.signatureAlgorithm} ${why}.`,
      evidence: {
        signatureAlgorithm: c.signatureAlgorithm,
        digest,
        allowedSignatureAlgorithms: allowed ? [...allowed] : null,
      },
      threshold: `signature digest SHA-256 or stronger; no SHA-1 or MD5 (${cite(ctx, "CSBR §7.1.3.2")})`,
    };
  },
);

export const certEkuMissing = ekuRule(
  meta(
    "cert.eku-missing",
    "No code-signing extended key usage",
    "high",
    csbr("§7.1.2.3"),
    "Request a certificate from a code-signing profile: its extended key usage must contain id-kp-codeSigning (1.3.6.1.5.5.7.3.3).",
  ),
  (ekus, c, ctx) => {
    if (ekus.includes(EKU.codeSigning)) return null;
    const present = ekus.length ? `has only ${ekus.map(ekuName).join(", ")}` : "has no extended key usage extension";
    return {
      message: `${certificateLabel(c)} ${present}; code signing (id-kp-codeSigning) is missing.`,
      evidence: { ekus },
      threshold: `EKU contains id-kp-codeSigning 1.3.6.1.5.5.7.3.3 (${cite(ctx, "CSBR §7.1.2.3")})`,
    };
  },
);

export const certEkuForbidden = ekuRule(
  meta(
    "cert.eku-forbidden",
    "Forbidden extended key usage",
    "high",
    csbr("§7.1.2.3"),
    "Re-issue the certificate with id-kp-codeSigning only; anyExtendedKeyUsage and serverAuth let the key be used far beyond code signing.",
  ),
  (ekus, c, ctx) => {
    const forbidden = ekus.filter((e) => e === EKU.anyExtendedKeyUsage || e === EKU.serverAuth);
    if (forbidden.length === 0) return null;
    return {
      message: `${certificateLabel(c)} carries ${forbidden.map(ekuName).join(" and ")} in its extended key usage.`,
      evidence: { ekus, forbidden },
      threshold: `no anyExtendedKeyUsage or serverAuth (${cite(ctx, "CSBR §7.1.2.3")})`,
    };
  },
);

export const certKeyUsage = profileRule(
  meta(
    "cert.key-usage",
    "Key usage not as required",
    "medium",
    csbr("§7.1.2.3"),
    "Re-issue with a critical keyUsage of digitalSignature only (no keyCertSign or cRLSign).",
  ),
  { isSubscriberOnly: true },
  (c, ctx) => {
    const problems: string[] = [];
    if (c.keyUsage.length === 0) problems.push("keyUsage extension is absent");
    else {
      if (!c.isKeyUsageCritical) problems.push("keyUsage is not marked critical");
      if (!hasKeyUsage(c.keyUsage, "digitalSignature")) problems.push("digitalSignature is missing");
      for (const bit of ["keyCertSign", "cRLSign"]) if (hasKeyUsage(c.keyUsage, bit)) problems.push(`${bit} is set`);
    }
    // "all other bit positions SHOULD NOT be set": a recommendation, so a low finding on its own
    const others = c.keyUsage.filter((u) => !["digitalsignature", "keycertsign", "crlsign"].includes(u.toLowerCase()));
    const advice = others.length
      ? [`${others.join(", ")} ${others.length === 1 ? "is" : "are"} set (not recommended)`]
      : [];
    if (problems.length + advice.length === 0) return null;
    return {
      severity: problems.length === 0 ? "low" : undefined,
      message: `${certificateLabel(c)}: ${[...problems, ...advice].join("; ")}.`,
      evidence: { keyUsage: c.keyUsage, isKeyUsageCritical: c.isKeyUsageCritical, problems, advice },
      threshold: `critical keyUsage with digitalSignature only; never keyCertSign/cRLSign (${cite(ctx, "CSBR §7.1.2.3")})`,
    };
  },
);

export const certNoCrlDp = profileRule(
  meta(
    "cert.no-crl-dp",
    "No HTTP CRL distribution point",
    "medium",
    `${csbr("§7.1.2.3")}; zlint e_cs_crl_distribution_points`,
    "Ask the CA for a certificate with an http:// CRL distribution point (mandatory for code-signing certificates).",
  ),
  { isSubscriberOnly: true },
  (c, ctx) => {
    if (c.isSelfSigned) return null;
    const isCritical = c.criticalExtensionOids?.includes(CRL_DP_OID) ?? false;
    // an ldap:// point beside the http:// one is allowed; one that is not a URL at all is not
    const malformed = c.crlUrls.filter((u) => !isWellFormedUrl(u));
    const hasHttp = c.crlUrls.some(isHttpUrl);
    if (hasHttp && malformed.length === 0 && !isCritical) return null;
    const has = !hasHttp
      ? c.crlUrls.length
        ? `only non-HTTP CRL URLs (${c.crlUrls.map((u) => JSON.stringify(u)).join(", ")})`
        : "no CRL distribution point"
      : malformed.length > 0
        ? `CRL distribution points that are not URLs (${malformed.map((u) => JSON.stringify(u)).join(", ")})`
        : "its CRL distribution points extension marked critical";
    return {
      message: `${certificateLabel(c)} has ${has}.`,
      evidence: { crlUrls: c.crlUrls, isCritical },
      threshold: `a non-critical http:// CRL distribution point (${cite(ctx, "CSBR §7.1.2.3")})`,
    };
  },
);

export const certNoAiaIssuer = profileRule(
  meta(
    "cert.no-aia-issuer",
    "Incomplete issuer information (AIA/AKI)",
    "low",
    `${csbr("§7.1.2.3")}; zlint e_cs_authority_information_access, e_cs_aia_missing_ca_issuers_http_url, e_cs_aia_ocsp_not_http`,
    "Ask the CA to include an http:// caIssuers URL, HTTP OCSP URLs and an Authority Key Identifier; verifiers need them to build the chain.",
  ),
  { isSubscriberOnly: true },
  (c, ctx) => {
    if (c.isSelfSigned) return null;
    const problems: string[] = [];
    if (c.caIssuersUrls.length === 0 && c.ocspUrls.length === 0) problems.push("no Authority Information Access");
    else if (!c.caIssuersUrls.some(isHttpUrl)) problems.push("no HTTP caIssuers URL in Authority Information Access");
    if (c.criticalExtensionOids?.includes(AIA_OID)) problems.push("Authority Information Access is marked critical");
    const badIssuers = c.caIssuersUrls.filter((u) => !isHttpUrl(u));
    if (badIssuers.length)
      problems.push(`caIssuers URL not HTTP (${badIssuers.map((u) => JSON.stringify(u)).join(", ")})`);
    const badOcsp = c.ocspUrls.filter((u) => !isHttpUrl(u));
    if (badOcsp.length) problems.push(`OCSP URL not HTTP (${badOcsp.map((u) => JSON.stringify(u)).join(", ")})`);
    if (!c.authorityKeyId) problems.push("no Authority Key Identifier");
    if (problems.length === 0) return null;
    return {
      message: `${certificateLabel(c)}: ${problems.join("; ")}.`,
      evidence: { caIssuersUrls: c.caIssuersUrls, ocspUrls: c.ocspUrls, authorityKeyId: c.authorityKeyId, problems },
      threshold: `non-critical AIA with http:// caIssuers, HTTP OCSP only, and an AKI (${cite(ctx, "CSBR §7.1.2.3")})`,
    };
  },
);

export const certificateProfileRules: CertRule[] = [
  certValidityTooLong,
  certWeakRsa,
  certBadCurve,
  certWeakSignature,
  certEkuMissing,
  certEkuForbidden,
  certKeyUsage,
  certNoCrlDp,
  certNoAiaIssuer,
  certSubjectFields,
];
