import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createCodeSigningLeaf, createTestCas, type TestCertificate } from "@/lib/x509/testing/test-ca";
import { scanArtifact } from "./index";
import { onlySignature as only } from "./testing";
import { packageHash } from "./nuget-package-hash";
import { buildSignedNupkg, nugetSignatureContent } from "./testing/build-nupkg";
import { buildZip, type ZipEntrySpec } from "./testing/build-zip";
import { signCms } from "./testing/sign-cms";

const text = (s: string) => new TextEncoder().encode(s);
const FILES: ZipEntrySpec[] = [
  {
    name: "Acme.Tools.nuspec",
    data: text("<package><metadata><id>Acme.Tools</id></metadata></package>"),
    isDeflated: true,
  },
  { name: "lib/net8.0/Acme.Tools.dll", data: text("MZ pretend assembly ".repeat(200)), isDeflated: true },
  { name: "[Content_Types].xml", data: text("<Types/>") },
];

let leaf: TestCertificate;

beforeAll(async () => {
  const { intermediate } = await createTestCas();
  leaf = await createCodeSigningLeaf(intermediate, { key: "RSA-2048", subject: "CN=Acme Packages,O=Acme" });
});

describe("NuGet package hash", () => {
  it("is the hash of the package without its signature entry", async () => {
    const { unsigned, signed } = await buildSignedNupkg(FILES, leaf);
    const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
    expect(Buffer.from(packageHash(signed, "sha256")).toString("hex")).toBe(sha256(unsigned));
    expect(sha256(signed)).not.toBe(sha256(unsigned));
  });

  it("verifies a signed package: the CMS over its content and the package hash it names", async () => {
    for (const hash of ["sha256", "sha512"] as const) {
      const { signed } = await buildSignedNupkg(FILES, leaf, { hash });
      expect(only(await scanArtifact("Acme.Tools.1.0.0.nupkg", signed))).toMatchObject({
        format: "nupkg",
        location: ".signature.p7s",
        signerCertificate: leaf.der,
        verification: { status: "verified" },
      });
    }
  });

  it("verifies when the signature entry is not the last one (offsets moved as if it were gone)", async () => {
    const unsigned = buildZip(FILES);
    const content = nugetSignatureContent("sha256", createHash("sha256").update(unsigned).digest());
    const p7s = await signCms({ content, signer: leaf });
    const first = buildZip([{ name: ".signature.p7s", data: p7s, flags: 0 }, ...FILES]);
    expect(only(await scanArtifact("Acme.Tools.1.0.0.nupkg", first)).verification).toEqual({ status: "verified" });
  });

  it("fails when a file changed after signing", async () => {
    const { signature: p7s } = await buildSignedNupkg(FILES, leaf);
    const changed = FILES.map((f) => (f.name.endsWith(".dll") ? { ...f, data: text("MZ evil") } : f));
    const tampered = buildZip([...changed, { name: ".signature.p7s", data: p7s, flags: 0 }]);
    expect(only(await scanArtifact("Acme.Tools.1.0.0.nupkg", tampered)).verification).toEqual({
      status: "failed",
      reason: "the package's SHA256 differs from the hash its signature names (the package was changed after signing)",
    });
    // a file added after signing changes the entry count and the central directory
    const added = buildZip([
      ...FILES,
      { name: "tools/install.ps1", data: text("evil") },
      { name: ".signature.p7s", data: p7s, flags: 0 },
    ]);
    expect(only(await scanArtifact("Acme.Tools.1.0.0.nupkg", added)).verification.status).toBe("failed");
  });

  it("fails when the signed content names another hash, or is not NuGet's format", async () => {
    const wrong = await buildSignedNupkg(FILES, leaf, { content: nugetSignatureContent("sha256", new Uint8Array(32)) });
    expect(only(await scanArtifact("a.nupkg", wrong.signed)).verification).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("differs from the hash its signature names"),
    });
    const cases: [string, string][] = [
      ["Version:2\r\n\r\n2.16.840.1.101.3.4.2.1-Hash:AAAA\r\n\r\n", 'the signed content\'s version is "2", not 1'],
      [
        "Version:1\r\n\r\n1.3.14.3.2.26-Hash:AAAA\r\n\r\n",
        "the package hash uses 1.3.14.3.2.26, which NuGet does not allow",
      ],
      [
        "Version:1\r\n\r\n2.16.840.1.101.3.4.2.1-Hash:AAAA\r\n\r\n",
        "the package hash for 2.16.840.1.101.3.4.2.1 is not a sha256 value",
      ],
      ["Version:1\r\n\r\n", "the signed content names no package hash"],
    ];
    for (const [content, reason] of cases) {
      const { signed } = await buildSignedNupkg(FILES, leaf, { content: text(content) });
      expect(only(await scanArtifact("a.nupkg", signed)).verification).toEqual({ status: "failed", reason });
    }
  });

  it("fails a signature entry that is compressed or flagged, as NuGet refuses it", async () => {
    const { signature: p7s } = await buildSignedNupkg(FILES, leaf);
    for (const entry of [
      { name: ".signature.p7s", data: p7s, flags: 0, isDeflated: true },
      { name: ".signature.p7s", data: p7s, flags: 0x800 },
    ]) {
      const bad = buildZip([...FILES, entry]);
      expect(only(await scanArtifact("a.nupkg", bad)).verification).toEqual({
        status: "failed",
        reason: ".signature.p7s must be stored uncompressed with no general purpose flags",
      });
    }
  });

  it("leaves a failed CMS failed without hashing the package", async () => {
    const unsigned = buildZip(FILES);
    const content = nugetSignatureContent("sha256", createHash("sha256").update(unsigned).digest());
    const p7s = await signCms({ content, signer: leaf, isSignatureBroken: true });
    const signed = buildZip([...FILES, { name: ".signature.p7s", data: p7s, flags: 0 }]);
    expect(only(await scanArtifact("a.nupkg", signed)).verification.status).toBe("failed");
  });
});
