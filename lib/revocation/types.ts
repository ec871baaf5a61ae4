// Results of a live revocation check. An answer we could not verify is an error, never a status:
// a forged "good" must not look like a good.
import type { RevocationReason } from "@/lib/domain/revocation";

export type RevocationSource = "ocsp" | "crl";

export type RevocationAnswer = {
  outcome: "good" | "revoked" | "unknown";
  source: RevocationSource;
  /** the URL that gave the answer */
  url: string;
  checkedAt: Date;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** revoked only; null when the CA gave no reason code */
  reason: RevocationReason | null;
  revokedAt: Date | null;
  /** failures of sources tried before the one that answered (e.g. OCSP down, CRL answered) */
  attemptErrors: string[];
};

export type RevocationCheckResult =
  | RevocationAnswer
  | { outcome: "error"; checkedAt: Date; error: string; attemptErrors: string[] }
  | { outcome: "no-revocation-info"; checkedAt: Date };

export type RevocationErrorCode =
  | "refused-scheme"
  | "refused-address"
  | "dns"
  | "timeout"
  | "too-large"
  | "http-status"
  | "network"
  | "host-skipped"
  | "too-many-redirects"
  | "malformed"
  | "bad-signature"
  | "unauthorized-responder"
  | "nonce-mismatch"
  | "certid-mismatch"
  | "responder-status"
  | "expired"
  | "not-yet-valid"
  | "no-issuer";

/** One failed attempt at a source; `message` names the URL and is safe to store and show. */
export class RevocationError extends Error {
  readonly code: RevocationErrorCode;
  constructor(code: RevocationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "RevocationError";
    this.code = code;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof RevocationError) return error.message;
  if (error instanceof Error) return `unexpected error: ${error.message}`;
  return `unexpected error: ${String(error)}`;
}
