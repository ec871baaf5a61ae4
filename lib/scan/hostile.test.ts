import { beforeAll, describe, expect, it } from "vitest";
import { oid, seq, set } from "@/lib/x509/testing/der-writer";
import { createTestPki, type TestCertificate } from "@/lib/x509/testing/test-ca";
import { scanArtifact } from "./index";
import { authenticodeSignature, buildPe, PE_OFFSETS, withCertificateTable } from "./testing/build-pe";
import { buildZip } from "./testing/build-zip";
import { signCms, timestampToken } from "./testing/sign-cms";

// Inputs made to hurt a reader: each is refused (malformed) quickly, never crashes or hangs.
// Wall-clock bounds are generous: the test machine runs many suites at once (load ~20 on 2 cores).
const QUICK_MS = 1000;
const SLOW_MS = 5000;
const TIMESTAMP = "1.2.840.113549.1.9.16.2.14";
const attr = (type: string, value: Uint8Array) => seq(oid(type), set(value));

let leaf: TestCertificate;
beforeAll(async () => {
  ({ leaf } = await createTestPki());
});

async function refusedQuickly(name: string, bytes: Uint8Array) {
  const started = performance.now();
  const outcome = await scanArtifact(name, bytes);
  const took = performance.now() - started;
  expect(outcome.kind, JSON.stringify(outcome)).toBe("malformed");
  expect(took).toBeLessThan(QUICK_MS);
  return outcome.kind === "malformed" ? outcome.reason : "";
}

describe("hostile inputs", () => {
  it("deeply nested BER (100,000 levels) ends as malformed, not a stack overflow", async () => {
    const depth = 100_000;
    const indefinite = new Uint8Array(depth * 2 + depth * 2);
    for (let i = 0; i < depth; i++) indefinite.set([0x30, 0x80], i * 2);
    expect(await refusedQuickly("deep.p7s", indefinite)).toMatch(/undecodable ContentInfo/);
  });

  it("timestamp tokens nested inside timestamp tokens are not followed", async () => {
    let inner: Uint8Array | null = null;
    for (let level = 0; level < 8; level++) {
      const below: Uint8Array | null = inner;
      inner = await timestampToken({
        tsa: leaf,
        signatureValue: new Uint8Array(4),
        time: new Date("2026-01-01T00:00:00Z"),
        unsignedAttributes: () => (below ? [attr(TIMESTAMP, below)] : []),
      });
    }
    const top = await signCms({
      content: new Uint8Array(8),
      signer: leaf,
      unsignedAttributes: () => [attr(TIMESTAMP, inner!)],
    });
    const started = performance.now();
    const outcome = await scanArtifact("nested.p7m", top);
    expect(performance.now() - started).toBeLessThan(SLOW_MS);
    expect(outcome.kind === "signed" && outcome.signatures[0].timestamp?.kind).toBe("rfc3161");
  });

  it("huge declared lengths are refused without allocating them", async () => {
    expect(await refusedQuickly("huge.p7s", Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x06, 0x09))).toMatch(
      /undecodable ContentInfo/,
    );
    const pe = withCertificateTable(buildPe(), [await authenticodeSignature(buildPe(), { signer: leaf })]);
    // the WIN_CERTIFICATE claims 2 GiB
    const tableAt = new DataView(pe.buffer).getUint32(PE_OFFSETS.certificateEntry, true);
    const lying = pe.slice();
    new DataView(lying.buffer).setUint32(tableAt, 0x7ffffff8, true);
    expect(await refusedQuickly("x.efi", lying)).toMatch(/bad length/);
  });

  it("truncated files are refused at every cut", async () => {
    const pe = withCertificateTable(buildPe(), [await authenticodeSignature(buildPe(), { signer: leaf })]);
    for (const cut of [10, 63, 200, 600, pe.length - 1]) await refusedQuickly("cut.exe", pe.subarray(0, cut));
    const p7m = await signCms({ content: new Uint8Array(100), signer: leaf });
    for (const cut of [1, 20, p7m.length - 1]) await refusedQuickly("cut.p7m", p7m.subarray(0, cut));
  });

  it("a ZIP whose directory claims 65,535 entries it does not have is refused", async () => {
    const zip = buildZip([{ name: "a.txt", data: new Uint8Array(4) }]);
    const lying = zip.slice();
    const eocd = lying.length - 22;
    new DataView(lying.buffer).setUint16(eocd + 8, 0xffff, true);
    new DataView(lying.buffer).setUint16(eocd + 10, 0xffff, true);
    await refusedQuickly("x.jar", lying);
    await refusedQuickly("x.jar", zip.subarray(0, zip.length - 30));
  });
});
