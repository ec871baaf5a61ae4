import type { Certificate } from "@peculiar/asn1-x509";
import { DerError } from "./asn1";
import { factsOf } from "./certificate";
import { PRIVATE_KEY_MESSAGE } from "./private-key";
import type { CertificateFacts, CertificateParseError, InputFormat, ParseResult } from "./types";

// What parseCertificateFile gathers from one file: unique certificates in file order, errors,
// the duplicate count; or, once a private key is seen, nothing but the refusal.

/** Raised inside the parse to abandon the whole file the moment a private key is seen. */
export class PrivateKeyFound extends Error {}

export class Collector {
  format: InputFormat = "unknown";
  private readonly certificates: CertificateFacts[] = [];
  private readonly errors: CertificateParseError[] = [];
  private readonly seen = new Set<string>();
  private duplicateCount = 0;

  constructor(private readonly fileName: string | undefined) {}

  isDuplicate(sha256: string): boolean {
    if (!this.seen.has(sha256)) return false;
    this.duplicateCount++;
    return true;
  }

  /** `cert` when the library already decoded it; `error` when it could not. */
  addCertificate(
    der: Uint8Array,
    block: number | undefined,
    what: string,
    known: { sha256: string; cert?: Certificate; error?: unknown },
  ): void {
    this.seen.add(known.sha256);
    try {
      if (!known.cert) throw known.error instanceof Error ? known.error : new DerError("not a certificate");
      this.certificates.push(factsOf(known.cert, new Uint8Array(der), { sha256: known.sha256 }));
    } catch (e) {
      this.error("invalid-certificate", `${what} is malformed: ${(e as Error).message.replace(/^Error: /, "")}`, block);
    }
  }

  /** Facts the DER fast path already produced (identical to what factsOf would give). */
  addFacts(facts: CertificateFacts): void {
    this.seen.add(facts.sha256);
    this.certificates.push(facts);
  }

  error(code: CertificateParseError["code"], message: string, block?: number): void {
    this.errors.push(block === undefined ? { code, message } : { code, message, block });
  }

  fail(code: CertificateParseError["code"], message: string): ParseResult {
    this.error(code, message);
    return this.result();
  }

  refusePrivateKey(): ParseResult {
    return {
      ...this.base(),
      certificates: [],
      errors: [{ code: "private-key-submitted", message: PRIVATE_KEY_MESSAGE }],
      duplicateCount: 0,
      hasPrivateKey: true,
    };
  }

  result(): ParseResult {
    return {
      ...this.base(),
      certificates: this.certificates,
      errors: this.errors,
      duplicateCount: this.duplicateCount,
      hasPrivateKey: false,
    };
  }

  private base(): Pick<ParseResult, "fileName" | "format"> {
    return this.fileName === undefined ? { format: this.format } : { fileName: this.fileName, format: this.format };
  }
}
