import { fromBufferPromise, type Entry, type ZipFile } from "yauzl";
import { CmsError, parseSignedData, readSigners } from "./cms";
import { entryDigestCheck, manifestProblem } from "./jar-manifest";
import { checkPackageHash } from "./nuget-package-hash";
import type {
  ArtifactFormat,
  ArtifactReader,
  ReadContext,
  ScannedSignature,
  ScanOutcome,
  SignatureVerification,
} from "./types";

// Signatures inside ZIP containers: JAR signing (JAR, APK v1, XPI: META-INF/NAME.SF signed by
// META-INF/NAME.RSA|DSA|EC, a detached PKCS#7 over the .SF) and NuGet's .signature.p7s. yauzl reads
// the archive; it rejects entries that inflate past their declared size, so bounding the declared
// sizes of the few entries read here (and the entry count) bounds memory and time. Nothing else is
// decompressed, so a zip bomb costs only its central directory. NuGet's package hash is over the
// archive's stored bytes (nuget-package-hash.ts), so it inflates nothing either.

const FORMATS: [RegExp, ArtifactFormat][] = [
  [/\.(jar|war|ear|aar)$/i, "jar"],
  [/\.apk$/i, "apk"],
  [/\.xpi$/i, "xpi"],
  [/\.s?nupkg$/i, "nupkg"],
];
const MAX_ENTRIES = 100_000;
const MAX_SIGNATURE_BYTES = 1024 * 1024;
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
const MAX_BLOCKS = 16;
const SIGNATURE_BLOCK = /^META-INF\/([^/]+)\.(RSA|DSA|EC)$/i;
const MANIFEST = "META-INF/MANIFEST.MF";
const NUGET_SIGNATURE = ".signature.p7s";
const APK_SIGNING_BLOCK_MAGIC = "APK Sig Block 42";

class ZipSignatureError extends Error {}

const formatOf = (name: string) => FORMATS.find(([re]) => re.test(name))?.[1] ?? null;

