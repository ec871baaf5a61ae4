import { beforeAll, describe, expect, it } from "vitest";
import { scanArtifact } from "./index";
import { buildZip, signedJarEntries } from "./testing/build-zip";
import { createTestSigners, signCms, type TestSigners } from "./testing/sign-cms";
import { signaturesOf as signatures } from "./testing";

const text = (s: string) => new TextEncoder().encode(s);
const FILES = [
  { name: "com/acme/Main.class", data: text("\xca\xfe\xba\xbe pretend bytecode") },
  { name: "config.properties", data: text("mode=release\n") },
  // longer than a manifest line: its Name header continues on the next line
  { name: `com/acme/${"very-long-package-name/".repeat(5)}Resource.txt`, data: text("resource") },
];

let pki: TestSigners;

beforeAll(async () => {
  pki = await createTestSigners({ rsa: "CN=Acme Android,O=Acme", ec: "CN=Acme Java,O=Acme" });
});

describe("JAR-signed archives", () => {
  it("reads a JAR signature block and verifies it over the .SF, the .SF over the manifest and the entries", async () => {
    const jar = buildZip(
      await signedJarEntries(FILES, pki.ecLeaf, { certificates: [pki.ecLeaf, pki.ca.intermediate] }),
    );
    const outcome = await scanArtifact("app.jar", jar);
    expect(outcome).toMatchObject({ kind: "signed", format: "jar" });
    const [sig] = signatures(outcome);
    expect(sig).toMatchObject({
      location: "META-INF/SIGNER.EC",
      signerCertificate: pki.ecLeaf.der,
      certificates: [pki.ecLeaf.der, pki.ca.intermediate.der],
      digestAlgorithm: "SHA-256",
      verification: { status: "verified" },
    });
  });

  it("fails when the manifest no longer matches the signed .SF", async () => {
    const entries = await signedJarEntries(FILES, pki.rsaLeaf);
    entries[0] = { ...entries[0], data: text("Manifest-Version: 1.0\r\n\r\nName: evil.class\r\n\r\n") };
    const [sig] = signatures(await scanArtifact("app.apk", buildZip(entries)));
    expect(sig).toMatchObject({
      format: "apk",
      location: "META-INF/SIGNER.RSA",
      verification: {
        status: "failed",
        reason: "META-INF/MANIFEST.MF differs from the digest META-INF/SIGNER.SF signs (the archive was changed)",
      },
    });
  });

  it("fails when an entry changed after signing, or the manifest names one that is gone", async () => {
    const entries = await signedJarEntries(FILES, pki.ecLeaf);
    const changed = entries.map((e) => (e.name === "config.properties" ? { ...e, data: text("mode=debug\n") } : e));
    const [sig] = signatures(await scanArtifact("app.jar", buildZip(changed)));
    expect(sig.verification).toEqual({
      status: "failed",
      reason: "config.properties differs from its digest in the signed manifest",
    });
    const missing = entries.filter((e) => e.name !== "com/acme/Main.class");
    const [gone] = signatures(await scanArtifact("app.jar", buildZip(missing)));
    expect(gone.verification).toEqual({
      status: "failed",
      reason: "com/acme/Main.class is in the manifest but not in the archive",
    });
  });

  it("reads an XPI and a NuGet package signature", async () => {
    const xpi = buildZip(await signedJarEntries(FILES, pki.rsaLeaf, { alias: "mozilla", blockExtension: "RSA" }));
    const [x] = signatures(await scanArtifact("addon.xpi", xpi));
    expect(x).toMatchObject({ format: "xpi", location: "META-INF/mozilla.RSA", verification: { status: "verified" } });
    const content = text("Version:1\n\n2.16.840.1.101.3.4.2.1-Hash:AAAA\n\n");
    const p7s = await signCms({ content, signer: pki.rsaLeaf });
    const nupkg = buildZip([
      { name: "Acme.nuspec", data: text("<package/>") },
      { name: ".signature.p7s", data: p7s },
    ]);
    const [n] = signatures(await scanArtifact("Acme.1.0.0.nupkg", nupkg));
    expect(n).toMatchObject({ format: "nupkg", location: ".signature.p7s", signerCertificate: pki.rsaLeaf.der });
    // the package hash is checked in nuget.test.ts; this content names none NuGet could match
    expect(n.verification).toEqual({
      status: "failed",
      reason: "the package hash for 2.16.840.1.101.3.4.2.1 is not a sha256 value",
    });
  });

  it("says so when an APK carries only the v2/v3 signing block, and unsigned for a plain JAR", async () => {
    const block = new Uint8Array([...new Uint8Array(24), ...text("APK Sig Block 42")]);
    const apk = buildZip(FILES, { beforeCentralDirectory: block });
    expect(await scanArtifact("app.apk", apk)).toEqual({
      kind: "unsigned",
      format: "apk",
      note: "APK signed only with the v2/v3 signing block (APK Signature Scheme v2/v3), which is not read: no v1 (JAR) signature",
    });
    expect(await scanArtifact("lib.jar", buildZip(FILES))).toEqual({ kind: "unsigned", format: "jar", note: null });
  });

  it("refuses a zip bomb and a lying entry quickly without inflating them", { timeout: 30_000 }, async () => {
    const entries = await signedJarEntries(FILES, pki.rsaLeaf);
    // a .SF that inflates to 64 MiB from 64 KiB
    const bomb = buildZip([
      ...entries.filter((e) => !e.name.endsWith(".SF")),
      { name: "META-INF/SIGNER.SF", data: new Uint8Array(64 * 1024 * 1024), isDeflated: true },
    ]);
    const lying = buildZip([
      ...entries.filter((e) => !e.name.endsWith(".SF")),
      { name: "META-INF/SIGNER.SF", data: new Uint8Array(8 * 1024 * 1024), isDeflated: true, declaredSize: 100 },
    ]);
    const started = performance.now();
    expect(await scanArtifact("bomb.jar", bomb)).toMatchObject({
      kind: "malformed",
      reason: "META-INF/SIGNER.SF declares 67108864 bytes (more than 1048576)",
    });
    expect(await scanArtifact("lying.jar", lying)).toMatchObject({ kind: "malformed" });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
