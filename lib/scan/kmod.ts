import { CmsError, parseSignedData, readSigners } from "./cms";
import type { ArtifactReader, ScanOutcome } from "./types";

// Linux kernel modules with an appended signature (scripts/sign-file): the module's bytes, a
// detached PKCS#7 SignedData over them, struct module_signature (12 bytes, big-endian length
// last) and the magic string. sign-file writes no certificate into the PKCS#7: the signer is
// named by issuer and serial, and verifying needs its certificate from context.knownCertificates.

const MAGIC = new TextEncoder().encode("~Module signature appended~\n");
const INFO_SIZE = 12;
const PKEY_ID_PKCS7 = 2;

function endsWithMagic(bytes: Uint8Array): boolean {
  if (bytes.length < MAGIC.length) return false;
  const tail = bytes.subarray(bytes.length - MAGIC.length);
  return tail.every((b, i) => b === MAGIC[i]);
}

// Compressed modules (CONFIG_MODULE_COMPRESS_*: .ko.xz, .ko.zst, .ko.gz) carry the signature inside
// the compressed stream. Debian 12 ships plain .ko; reading .xz (Fedora, Debian 13) and .zst
// (Ubuntu, Arch) would need a decompressor Node 20 does not have (gzip, which it has, is nobody's
// default), so these are named for what they are instead of passing as unsigned.
const COMPRESSED = /\.ko\.(xz|zst|gz)$/i;

export const kernelModuleReader: ArtifactReader = {
  format: "kernel-module",
  recognises(name, head) {
    if (COMPRESSED.test(name)) return true;
    // ELF, named as a module (the signature is at the end, which `head` does not show)
    return /\.ko$/i.test(name) && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
  },
  async read(name, bytes, context): Promise<ScanOutcome> {
    const compressed = COMPRESSED.exec(name)?.[1];
    if (compressed)
      return {
        kind: "unsigned",
        format: "kernel-module",
        note: `compressed kernel module (.ko.${compressed.toLowerCase()}): its signature is inside the compressed data, which is not read; decompress it and scan the .ko`,
      };
    if (!endsWithMagic(bytes)) return { kind: "unsigned", format: "kernel-module", note: null };
    const infoAt = bytes.length - MAGIC.length - INFO_SIZE;
    if (infoAt < 0) return malformed("the signature trailer is cut short");
    const idType = bytes[infoAt + 2];
    const view = new DataView(bytes.buffer, bytes.byteOffset + infoAt, INFO_SIZE);
    const signatureLength = view.getUint32(8, false);
    if (idType !== PKEY_ID_PKCS7) return malformed(`signature id type ${idType} is not PKCS#7 (2)`);
    if (signatureLength === 0 || signatureLength > infoAt)
      return malformed(`declared signature length ${signatureLength} does not fit in the file`);
    const moduleEnd = infoAt - signatureLength;
    try {
      const parsed = parseSignedData(bytes.subarray(moduleEnd, infoAt));
      const signers = readSigners(parsed, {
        format: "kernel-module",
        location: "appended signature",
        content: bytes.subarray(0, moduleEnd),
        knownCertificates: context.knownCertificates,
      });
      if (signers.length === 0) return malformed("the appended PKCS#7 has no signer");
      return { kind: "signed", format: "kernel-module", signatures: signers.map((s) => s.signature) };
    } catch (e) {
      if (e instanceof CmsError) return malformed(e.message);
      throw e;
    }
  },
};

const malformed = (reason: string): ScanOutcome => ({ kind: "malformed", format: "kernel-module", reason });
