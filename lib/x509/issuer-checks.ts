import { parseCertificateFile } from "./parse-file";
import type { IssuerCheck, StoredCertificateFacts } from "./types";
import { createIssuerVerifier } from "./verify";

// Signature checks moved off the importer's thread: a parse worker holds the issuer certificates
// the importer has confirmed so far (a bulk import is mostly leaves of a few CAs) and checks each
// certificate it parses against those that could have issued it, matched as the importer matches
// candidates (AKI = SKI, or issuer DN = subject). The importer still chooses the candidates and
// their order; a check made here only answers "did this key sign it" without a second
// verification (lib/services/store-certificate-batch.ts), and a candidate not checked here is
// checked there as before.

type KnownIssuer = { sha256: string; subject: string; subjectKeyId: string | null; der: Uint8Array };

/** Issuers one worker keeps: a bound on memory and on checks per certificate. */
export const MAX_KNOWN_ISSUERS = 256;

export function createIssuerChecker() {
  const issuers: KnownIssuer[] = [];
  const seen = new Set<string>();
  const isIssuedBy = createIssuerVerifier();
  return {
    /** Adds issuer certificates (DER); unreadable ones and those past the bound are ignored. */
    add(ders: readonly Uint8Array[]) {
      for (const der of ders) {
        if (issuers.length >= MAX_KNOWN_ISSUERS) return;
        const facts = parseCertificateFile(der).certificates[0];
        if (!facts || seen.has(facts.sha256)) continue;
        seen.add(facts.sha256);
        issuers.push({
          sha256: facts.sha256,
          subject: facts.subject,
          subjectKeyId: facts.subjectKeyId,
          der: facts.der,
        });
      }
    },
    /** Sets `issuerChecks` on a certificate that some known issuer could have signed. */
    check(facts: StoredCertificateFacts) {
      if (issuers.length === 0 || facts.isSelfSigned) return;
      const checks: IssuerCheck[] = [];
      for (const issuer of issuers) {
        if (issuer.sha256 === facts.sha256) continue;
        const isCandidate =
          (facts.authorityKeyId !== null && issuer.subjectKeyId === facts.authorityKeyId) ||
          issuer.subject === facts.issuer;
        if (isCandidate) checks.push({ issuerSha256: issuer.sha256, isSignedBy: isIssuedBy(facts.der, issuer.der) });
      }
      if (checks.length > 0) facts.issuerChecks = checks;
    },
  };
}
