// Key rules. A key is identified by the SHA-256 of its SubjectPublicKeyInfo, so renewals that
// reuse it and signers that share it show up even when every certificate looks fine. Rules stay
// quiet for keys no signer uses any more.
import { daysSince, isOlderThanDays } from "@/lib/domain/expiry";
import { day, draft, iso, onlyOne, plural, quote, splitEnvironments } from "@/lib/domain/findings/shared";
import type { FindingDraft, KeyInput, Rule } from "@/lib/domain/findings/types";

type KeyRule = Rule<KeyInput>;

function keyLabel(k: KeyInput): string {
  const latest = [...k.certificates].sort((a, b) => b.notBefore.getTime() - a.notBefore.getTime())[0];
  const name = latest?.subjectCn ? ` of ${quote(latest.subjectCn)}` : "";
  return `Key ${k.spkiSha256.slice(0, 12)}…${name}`;
}

function links(k: KeyInput) {
  return { subjectId: k.id, keyId: k.id, signerId: onlyOne(k.signerIds) };
}

function isInUse(k: KeyInput): boolean {
  return k.signerIds.length > 0;
}

/**
 * A key only Sigstore keyless certificates certify is ephemeral: generated for one signing and
 * discarded, its custody and age mean nothing (the transparency-log entry is the control).
 */
export function isEphemeralKey(k: KeyInput): boolean {
  return k.certificates.length > 0 && k.certificates.every((c) => c.isKeyless === true);
}

/** what the age and custody rules judge: a key a signer uses, and not an ephemeral one */
function isLongLivedInUse(k: KeyInput): boolean {
  return !isEphemeralKey(k) && isInUse(k);
}

function hasEvidence(c: { custodyEvidence: string | null }): boolean {
  return (c.custodyEvidence ?? "").trim().length > 0;
}

/** Least protected first; a custody not in this list counts as weaker than all of them. */
const CUSTODY_STRENGTH = ["software-file", "vault", "cloud-kms", "hardware-token", "hsm"];

export type EffectiveCustody = {
  custody: string;
  custodyEvidence: string | null;
  /** key: the key's own record; signer: declared by the signer(s) using it; none: nobody said */
  source: "key" | "signer" | "none";
  /** the signers whose declaration counts (source "signer") */
  declaredBySignerIds: string[];
};

/**
 * The custody the key rules judge. The key's own record wins whenever it says something (custody
 * other than "unknown"): it is about this very key (an attestation correction, imported
 * evidence). Otherwise the declarations of the signers using the key stand in, ignoring signers
 * that declare "unknown". When those signers disagree, the least protected declaration counts: a
 * shared key is only as safe as the weakest claim about it. Among the signers declaring that
 * custody, the first (by id) that gave evidence supplies it.
 */
export function effectiveCustody(k: KeyInput): EffectiveCustody {
  if (k.custody && k.custody !== "unknown")
    return { custody: k.custody, custodyEvidence: k.custodyEvidence, source: "key", declaredBySignerIds: [] };
  const using = new Set(k.signerIds);
  const declared = (k.declaredCustody ?? []).filter(
    (d) => using.has(d.signerId) && d.custody && d.custody !== "unknown",
  );
  if (declared.length === 0)
    return { custody: "unknown", custodyEvidence: k.custodyEvidence, source: "none", declaredBySignerIds: [] };
  const strength = (c: string) => CUSTODY_STRENGTH.indexOf(c);
  const weakest = declared.reduce((w, d) => (strength(d.custody) < strength(w) ? d.custody : w), declared[0].custody);
  const by = declared.filter((d) => d.custody === weakest).sort((a, b) => a.signerId.localeCompare(b.signerId));
  return {
    custody: weakest,
    custodyEvidence: by.find(hasEvidence)?.custodyEvidence ?? null,
    source: "signer",
    declaredBySignerIds: by.map((d) => d.signerId),
  };
}

function custodyEvidence(c: EffectiveCustody) {
  return {
    custody: c.custody,
    custodyEvidence: c.custodyEvidence,
    custodySource: c.source,
    declaredBySignerIds: c.declaredBySignerIds,
  };
}

function declaredNote(c: EffectiveCustody): string {
  return c.source === "signer"
    ? ` (as declared by ${c.declaredBySignerIds.length === 1 ? "its signer" : `${c.declaredBySignerIds.length} of its signers`}; the key itself has no custody record)`
    : "";
}

function inList(value: string, list: readonly string[]): boolean {
  return list.some((v) => v.toLowerCase() === value.trim().toLowerCase());
}

function base(
  id: KeyRule["id"],
  title: string,
  severity: KeyRule["defaultSeverity"],
  standard: string,
  nhi: KeyRule["nhi"],
  howToFix: string,
  scope: KeyRule["scope"] = "governance",
) {
  return {
    id,
    subjectType: "key" as const,
    defaultSeverity: severity,
    title,
    standard,
    nhi,
    relatedNhi: [],
    scope,
    howToFix,
    raisedBy: "engine" as const,
  };
}

