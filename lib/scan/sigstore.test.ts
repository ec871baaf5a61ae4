import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scanArtifact, type ScanOutcome, type ScannedSignature } from "@/lib/scan";
import {
  TEST_OIDC_ISSUER,
  TEST_WORKFLOW,
  createTestBundle,
  createTestSigstore,
  otherRekorKey,
  type TestSigstore,
} from "@/lib/scan/testing/sigstore-bundle";
import { configuredSigstoreTrustedRoot } from "@/lib/scan/sigstore-trust";
import { createTestRootCa } from "@/lib/x509/testing/test-ca";

const ARTIFACT = new TextEncoder().encode("release 1.2.3\n");

function only(outcome: ScanOutcome): ScannedSignature {
  if (outcome.kind !== "signed") throw new Error(`expected a signed outcome, got ${JSON.stringify(outcome)}`);
  expect(outcome.format).toBe("sigstore-bundle");
  expect(outcome.signatures).toHaveLength(1);
  return outcome.signatures[0];
}

describe("Sigstore bundles from a private Sigstore (own Fulcio CA, own Rekor key)", () => {
  let sigstore: TestSigstore;
  beforeAll(async () => {
    sigstore = await createTestSigstore();
  });
  const scan = (json: Uint8Array, artifact?: Uint8Array, root: unknown = sigstore.trustedRoot) =>
    scanArtifact("app.tar.gz.sigstore.json", json, { detachedContent: artifact, sigstoreTrustedRoot: root });

  it("verifies a v0.3 bundle and reports the certificate, keyless identity and log time", async () => {
    const signedAt = new Date("2026-11-30T10:00:00Z");
    const { json, leaf } = await createTestBundle(sigstore, ARTIFACT, { signedAt, logIndex: 42 });
    const s = only(await scan(json, ARTIFACT));
    expect(s.verification).toEqual({ status: "verified" });
    expect(Buffer.from(s.signerCertificate!).equals(Buffer.from(leaf.der))).toBe(true);
    expect(s.certificates).toHaveLength(1);
    expect(s.digestAlgorithm).toBe("SHA-256");
    expect(s.timestamp).toEqual({
      kind: "transparency-log",
      time: new Date("2026-11-30T10:01:00Z"),
      authority: "https://rekor.signet.test",
      verified: true,
      certificates: [],
    });
    expect(s.keyless).toEqual({
      issuer: TEST_OIDC_ISSUER,
      subject: TEST_WORKFLOW,
      workflow: TEST_WORKFLOW,
      repository: null,
      logIndex: "42",
      integratedTime: new Date("2026-11-30T10:01:00Z"),
    });
  });

  it("verifies a v0.1 bundle (certificate chain, inclusion promise)", async () => {
    const { json } = await createTestBundle(sigstore, ARTIFACT, { version: "0.1" });
    expect(only(await scan(json, ARTIFACT)).verification).toEqual({ status: "verified" });
  });

  it("reads the source repository (.12) and build signer (.9) extensions", async () => {
    const { json } = await createTestBundle(sigstore, ARTIFACT, {
      leaf: {
        sans: ["URI:https://github.com/acme/app/.github/workflows/ci.yml@refs/heads/main"],
        fulcio: {
          issuerV2: TEST_OIDC_ISSUER,
          buildSignerUri: "https://github.com/acme/build/.github/workflows/sign.yml@refs/heads/main",
          sourceRepositoryUri: "https://github.com/acme/app",
        },
      },
    });
    expect(only(await scan(json, ARTIFACT)).keyless).toMatchObject({
      subject: "https://github.com/acme/app/.github/workflows/ci.yml@refs/heads/main",
      workflow: "https://github.com/acme/build/.github/workflows/sign.yml@refs/heads/main",
      repository: "https://github.com/acme/app",
    });
  });

  it("without the artifact: chain and log verified, the signature over the artifact not checked", async () => {
    const { json } = await createTestBundle(sigstore, ARTIFACT);
    const s = only(await scan(json));
    expect(s.verification.status).toBe("not-checked");
    expect(s.verification).toMatchObject({ reason: expect.stringContaining("artifact was not given") });
    expect(s.timestamp?.verified).toBe(true);
  });

  it("fails for another artifact than the one signed", async () => {
    const { json } = await createTestBundle(sigstore, ARTIFACT);
    const s = only(await scan(json, new TextEncoder().encode("release 1.2.4\n")));
    expect(s.verification).toEqual({
      status: "failed",
      reason: "the artifact's SHA-256 does not match the bundle's digest",
    });
  });

  it("fails when the signature was altered", async () => {
    const { bundle } = await createTestBundle(sigstore, ARTIFACT);
    const sig = Buffer.from(bundle.messageSignature.signature, "base64");
    sig[sig.length - 1] ^= 1;
    bundle.messageSignature.signature = sig.toString("base64");
    const s = only(await scan(new TextEncoder().encode(JSON.stringify(bundle)), ARTIFACT));
    expect(s.verification).toMatchObject({ status: "failed", reason: expect.stringContaining("TLOG_BODY_ERROR") });
    expect(s.timestamp?.verified).toBe(false);
  });

  it("fails when the entry timestamp and checkpoint are not signed by the trusted log", async () => {
    const { json } = await createTestBundle(sigstore, ARTIFACT, { rekor: otherRekorKey() });
    expect(only(await scan(json, ARTIFACT)).verification).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("TLOG_INCLUSION"),
    });
  });

  it("fails when the certificate was issued by another CA than the trusted Fulcio", async () => {
    const rogue = await createTestRootCa({ subject: "CN=Rogue Fulcio", notBefore: new Date(Date.now() - 86_400_000) });
    const { json } = await createTestBundle(sigstore, ARTIFACT, { issuer: rogue });
    expect(only(await scan(json, ARTIFACT)).verification).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("CERTIFICATE_ERROR"),
    });
  });

  it("fails when the log integrated the entry after the ten-minute certificate expired", async () => {
    const signedAt = new Date(Date.now() - 3_600_000);
    const { json } = await createTestBundle(sigstore, ARTIFACT, {
      signedAt,
      integratedTime: new Date(signedAt.getTime() + 20 * 60_000),
    });
    expect(only(await scan(json, ARTIFACT)).verification).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("CERTIFICATE_ERROR"),
    });
  });

  it("fails against the public-good root (the private instance is not trusted there)", async () => {
    const { json } = await createTestBundle(sigstore, ARTIFACT);
    const outcome = await scanArtifact("app.sigstore.json", json, { detachedContent: ARTIFACT });
    expect(only(outcome).verification).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("CERTIFICATE_ERROR"),
    });
  });

  it("reports an inclusion proof without a checkpoint as unverifiable, not as a crash", async () => {
    const { bundle } = await createTestBundle(sigstore, ARTIFACT, { version: "0.1-proof-without-checkpoint" });
    const s = only(await scan(new TextEncoder().encode(JSON.stringify(bundle)), ARTIFACT));
    expect(s.verification).toMatchObject({ status: "not-checked", reason: expect.stringContaining("unverifiable") });
  });

  it("reports an unusable trusted root as not checked", async () => {
    const { json } = await createTestBundle(sigstore, ARTIFACT);
    expect(only(await scan(json, ARTIFACT, { tlogs: [] })).verification).toMatchObject({
      status: "not-checked",
      reason: expect.stringContaining("trusted root is unusable"),
    });
  });

  it("refuses what is not a bundle, with a reason", async () => {
    const bad = await scan(new TextEncoder().encode('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}'));
    expect(bad).toMatchObject({ kind: "malformed", format: "sigstore-bundle" });
    expect(await scan(new TextEncoder().encode("{not json"))).toMatchObject({ kind: "malformed" });
  });
});

