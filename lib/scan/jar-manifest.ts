import { createHash } from "node:crypto";
import type { Entry } from "yauzl";
import type { SignatureVerification } from "./types";

// JAR manifests (MANIFEST.MF, *.SF): the .SF signs the manifest's digest, the manifest names each
// entry's digest. Both are checked, the entries within a budget of inflated bytes.

const MANIFEST = "META-INF/MANIFEST.MF";
/** inflated bytes spent checking entry digests; a larger archive is reported not-checked */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
const MAX_ENTRY_FILE = 64 * 1024 * 1024;

const MANIFEST_HASHES: Record<string, string> = {
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
  "SHA-1": "sha1",
  SHA1: "sha1",
  MD5: "md5",
};

/** Sections of a manifest as header maps; continuation lines (leading space) joined. */
function sections(manifest: Uint8Array): Map<string, string>[] {
  const text = new TextDecoder().decode(manifest).replace(/\r\n?/g, "\n");
  return text.split(/\n\n+/).map((section) => {
    const headers = new Map<string, string>();
    let last: string | null = null;
    for (const line of section.split("\n")) {
      if (line.startsWith(" ") && last) headers.set(last, headers.get(last) + line.slice(1));
      else {
        const i = line.indexOf(": ");
        if (i <= 0) continue;
        last = line.slice(0, i).toLowerCase();
        headers.set(last, line.slice(i + 2));
      }
    }
    return headers;
  });
}

/**
 * The .SF's main section names the manifest's digest (x-Digest-Manifest); null when it matches
 * or the .SF does not carry one.
 */
export function manifestProblem(sf: Uint8Array, manifest: Uint8Array | null, sfName: string): string | null {
  const [main] = sections(sf.subarray(0, 64 * 1024));
  for (const [header, value] of main ?? []) {
    const m = /^(.+)-digest-manifest$/.exec(header);
    const hash = m ? MANIFEST_HASHES[m[1].toUpperCase()] : undefined;
    if (!hash) continue;
    if (!manifest) return `${sfName} signs a manifest, but ${MANIFEST} is missing`;
    const actual = createHash(hash).update(manifest).digest("base64");
    return actual === value.trim()
      ? null
      : `${MANIFEST} differs from the digest ${sfName} signs (the archive was changed)`;
  }
  return null;
}

/** Each entry the manifest names against its digest; null when all match. */
export async function entryDigestCheck(
  manifest: Uint8Array,
  entries: Map<string, Entry>,
  read: (entry: Entry, max: number) => Promise<Uint8Array>,
): Promise<SignatureVerification | null> {
  const wanted: { entry: Entry; name: string; hash: string; digest: string }[] = [];
  let budget = 0;
  for (const headers of sections(manifest).slice(1)) {
    const name = headers.get("name");
    if (!name) continue;
    const digest = Array.from(headers).find(
      ([h]) => h.endsWith("-digest") && MANIFEST_HASHES[h.slice(0, -7).toUpperCase()],
    );
    if (!digest) continue;
    const entry = entries.get(name);
    if (!entry) return { status: "failed", reason: `${name} is in the manifest but not in the archive` };
    budget += entry.uncompressedSize;
    wanted.push({ entry, name, hash: MANIFEST_HASHES[digest[0].slice(0, -7).toUpperCase()], digest: digest[1].trim() });
  }
  if (budget > MAX_ENTRY_BYTES)
    return {
      status: "not-checked",
      reason: `the entries add up to more than ${MAX_ENTRY_BYTES} bytes; their digests were not checked`,
    };
  for (const { entry, name, hash, digest } of wanted) {
    const data = await read(entry, MAX_ENTRY_FILE);
    if (createHash(hash).update(data).digest("base64") !== digest)
      return { status: "failed", reason: `${name} differs from its digest in the signed manifest` };
  }
  return null;
}
