import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeRoute, noParams, tokenRequest } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";
import { useTestReader, testSignedFile } from "@/lib/scan/testing";
import { createCodeSigningLeaf, createTestCas, type TestCertificate } from "@/lib/x509/testing/test-ca";
import { GET as getArtifact } from "../artifacts/[sha256]/route";
import { POST as gate } from "../gate/route";
import { POST } from "./route";

// Scans through the real route() wrapper: multipart upload with an ingest token, per-file
// outcomes, the 413 and 415 answers, "who signed this?" by SHA-256, and the release gate asked
// about a scanned artifact's digest.

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let leaf: TestCertificate;
let ca: TestCertificate;
let removeReader: () => void;
beforeAll(async () => {
  ({ intermediate: ca } = await createTestCas());
  leaf = await createCodeSigningLeaf(ca, { subject: "CN=Release Pipeline,O=Acme,C=US" });
  removeReader = useTestReader();
});
afterAll(() => removeReader());

function form(files: Record<string, Uint8Array>): FormData {
  const f = new FormData();
  for (const [name, bytes] of Object.entries(files)) f.append("file", new Blob([new Uint8Array(bytes)]), name);
  return f;
}

describeRoute("POST /api/v1/scans and GET /api/v1/artifacts/{sha256}", (route) => {
  let db: Db;
  let tokens: Record<"ingest" | "read" | "gate", string>;
  let signed: Uint8Array;

  beforeAll(async () => {
    signed = testSignedFile([leaf, ca], "release 1.0");
    db = route.db();
    tokens = await route.seedApiTokens({
      ingest: { scope: "ingest" },
      read: { scope: "read" },
      gate: { scope: "gate" },
    });
  });

  it("scans an upload and answers each file's outcome", async () => {
    const body = form({
      "app-1.0.bin": signed,
      "notes.txt": new TextEncoder().encode("no signature here"),
      "bad.bin": testSignedFile([leaf], "MALFORMED"),
    });
    const res = await POST(tokenRequest("/api/v1/scans", tokens.ingest, { method: "POST", body }), noParams);
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.summary).toMatchObject({ signed: 1, unsigned: 1, malformed: 1, discovered: 1 });
    expect(answer.unsigned).toEqual([
      { name: "notes.txt", sha256: sha256Of(new TextEncoder().encode("no signature here")) },
    ]);
    const bad = answer.files.find((f: { name: string }) => f.name === "bad.bin");
    expect(bad).toMatchObject({ outcome: "malformed", reason: "test: truncated signature" });
    expect(answer.files[0].signatures[0]).toMatchObject({
      discovery: { state: "new" },
      findings: ["signer.unregistered"],
    });
  });

  it("refuses a read token, JSON bodies and oversized files", async () => {
    const forbidden = await POST(
      tokenRequest("/api/v1/scans", tokens.read, { method: "POST", body: form({ a: signed }) }),
      noParams,
    );
    expect(forbidden.status).toBe(403);
    const json = await POST(
      tokenRequest("/api/v1/scans", tokens.ingest, { method: "POST", body: "{}", contentType: "application/json" }),
      noParams,
    );
    expect(json.status).toBe(415);
    const huge = await POST(
      tokenRequest("/api/v1/scans", tokens.ingest, {
        method: "POST",
        body: form({ "huge.iso": new Uint8Array(65 * 1024 * 1024) }),
      }),
      noParams,
    );
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.message).toMatch(/huge\.iso is 65 MiB; one file may be at most 64 MiB/);
  });

  it("answers who signed an artifact, and the gate accepts its digest once the signer is registered", async () => {
    const sha256 = sha256Of(signed);
    const lookup = await getArtifact(tokenRequest(`/api/v1/artifacts/${sha256}`, tokens.read), {
      params: Promise.resolve({ sha256 }),
    });
    expect(lookup.status).toBe(200);
    const artifact = await lookup.json();
    expect(artifact).toMatchObject({ name: "app-1.0.bin", outcome: "signed", signingEvents: [] });
    expect(artifact.signatures[0]).toMatchObject({
      signers: [],
      certificate: { sha256: sha256Of(leaf.der), subject: "CN=Release Pipeline,O=Acme,C=US" },
      verification: { status: "verified" },
    });
    const missing = await getArtifact(tokenRequest(`/api/v1/artifacts/${"0".repeat(64)}`, tokens.read), {
      params: Promise.resolve({ sha256: "0".repeat(64) }),
    });
    expect(missing.status).toBe(404);

    // the gate knows no signer for it yet, then finds the one the certificate was linked to
    const ask = () =>
      gate(
        tokenRequest("/api/v1/gate", tokens.gate, {
          method: "POST",
          contentType: "application/json",
          body: JSON.stringify({ action: "promote", environment: "staging", artifactDigest: `sha256:${sha256}` }),
        }),
        noParams,
      ).then((r) => r.json());
    expect((await ask()).reasons[0].message).toMatch(/artifact/i);
    const signer = await db.signer.create({ data: { name: "release-pipeline", kind: "ci-pipeline" } });
    const cert = await db.certificate.findUniqueOrThrow({ where: { sha256: sha256Of(leaf.der) } });
    await db.signerCertificate.create({ data: { signerId: signer.id, certificateId: cert.id } });
    const answer = await ask();
    expect(answer.signer).toMatchObject({ name: "release-pipeline" });
    expect(answer.certificate).toMatchObject({ sha256: sha256Of(leaf.der) });
  });
});