/** The key existed at least since its earliest certificate, whatever the recorded dates say. */
export function keyBirth(k: KeyInput): { at: Date; basis: "createdAt" | "firstSeenAt" | "certificate" } {
  const candidates: { at: Date; basis: "createdAt" | "firstSeenAt" | "certificate" }[] = [
    { at: k.firstSeenAt, basis: "firstSeenAt" },
  ];
  if (k.createdAt) candidates.push({ at: k.createdAt, basis: "createdAt" });
  for (const c of k.certificates) candidates.push({ at: c.notBefore, basis: "certificate" });
  return candidates.sort((a, b) => a.at.getTime() - b.at.getTime())[0];
}

export const keyRotationOverdue: KeyRule = {
  ...base(
    "key.rotation-overdue",
    "Key rotation overdue",
    "high",
    "NIST SP 800-57 Part 1 §5.3.6 (signature keys: about 1–3 years)",
    "NHI7",
    "Generate a new key pair (in an HSM), get a certificate for it and switch the signer over; renewing the certificate on the same key does not count.",
    "lifecycle",
  ),
  evaluate(k, ctx) {
    if (!isLongLivedInUse(k)) return [];
    const maxDays = ctx.policy.keys.rotationMaxAgeDays;
    const birth = keyBirth(k);
    if (!isOlderThanDays(birth.at, ctx.now, maxDays)) return [];
    const ageDays = Math.floor(daysSince(birth.at, ctx.now));
    const basis = {
      createdAt: "recorded creation date",
      firstSeenAt: "first seen",
      certificate: "earliest certificate",
    }[birth.basis];
    return [
      draft(keyRotationOverdue, {
        ...links(k),
        message: `${keyLabel(k)} is ${ageDays} days old (since ${day(birth.at)}, ${basis}) and still used by ${plural(k.signerIds.length, "signer")}; rotate at least every ${maxDays} days.`,
        evidence: { since: iso(birth.at), basis: birth.basis, ageDays, signerIds: k.signerIds },
        threshold: `key age ≤ ${maxDays} days`,
      }),
    ];
  },
};

export const keyRenewedWithoutRekey: KeyRule = {
  ...base(
    "key.renewed-without-rekey",
    "Certificate renewed without a new key",
    "medium",
    "OWASP NHI7 Long-Lived Secrets: renewal is not rotation",
    "NHI7",
    "At the next renewal generate a new key pair and submit a fresh CSR; ask the CA or your automation not to reuse the previous CSR.",
    "lifecycle",
  ),
  evaluate(k) {
    if (!isInUse(k)) return [];
    const distinct = [...new Map(k.certificates.map((c) => [c.sha256, c])).values()].sort(
      (a, b) => a.notBefore.getTime() - b.notBefore.getTime(),
    );
    const issueDates = new Set(distinct.map((c) => c.notBefore.getTime()));
    if (issueDates.size < 2) return [];
    return [
      draft(keyRenewedWithoutRekey, {
        ...links(k),
        message: `${keyLabel(k)} is certified by ${distinct.length} certificates issued ${distinct.map((c) => day(c.notBefore)).join(", ")}: renewals reused the key instead of rotating it.`,
        evidence: {
          certificates: distinct.map((c) => ({
            id: c.id,
            sha256: c.sha256,
            notBefore: iso(c.notBefore),
            notAfter: iso(c.notAfter),
          })),
        },
        threshold: "one certificate issuance per key pair",
      }),
    ];
  },
};

export const keyNotInHsm: KeyRule = {
  ...base(
    "key.not-in-hsm",
    "Key not in certified hardware",
    "high",
    "CSBR v3.10 §6.2.7.4 (FIPS 140-2 Level 2 / CC EAL4+ hardware since 2023-06-01)",
    "NHI2",
    "Move signing to a key generated inside an HSM, hardware token or HSM-backed cloud KMS, and record the evidence (attestation, KMS key id with its protection level).",
  ),
  evaluate(k, ctx) {
    if (!isLongLivedInUse(k)) return [];
    const { hardwareCustodies, evidenceRequiredCustodies } = ctx.policy.keys;
    const c = effectiveCustody(k);
    if (inList(c.custody, hardwareCustodies)) return [];
    const isConditional = inList(c.custody, evidenceRequiredCustodies);
    if (isConditional && hasEvidence(c)) return [];
    const where =
      c.custody === "unknown" || !c.custody
        ? "has no recorded custody"
        : isConditional
          ? `is in ${c.custody} with no evidence of hardware protection or logged access${declaredNote(c)}`
          : `is held in ${c.custody}${declaredNote(c)}`;
    return [
      draft(keyNotInHsm, {
        ...links(k),
        message: `${keyLabel(k)} ${where}; it signs for ${plural(k.signerIds.length, "signer")}.`,
        evidence: { ...custodyEvidence(c), signerIds: k.signerIds },
        threshold: `custody in ${hardwareCustodies.join(", ")}${evidenceRequiredCustodies.length ? `, or ${evidenceRequiredCustodies.join("/")} with evidence` : ""} (CSBR §6.2.7.4)`,
      }),
    ];
  },
};

