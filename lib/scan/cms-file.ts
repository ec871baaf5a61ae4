import { scanPem } from "@/lib/x509/pem";
import { CmsError, parseSignedData, readSigners } from "./cms";
import type { ArtifactReader, ScanOutcome } from "./types";

// Stand-alone CMS/PKCS#7 signature files: .p7m carries its content, .p7s/.sig name a sibling file
// the caller may pass as context.detachedContent. PEM (PKCS7 / CMS labels) is accepted too.

const EXTENSIONS = /\.(p7s|p7m|p7|sig)$/i;
const PEM_LABELS = new Set(["PKCS7", "CMS", "PKCS #7 SIGNED DATA"]);

export const cmsFileReader: ArtifactReader = {
  format: ["cms-attached", "cms-detached"],
  recognises(name, head) {
    if (!EXTENSIONS.test(name) || head.length === 0) return false;
    // DER starts with a SEQUENCE; "-----" opens PEM. An OpenPGP .sig is neither and is left alone.
    return head[0] === 0x30 || new TextDecoder().decode(head.subarray(0, 5)) === "-----";
  },
  async read(_name, bytes, context): Promise<ScanOutcome> {
    const der = bytes[0] === 0x30 ? bytes : fromPem(bytes);
    if (!der) return { kind: "malformed", format: null, reason: "no PKCS7 or CMS PEM block" };
    try {
      const parsed = parseSignedData(der);
      const isAttached = parsed.content !== null;
      const format = isAttached ? "cms-attached" : "cms-detached";
      if (parsed.signedData.signerInfos.length === 0)
        return { kind: "unsigned", format, note: "a certificates-only PKCS#7 bundle: no signer" };
      const signers = readSigners(parsed, {
        format,
        location: "signature",
        content: parsed.content ?? context.detachedContent ?? null,
        notCheckedReason: "detached signature scanned without the file it signs",
        knownCertificates: context.knownCertificates,
      });
      return { kind: "signed", format, signatures: signers.map((s) => s.signature) };
    } catch (e) {
      if (e instanceof CmsError) return { kind: "malformed", format: null, reason: e.message };
      throw e;
    }
  },
};

function fromPem(bytes: Uint8Array): Uint8Array | null {
  // a PEM signature is small; refuse to decode megabytes of text looking for one
  const text = new TextDecoder().decode(bytes.subarray(0, 4 * 1024 * 1024));
  return scanPem(text).find((b) => PEM_LABELS.has(b.label) && b.der)?.der ?? null;
}