describe("real public bundles (sigstore-js fixtures) against the public-good root, offline", () => {
  const dir = path.join(__dirname, "testdata/sigstore");
  const read = (name: string) => readFileSync(path.join(dir, name));
  const hello = read("hello.txt");

  it.each(["v01-message", "v02-message", "v03-message"])("%s verifies over its artifact", async (name) => {
    const s = only(
      await scanArtifact(`${name}.sigstore.json`, read(`${name}.sigstore.json`), { detachedContent: hello }),
    );
    expect(s.verification).toEqual({ status: "verified" });
    expect(s.timestamp).toMatchObject({
      kind: "transparency-log",
      time: new Date("2022-11-09T01:33:10Z"),
      authority: "https://rekor.sigstore.dev",
      verified: true,
    });
    expect(s.keyless).toMatchObject({
      issuer: "https://github.com/login/oauth",
      subject: "brian@dehamer.com",
      logIndex: "6757503",
    });
  });

  it("the v0.1 bundle carries its whole chain", async () => {
    const s = only(await scanArtifact("v01.sigstore.json", read("v01-message.sigstore.json")));
    expect(s.certificates).toHaveLength(3);
  });

  it.each(["v02-intoto", "v03-dsse"])(
    "%s attestation verifies; its subject is not matched without the artifact",
    async (name) => {
      const s = only(await scanArtifact(`${name}.sigstore.json`, read(`${name}.sigstore.json`)));
      expect(s.verification).toMatchObject({ status: "not-checked", reason: expect.stringContaining("signature") });
      expect(s.timestamp?.verified).toBe(true);
      expect(s.location).toBe("DSSE envelope");
    },
  );

  it("a DSSE attestation over another artifact fails", async () => {
    const s = only(await scanArtifact("a.sigstore.json", read("v03-dsse.sigstore.json"), { detachedContent: hello }));
    expect(s.verification).toEqual({ status: "failed", reason: "the artifact is not a subject of the attestation" });
  });
});

describe("SIGNET_SIGSTORE_TRUSTED_ROOT", () => {
  it("is unset by default and names a file otherwise", () => {
    expect(configuredSigstoreTrustedRoot({})).toBeUndefined();
    expect(() => configuredSigstoreTrustedRoot({ SIGNET_SIGSTORE_TRUSTED_ROOT: "/nonexistent/root.json" })).toThrow(
      /SIGNET_SIGSTORE_TRUSTED_ROOT \(\/nonexistent\/root.json\)/,
    );
  });
});
