// Signs a NuGet package as `nuget sign` does, with the test PKI: hash the unsigned package, sign
// the text naming that hash, and append the signature as a last stored entry `.signature.p7s`
// with no general purpose flags. The reader recomputes the hash over the signed package with that
// entry taken out, which must equal the hash of the unsigned package built here.
import { createHash } from "node:crypto";
import type { TestCertificate } from "@/lib/x509/testing/test-ca";
import { buildZip, type ZipEntrySpec } from "./build-zip";
import { signCms, type TestHash } from "./sign-cms";

const OIDS: Record<Exclude<TestHash, "sha1">, string> = {
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
};

/** The signed content: `Version:1`, blank line, `<OID>-Hash:<base64>`, blank line, CRLF. */
export const nugetSignatureContent = (hash: keyof typeof OIDS, packageHash: Uint8Array) =>
  new TextEncoder().encode(
    `Version:1\r\n\r\n${OIDS[hash]}-Hash:${Buffer.from(packageHash).toString("base64")}\r\n\r\n`,
  );

export async function buildSignedNupkg(
  files: ZipEntrySpec[],
  signer: TestCertificate,
  opts: { hash?: keyof typeof OIDS; content?: Uint8Array } = {},
): Promise<{ unsigned: Uint8Array; signed: Uint8Array; signature: Uint8Array }> {
  const hash = opts.hash ?? "sha256";
  const unsigned = buildZip(files);
  const content =
    opts.content ?? nugetSignatureContent(hash, new Uint8Array(createHash(hash).update(unsigned).digest()));
  const p7s = await signCms({ content, signer, certificates: [signer] });
  const signed = buildZip([...files, { name: ".signature.p7s", data: p7s, flags: 0 }]);
  return { unsigned, signed, signature: p7s };
}