export const zipSignatureReader: ArtifactReader = {
  format: ["jar", "apk", "xpi", "nupkg"],
  recognises(name, head) {
    return formatOf(name) !== null && head[0] === 0x50 && head[1] === 0x4b;
  },
  async read(name, bytes, context): Promise<ScanOutcome> {
    const format = formatOf(name) ?? "jar";
    let zip: ZipFile | null = null;
    try {
      zip = await fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
        lazyEntries: true,
        validateEntrySizes: true,
      });
      const entries = await listEntries(zip);
      const signatures =
        format === "nupkg"
          ? await nugetSignatures(zip, entries, bytes, context)
          : await jarSignatures(zip, entries, format, context);
      if (signatures.length > 0) return { kind: "signed", format, signatures };
      if (format === "apk" && hasApkSigningBlock(bytes))
        return {
          kind: "unsigned",
          format,
          note: "APK signed only with the v2/v3 signing block (APK Signature Scheme v2/v3), which is not read: no v1 (JAR) signature",
        };
      return { kind: "unsigned", format, note: null };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return { kind: "malformed", format, reason };
    } finally {
      zip?.close();
    }
  },
};

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  if (zip.entryCount > MAX_ENTRIES) return Promise.reject(new ZipSignatureError(`more than ${MAX_ENTRIES} entries`));
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on("entry", (entry: Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

async function readEntry(zip: ZipFile, entry: Entry, max: number): Promise<Uint8Array> {
  if (entry.uncompressedSize > max)
    throw new ZipSignatureError(`${entry.fileName} declares ${entry.uncompressedSize} bytes (more than ${max})`);
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) {
      stream.destroy();
      throw new ZipSignatureError(`${entry.fileName} inflates past ${max} bytes`);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function jarSignatures(
  zip: ZipFile,
  entries: Map<string, Entry>,
  format: ArtifactFormat,
  context: ReadContext,
): Promise<ScannedSignature[]> {
  const byUpper = new Map(Array.from(entries.keys(), (k) => [k.toUpperCase(), k]));
  const blocks = Array.from(entries.keys()).filter((n) => SIGNATURE_BLOCK.test(n));
  if (blocks.length > MAX_BLOCKS) throw new ZipSignatureError(`more than ${MAX_BLOCKS} signature blocks`);
  const signatures: ScannedSignature[] = [];
  let manifest: Uint8Array | null | undefined;
  let entryCheck: Promise<SignatureVerification | null> | undefined;
  for (const blockName of blocks.sort()) {
    const base = blockName.replace(/\.(RSA|DSA|EC)$/i, "");
    const sfName = byUpper.get(`${base}.SF`.toUpperCase());
    const block = await readEntry(zip, entries.get(blockName)!, MAX_SIGNATURE_BYTES);
    const sf = sfName ? await readEntry(zip, entries.get(sfName)!, MAX_SIGNATURE_BYTES) : null;
    const parsed = parseOrExplain(block, blockName);
    const signers = readSigners(parsed, {
      format,
      location: blockName,
      content: sf,
      notCheckedReason: `${base}.SF, the file this block signs, is missing`,
      knownCertificates: context.knownCertificates,
    });
    for (const { signature } of signers) {
      if (signature.verification.status === "verified" && sf) {
        if (manifest === undefined) {
          const name = byUpper.get(MANIFEST);
          manifest = name ? await readEntry(zip, entries.get(name)!, MAX_MANIFEST_BYTES) : null;
        }
        const problem = manifestProblem(sf, manifest, sfName!);
        if (problem) signature.verification = { status: "failed", reason: problem };
        else if (manifest) {
          entryCheck ??= entryDigestCheck(manifest, entries, (entry, max) => readEntry(zip, entry, max));
          const entryVerification = await entryCheck;
          if (entryVerification) signature.verification = entryVerification;
        }
      }
      signatures.push(signature);
    }
  }
  return signatures;
}

function parseOrExplain(der: Uint8Array, where: string) {
  try {
    return parseSignedData(der);
  } catch (e) {
    if (e instanceof CmsError) throw new ZipSignatureError(`${where}: ${e.message}`);
    throw e;
  }
}

async function nugetSignatures(zip: ZipFile, entries: Map<string, Entry>, bytes: Uint8Array, context: ReadContext) {
  const entry = entries.get(NUGET_SIGNATURE);
  if (!entry) return [];
  const parsed = parseOrExplain(await readEntry(zip, entry, MAX_SIGNATURE_BYTES), NUGET_SIGNATURE);
  const signers = readSigners(parsed, {
    format: "nupkg",
    location: NUGET_SIGNATURE,
    content: parsed.content,
    knownCertificates: context.knownCertificates,
  });
  // the signature covers its signed content; that content names the package's hash, which must
  // match the package without its signature entry
  let packageCheck: SignatureVerification | undefined;
  return signers.map(({ signature }) => {
    if (signature.verification.status === "verified") {
      packageCheck ??= checkPackageHash(bytes, parsed.content);
      signature.verification = packageCheck;
    }
    return signature;
  });
}

/** APK Signature Scheme v2/v3 block: its magic sits just before the central directory. */
function hasApkSigningBlock(bytes: Uint8Array): boolean {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  for (let p = bytes.length - 22; p >= searchFrom; p--) {
    if (bytes[p] !== 0x50 || bytes[p + 1] !== 0x4b || bytes[p + 2] !== 0x05 || bytes[p + 3] !== 0x06) continue;
    const view = new DataView(bytes.buffer, bytes.byteOffset + p, 22);
    const cdOffset = view.getUint32(16, true);
    if (cdOffset < 16 || cdOffset > bytes.length) return false;
    return Buffer.from(bytes.subarray(cdOffset - 16, cdOffset)).toString("latin1") === APK_SIGNING_BLOCK_MAGIC;
  }
  return false;
}
