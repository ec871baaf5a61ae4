// Sigstore bundles (v0.1–v0.3 JSON): the Fulcio certificate and the keyless identity it carries,
// the transparency-log entry and its integrated time, verified offline with @sigstore/verify
// against a trusted root (the public-good root shipped in @sigstore/tuf, or the one given in
// context.sigstoreTrustedRoot for a private instance). No network: nothing is refreshed.
import { createHash } from "node:crypto";
import { bundleFromJSON, type Bundle } from "@sigstore/bundle";
import { HashAlgorithm } from "@sigstore/protobuf-specs";
import { Verifier, toSignedEntity, type SignedEntity } from "@sigstore/verify";
import { decodeCertificate, type CertificateFacts } from "@/lib/x509";
import { publicGoodTrust, sigstoreTrust, type SigstoreTrust } from "./sigstore-trust";
import type {
  ArtifactReader,
  KeylessIdentity,
  ReadContext,
  ScanOutcome,
  ScannedSignature,
  ScannedTimestamp,
  SignatureVerification,
} from "./types";

/** Bundles are small JSON documents; a DSSE payload can be an attestation, still far below this. */
const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
const MEDIA_TYPE_MARK = "application/vnd.dev.sigstore.bundle";

const DIGEST_NAMES: Partial<Record<HashAlgorithm, { people: string; node: string }>> = {
  [HashAlgorithm.SHA2_256]: { people: "SHA-256", node: "sha256" },
  [HashAlgorithm.SHA2_384]: { people: "SHA-384", node: "sha384" },
  [HashAlgorithm.SHA2_512]: { people: "SHA-512", node: "sha512" },
  [HashAlgorithm.SHA3_256]: { people: "SHA3-256", node: "sha3-256" },
  [HashAlgorithm.SHA3_384]: { people: "SHA3-384", node: "sha3-384" },
};

export const sigstoreReader: ArtifactReader = {
  format: "sigstore-bundle",
  recognises(name, head) {
    if (/\.sigstore(\.json)?$/i.test(name)) return true;
    if (!/\.json$/i.test(name) && head[0] !== 0x7b) return false;
    return new TextDecoder().decode(head).includes(MEDIA_TYPE_MARK);
  },
  read: async (name, bytes, context) => readSigstoreBundle(bytes, context),
};

export function readSigstoreBundle(bytes: Uint8Array, context: ReadContext): ScanOutcome {
  const malformed = (reason: string): ScanOutcome => ({ kind: "malformed", format: "sigstore-bundle", reason });
  if (bytes.byteLength > MAX_BUNDLE_BYTES) return malformed(`bundle larger than ${MAX_BUNDLE_BYTES} bytes`);
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
  } catch (error) {
    return malformed(`not a Sigstore bundle: ${messageOf(error)}`);
  }
  const certificates = certificatesOf(bundle);
  let leaf: CertificateFacts | null = null;
  if (certificates.length > 0) {
    try {
      leaf = decodeCertificate(certificates[0]);
    } catch (error) {
      return malformed(`the bundle's signing certificate is not a valid certificate: ${messageOf(error)}`);
    }
  }
  const outcome = verifyBundle(bundle, context);
  const timestamp = timestampOf(bundle, outcome);
  const signature: ScannedSignature = {
    format: "sigstore-bundle",
    location: bundle.content.$case === "dsseEnvelope" ? "DSSE envelope" : "message signature",
    signerCertificate: certificates[0] ?? null,
    certificates,
    digestAlgorithm: digestAlgorithmOf(bundle),
    claimedSigningTime: null,
    timestamp,
    verification: outcome.verification,
    keyless: leaf ? keylessIdentityOf(leaf, bundle) : null,
  };
  return { kind: "signed", format: "sigstore-bundle", signatures: [signature] };
}

function certificatesOf(bundle: Bundle): Uint8Array[] {
  const content = bundle.verificationMaterial.content;
  const raw =
    content.$case === "certificate"
      ? [content.certificate.rawBytes]
      : content.$case === "x509CertificateChain"
        ? content.x509CertificateChain.certificates.map((c) => c.rawBytes)
        : [];
  const seen = new Set<string>();
  return raw
    .map((b) => new Uint8Array(b))
    .filter((der) => {
      const hex = Buffer.from(der).toString("hex");
      return !seen.has(hex) && !!seen.add(hex);
    });
}

function digestAlgorithmOf(bundle: Bundle): string | null {
  if (bundle.content.$case !== "messageSignature") return null;
  return DIGEST_NAMES[bundle.content.messageSignature.messageDigest.algorithm]?.people ?? "SHA-256";
}

/** The Fulcio claims: OIDC issuer (.8, else legacy .1), workflow (.9, else legacy .4), repository (.12, else legacy .5). */
export function keylessIdentityOf(leaf: CertificateFacts, bundle: Bundle | null): KeylessIdentity | null {
  const f = leaf.fulcio;
  if (!f?.issuer) return null;
  const entry = bundle?.verificationMaterial.tlogEntries[0];
  const integrated = entry ? integratedTimeOf(entry.integratedTime) : null;
  return {
    issuer: f.issuer,
    subject: (leaf.sans[0] ?? "").replace(/^(URI|email|DNS|IP|RID|DirName):/, ""),
    workflow: f.buildSignerUri ?? f.githubWorkflowName ?? null,
    repository: f.sourceRepositoryUri ?? f.githubWorkflowRepository ?? null,
    logIndex: entry?.logIndex ?? null,
    integratedTime: integrated,
  };
}

