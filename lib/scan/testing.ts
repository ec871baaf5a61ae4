// Test-only helpers: ScanOutcome values and a tiny reader built from certificates generated at
// test time (lib/x509/testing), so the recording, API, CLI and pages can be tested before (and
// independently of) the real format readers. Never listed in READERS outside a test's setup.
import { scanPem } from "@/lib/x509/pem";
import { READERS } from "./readers";
import type { ArtifactReader, ScanOutcome, ScannedSignature, ScannedTimestamp } from "./types";

export function testSignature(
  chain: { der: Uint8Array }[],
  fields: Partial<Omit<ScannedSignature, "signerCertificate" | "certificates">> = {},
): ScannedSignature {
  return {
    format: "cms-detached",
    location: "signature 1",
    signerCertificate: chain[0]?.der ?? null,
    certificates: chain.map((c) => c.der),
    digestAlgorithm: "SHA-256",
    claimedSigningTime: null,
    timestamp: null,
    verification: { status: "verified" },
    keyless: null,
    ...fields,
  };
}

/** The one signature of a signed outcome; anything else throws, showing the outcome. */
export function onlySignature(outcome: ScanOutcome): ScannedSignature {
  if (outcome.kind !== "signed" || outcome.signatures.length !== 1)
    throw new Error(`expected one signature, got ${JSON.stringify(outcome)}`);
  return outcome.signatures[0];
}

/** The signatures of a signed outcome; anything else throws, showing the outcome. */
export function signaturesOf(outcome: ScanOutcome): ScannedSignature[] {
  if (outcome.kind !== "signed") throw new Error(`expected signed, got ${JSON.stringify(outcome)}`);
  return outcome.signatures;
}

export function signedOutcome(...signatures: ScannedSignature[]): ScanOutcome {
  return { kind: "signed", format: signatures[0]?.format ?? "cms-detached", signatures };
}

export function verifiedTimestamp(time: Date): ScannedTimestamp {
  return { kind: "rfc3161", time, authority: "CN=Signet Test TSA", verified: true, certificates: [] };
}

const MAGIC = "SIGNET-TEST-SIGNATURE\n";

/** A file the test reader reads: the magic line, then the signer's chain as PEM (signer first). */
export function testSignedFile(chain: { pem: string }[], payload = "payload"): Uint8Array {
  return new TextEncoder().encode(`${MAGIC}${payload}\n${chain.map((c) => c.pem).join("")}`);
}

export const testReader: ArtifactReader = {
  format: "cms-detached",
  recognises: (_name, head) => new TextDecoder().decode(head.subarray(0, MAGIC.length)) === MAGIC,
  async read(_name, bytes) {
    const text = new TextDecoder().decode(bytes);
    if (text.includes("MALFORMED"))
      return { kind: "malformed", format: "cms-detached", reason: "test: truncated signature" };
    const chain = scanPem(text).flatMap((b) => (b.der ? [{ der: b.der }] : []));
    if (chain.length === 0) return { kind: "unsigned", format: "cms-detached", note: "test: no certificate" };
    return signedOutcome(testSignature(chain));
  },
};

/** Registers the test reader for the duration of a test file (call the returned function after). */
export function useTestReader(): () => void {
  READERS.unshift(testReader);
  return () => {
    const i = READERS.indexOf(testReader);
    if (i >= 0) READERS.splice(i, 1);
  };
}
