// The contract between the artifact readers (one per signed-file format) and everything that
// records, shows or gates on what they found. Readers are pure: bytes in, ScanOutcome out, no
// database, no network. `lib/scan/readers.ts` lists them; `scanArtifact` (lib/scan/index.ts)
// picks the one that recognises a file.

export type ArtifactFormat =
  | "authenticode-pe" // .exe .dll .sys .efi
  | "cms-attached" // .p7m (content inside)
  | "cms-detached" // .p7s .sig (content in a sibling file, or not available)
  | "jar" // .jar (META-INF/*.RSA|DSA|EC)
  | "apk" // APK v1 (JAR signing); v2/v3-only APKs are reported unsigned with a note
  | "xpi"
  | "nupkg" // NuGet package signature (.signature.p7s)
  | "sigstore-bundle" // v0.1–v0.3 JSON
  | "kernel-module"; // .ko with an appended signature

/** Whether the signature was checked over the artifact's bytes, and what came of it. */
export type SignatureVerification =
  | { status: "verified" }
  | { status: "failed"; reason: string }
  /** e.g. a detached signature scanned without its content; the reason says why */
  | { status: "not-checked"; reason: string };

export interface ScannedTimestamp {
  /** rfc3161 token, legacy Authenticode countersignature, or a transparency-log integrated time */
  kind: "rfc3161" | "authenticode-countersignature" | "transparency-log";
  time: Date;
  /** the timestamp authority's subject (or the log's id/URL for transparency-log) */
  authority: string | null;
  /** the timestamp's own signature checked (and, for rfc3161, its message imprint matches) */
  verified: boolean;
  /** DER of the certificates the timestamp carries (the TSA chain) */
  certificates: Uint8Array[];
}

/** A Sigstore keyless identity (Fulcio certificate extensions). */
export interface KeylessIdentity {
  /** OIDC issuer, e.g. https://token.actions.githubusercontent.com */
  issuer: string;
  /** the certificate's SAN (email or workflow URI) */
  subject: string;
  workflow: string | null;
  repository: string | null;
  /** transparency-log entry */
  logIndex: string | null;
  integratedTime: Date | null;
}

export interface ScannedSignature {
  format: ArtifactFormat;
  /** where in the artifact, for people: "signature 1", "signature 1, nested 2", "META-INF/CERT.RSA" */
  location: string;
  /** DER of the certificate that made the signature, null when it could not be identified */
  signerCertificate: Uint8Array | null;
  /** DER of every certificate the signature carries (signer first when known), deduplicated */
  certificates: Uint8Array[];
  /** digest algorithm name as people write it: "SHA-256" */
  digestAlgorithm: string | null;
  /** the signing time the signature claims (CMS signingTime attribute); unproven */
  claimedSigningTime: Date | null;
  /** a timestamp that proves when the signature existed (RFC 3161, countersignature, tlog) */
  timestamp: ScannedTimestamp | null;
  verification: SignatureVerification;
  keyless: KeylessIdentity | null;
  /**
   * How the signature names its signer (CMS SignerIdentifier), kept because some formats carry no
   * certificate at all (kernel modules): the signer is then known only by issuer and serial.
   */
  signerId?: SignerIdentifier;
}

/** CMS SignerIdentifier: issuer and serial number, or subject key identifier. */
export interface SignerIdentifier {
  /** RFC 4514 */
  issuer: string | null;
  serialNumberHex: string | null;
  subjectKeyIdentifierHex: string | null;
}

export interface ArtifactFacts {
  /** the file's name as given (no directories) */
  name: string;
  /** lowercase hex SHA-256 of the whole file */
  sha256: string;
  size: number;
}

export type ScanOutcome =
  | { kind: "signed"; format: ArtifactFormat; signatures: ScannedSignature[] }
  /** a recognised format with no signature (note e.g. "APK signed only with the v2/v3 signing block") */
  | { kind: "unsigned"; format: ArtifactFormat | null; note: string | null }
  /** recognised but broken: the reason says what is wrong and where */
  | { kind: "malformed"; format: ArtifactFormat | null; reason: string };

export interface ArtifactReader {
  format: ArtifactFormat | ArtifactFormat[];
  /** cheap check on the name and the first bytes; true when this reader should read the file */
  recognises(name: string, head: Uint8Array): boolean;
  /** read the whole file; never throw for bad input (return malformed), bound every length read */
  read(name: string, bytes: Uint8Array, context: ReadContext): Promise<ScanOutcome>;
}

export interface ReadContext {
  /** bytes of a detached signature's content when the caller has them (sibling file) */
  detachedContent?: Uint8Array;
  /**
   * DER certificates that may have made a signature the artifact does not carry a certificate
   * for (a kernel's module-signing certificate): used to find the signer and verify
   */
  knownCertificates?: Uint8Array[];
  /** Sigstore trusted root JSON to verify against instead of the public-good root */
  sigstoreTrustedRoot?: unknown;
}