function integratedTimeOf(value: string | undefined): Date | null {
  const seconds = Number(value ?? "0");
  return Number.isSafeInteger(seconds) && seconds > 0 ? new Date(seconds * 1000) : null;
}

type VerifyOutcome = { verification: SignatureVerification; isTlogVerified: boolean; trust: SigstoreTrust | null };

function verifyBundle(bundle: Bundle, context: ReadContext): VerifyOutcome {
  let trust: SigstoreTrust;
  try {
    trust = context.sigstoreTrustedRoot === undefined ? publicGoodTrust() : sigstoreTrust(context.sigstoreTrustedRoot);
  } catch (error) {
    const reason = `the Sigstore trusted root is unusable: ${messageOf(error)}`;
    return { verification: { status: "not-checked", reason }, isTlogVerified: false, trust: null };
  }
  const artifact = context.detachedContent ? Buffer.from(context.detachedContent) : undefined;
  const mismatch = artifact ? artifactMismatch(bundle, artifact) : null;
  if (mismatch) return { verification: { status: "failed", reason: mismatch }, isTlogVerified: false, trust };
  const verifier = new Verifier(trust.material, {
    tlogThreshold: bundle.verificationMaterial.tlogEntries.length > 0 ? 1 : 0,
    ctlogThreshold: trust.ctlogCount > 0 ? 1 : 0,
    timestampThreshold: 1,
  });
  try {
    const entity = toSignedEntity(bundle, artifact);
    // without the artifact a message signature cannot be checked: verify everything else
    verifier.verify(artifact || bundle.content.$case === "dsseEnvelope" ? entity : withoutArtifactCheck(entity));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "string") {
      // e.g. a v0.1 inclusion proof without a checkpoint makes @sigstore/verify throw a TypeError
      const reason = `unverifiable bundle: ${messageOf(error)}`;
      return { verification: { status: "not-checked", reason }, isTlogVerified: false, trust };
    }
    const reason = `${code}: ${messageOf(error)}`;
    return { verification: { status: "failed", reason }, isTlogVerified: code === "SIGNATURE_ERROR", trust };
  }
  if (!artifact) {
    const reason =
      bundle.content.$case === "dsseEnvelope"
        ? "the attestation's signature, certificate chain and transparency-log entry verified; no artifact was given to match its subject"
        : "the certificate chain and the transparency-log entry verified; the artifact was not given, so the signature over it was not checked";
    return { verification: { status: "not-checked", reason }, isTlogVerified: true, trust };
  }
  return { verification: { status: "verified" }, isTlogVerified: true, trust };
}

function withoutArtifactCheck(entity: SignedEntity): SignedEntity {
  const content = entity.signature;
  return {
    ...entity,
    signature: {
      signature: content.signature,
      compareSignature: (s) => content.compareSignature(s),
      compareDigest: (d) => content.compareDigest(d),
      verifySignature: () => true,
    },
  };
}

/** The artifact's digest against the one the bundle signs (message signature) or attests (in-toto subject). */
function artifactMismatch(bundle: Bundle, artifact: Buffer): string | null {
  if (bundle.content.$case === "messageSignature") {
    const { algorithm, digest } = bundle.content.messageSignature.messageDigest;
    const names = DIGEST_NAMES[algorithm] ?? DIGEST_NAMES[HashAlgorithm.SHA2_256]!;
    const actual = createHash(names.node).update(artifact).digest();
    return actual.equals(Buffer.from(digest))
      ? null
      : `the artifact's ${names.people} does not match the bundle's digest`;
  }
  const subjects = inTotoSubjectDigests(bundle.content.dsseEnvelope.payload);
  if (subjects === null)
    return "the attestation's payload is not an in-toto statement, so the artifact cannot be matched";
  const isSubject = subjects.some((digests) =>
    ["sha256", "sha512"].some(
      (algorithm) =>
        typeof digests[algorithm] === "string" &&
        digests[algorithm].toLowerCase() === createHash(algorithm).update(artifact).digest("hex"),
    ),
  );
  return isSubject ? null : "the artifact is not a subject of the attestation";
}

/** The digests of each in-toto subject (algorithm → hex), or null when the payload is no statement. */
function inTotoSubjectDigests(payload: Buffer): Record<string, string>[] | null {
  try {
    const statement = JSON.parse(payload.toString("utf8")) as { subject?: { digest?: Record<string, string> }[] };
    if (!Array.isArray(statement.subject)) return null;
    return statement.subject.map((s) => s?.digest ?? {});
  } catch {
    return null;
  }
}

function timestampOf(bundle: Bundle, outcome: VerifyOutcome): ScannedTimestamp | null {
  const entry = bundle.verificationMaterial.tlogEntries.find((e) => integratedTimeOf(e.integratedTime));
  if (!entry) return null;
  const logId = Buffer.from(entry.logId?.keyId ?? []).toString("hex");
  return {
    kind: "transparency-log",
    time: integratedTimeOf(entry.integratedTime)!,
    authority: outcome.trust?.logUrls.get(logId) ?? `transparency log ${logId}`,
    verified: outcome.isTlogVerified && entry.inclusionPromise !== undefined,
    certificates: [],
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