export const keyCustodyUnattested: KeyRule = {
  ...base(
    "key.custody-unattested",
    "Hardware custody claimed without evidence",
    "medium",
    "CSBR v3.10 §6.2.7.4.2 (evidence of key protection)",
    "NHI2",
    "Attach evidence: the HSM's key attestation, the token's attestation certificate or the vendor report, in the key's custody record.",
  ),
  evaluate(k, ctx) {
    if (!isLongLivedInUse(k)) return [];
    const c = effectiveCustody(k);
    if (!inList(c.custody, ctx.policy.keys.hardwareCustodies) || hasEvidence(c)) return [];
    return [
      draft(keyCustodyUnattested, {
        ...links(k),
        message: `${keyLabel(k)} is recorded as ${c.custody} custody${declaredNote(c)}, but no attestation or vendor evidence is on file.`,
        evidence: custodyEvidence(c),
        threshold: "hardware custody backed by evidence (CSBR §6.2.7.4.2)",
      }),
    ];
  },
};

export const keyShared: KeyRule = {
  ...base(
    "key.shared",
    "Key shared by several signers",
    "high",
    "OWASP NHI9 NHI Reuse",
    "NHI9",
    "Give each signer its own key and certificate, so one can be revoked or suspended without stopping the others.",
  ),
  evaluate(k, ctx) {
    const signers = [...new Set(k.signerIds)];
    const max = ctx.policy.keys.maxSignersPerKey;
    if (signers.length <= max) return [];
    return [
      draft(keyShared, {
        ...links(k),
        message: `${keyLabel(k)} is used by ${signers.length} signers; one compromise or revocation hits all of them.`,
        evidence: { signerIds: signers, certificateIds: k.certificates.map((c) => c.id) },
        threshold: `at most ${plural(max, "signer")} per key`,
      }),
    ];
  },
};

export const keyEnvMixing: KeyRule = {
  ...base(
    "key.env-mixing",
    "Key signs for production and non-production",
    "high",
    "OWASP NHI8 Environment Isolation",
    "NHI8",
    "Use a separate key (and certificate) for production releases, so test builds can never carry a production signature.",
  ),
  evaluate(k, ctx) {
    if (!isInUse(k)) return [];
    const envs = splitEnvironments(k.signingEnvironments ?? [], ctx.policy.signers.productionEnvironments);
    if (envs.production.length === 0 || envs.nonProduction.length === 0) return [];
    return [
      draft(keyEnvMixing, {
        ...links(k),
        message: `${keyLabel(k)} signed in production (${envs.production.join(", ")}) and non-production (${envs.nonProduction.join(", ")}) in the last ${ctx.policy.signers.activityWindowDays} days.`,
        evidence: { production: envs.production, nonProduction: envs.nonProduction },
        threshold: "one key per environment class",
      }),
    ];
  },
};

export const keyPrivateKeySubmitted: KeyRule = {
  ...base(
    "key.private-key-submitted",
    "Private key material was submitted",
    "critical",
    "OWASP NHI2 Secret Leakage",
    "NHI2",
    "Treat the key as compromised: revoke its certificates, rotate to a new key in an HSM, and find out where the file came from. Signet refused it and never stored it.",
  ),
  raisedBy: "event",
  // raised by the importer when it refuses private key material; nothing to evaluate here
  evaluate: () => [],
};

/** The importer's finding when someone uploads private key material (refused, never stored). */
export function privateKeySubmittedDraft(input: {
  keyId: string;
  submittedAt: Date;
  submittedBy: string;
  fileName: string | null;
}): FindingDraft {
  return draft(keyPrivateKeySubmitted, {
    subjectId: input.keyId,
    keyId: input.keyId,
    message: `Private key material${input.fileName ? ` (${quote(input.fileName)})` : ""} was submitted by ${input.submittedBy} on ${day(input.submittedAt)}; it was refused and not stored.`,
    evidence: { submittedAt: iso(input.submittedAt), submittedBy: input.submittedBy, fileName: input.fileName },
    threshold: "private keys are never accepted",
  });
}

export const keyRules: KeyRule[] = [
  keyRotationOverdue,
  keyRenewedWithoutRekey,
  keyNotInHsm,
  keyCustodyUnattested,
  keyShared,
  keyEnvMixing,
  keyPrivateKeySubmitted,
];
