import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testSignedFile, useTestReader } from "@/lib/scan/testing";
import { signKernelModule } from "@/lib/scan/testing/build-kmod";
import { createCodeSigningLeaf, createTestCas, type TestCertificate } from "@/lib/x509/testing/test-ca";
import { runSignet } from "../main";
import type { Io } from "../io";

// `signet scan` on a folder (file by file, unsigned skipped quietly, malformed with a reason,
// --json one line per signature with each certificate's sha256Fingerprint, --server sends the
// files to a stand-in Signet) and `signet who-signed` asking a stand-in for a file's SHA-256.

const sha256 = (b: Uint8Array | Buffer) => createHash("sha256").update(b).digest("hex");
let dir: string;
let leaf: TestCertificate;
let ca: TestCertificate;
let removeReader: () => void;
let server: http.Server;
let url: string;
let received: { method?: string; path?: string; auth?: string; body: string } = { body: "" };
let answer: { status: number; body: unknown } = { status: 200, body: {} };

beforeAll(async () => {
  removeReader = useTestReader();
  ({ intermediate: ca } = await createTestCas());
  leaf = await createCodeSigningLeaf(ca, { subject: "CN=Folder Signer,O=Acme,C=US" });
  dir = mkdtempSync(join(tmpdir(), "signet-scan-"));
  mkdirSync(join(dir, "release", "nested"), { recursive: true });
  writeFileSync(join(dir, "release", "app.bin"), testSignedFile([leaf, ca], "app"));
  writeFileSync(join(dir, "release", "nested", "lib.bin"), testSignedFile([leaf], "lib"));
  writeFileSync(join(dir, "release", "readme.txt"), "not signed");
  writeFileSync(join(dir, "release", "broken.bin"), testSignedFile([leaf], "MALFORMED"));
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received = {
        method: req.method,
        path: req.url,
        auth: req.headers.authorization,
        body: Buffer.concat(chunks).toString("latin1"),
      };
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  removeReader();
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  process.env.SIGNET_TOKEN = "sgt_test";
  delete process.env.SIGNET_URL;
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), now: () => new Date() };
  return { value, out, err };
}

describe("signet scan", () => {
  it("walks a folder, lists the signed files, skips unsigned ones and reports malformed ones", async () => {
    const t = io();
    expect(await runSignet(["scan", join(dir, "release")], t.value)).toBe(0);
    expect(t.out.filter((l) => !l.startsWith(" "))).toEqual([
      `${join(dir, "release", "app.bin")}  cms-detached, 1 signature`,
      `${join(dir, "release", "nested", "lib.bin")}  cms-detached, 1 signature`,
    ]);
    expect(t.out[1]).toMatch(/signature 1: CN=Folder Signer,O=Acme,C=US; verified/);
    expect(t.out.join("\n")).not.toContain("readme.txt");
    expect(t.err).toContain(`${join(dir, "release", "broken.bin")}: malformed cms-detached: test: truncated signature`);
    expect(t.err.at(-1)).toBe("scanned 4 files: 2 signed (2 signatures), 1 unsigned, 1 malformed");
  });

  it("--json prints one line per signature with each certificate's sha256Fingerprint", async () => {
    const t = io();
    expect(await runSignet(["scan", "--json", join(dir, "release")], t.value)).toBe(0);
    const lines = t.out.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      name: "app.bin",
      format: "cms-detached",
      location: "signature 1",
      signer: { sha256Fingerprint: sha256(leaf.der), subject: "CN=Folder Signer,O=Acme,C=US" },
      verification: { status: "verified" },
    });
    expect(lines[0].certificates.map((c: { sha256Fingerprint: string }) => c.sha256Fingerprint)).toEqual([
      sha256(leaf.der),
      sha256(ca.der),
    ]);
  });

  it("--server sends the files to Signet and says what it recorded", async () => {
    answer = {
      status: 200,
      body: { summary: { signed: 2, unsigned: 1, malformed: 1, failed: 0, discovered: 1 }, files: [] },
    };
    const t = io();
    expect(await runSignet(["scan", "--server", url, join(dir, "release")], t.value)).toBe(0);
    expect(received).toMatchObject({ method: "POST", path: "/api/v1/scans", auth: "Bearer sgt_test" });
    expect(received.body).toContain('filename="');
    expect(t.err.at(-1)).toMatch(
      /recorded in Signet: 2 signed, 1 unsigned, 1 malformed, 0 failed, 1 new unregistered signer$/,
    );
  });

  it("names a signer that carries no certificate by issuer and serial, and verifies it with --certificates", async () => {
    const module = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, ...new TextEncoder().encode("module code")]);
    mkdirSync(join(dir, "modules"), { recursive: true });
    const ko = join(dir, "modules", "e1000e.ko");
    writeFileSync(ko, await signKernelModule(module, leaf));
    writeFileSync(join(dir, "modules", "signing_key.pem"), leaf.pem);
    const alone = io();
    expect(await runSignet(["scan", ko], alone.value)).toBe(0);
    expect(alone.out[1]).toBe(
      `  appended signature: issuer CN=Signet Test Code Signing CA,O=Signet Test,C=US, serial ${leaf.serialHex}; not-checked: the signer's certificate is not in the signature`,
    );
    const json = io();
    expect(await runSignet(["scan", "--json", ko], json.value)).toBe(0);
    expect(JSON.parse(json.out[0])).toMatchObject({
      signer: null,
      signerId: { issuer: "CN=Signet Test Code Signing CA,O=Signet Test,C=US", serialNumberHex: leaf.serialHex },
    });
    const known = io();
    expect(await runSignet(["scan", "--certificates", join(dir, "modules", "signing_key.pem"), ko], known.value)).toBe(
      0,
    );
    expect(known.out[1]).toBe("  appended signature: CN=Folder Signer,O=Acme,C=US; verified");
    const bad = io();
    expect(await runSignet(["scan", "--certificates", ko, ko], bad.value)).toBe(2);
    expect(bad.err[0]).toMatch(new RegExp(`^signet scan: --certificates ${ko}: `));
  });

  it("needs a token for --server and fails on unreadable input", async () => {
    delete process.env.SIGNET_TOKEN;
    const t = io();
    expect(await runSignet(["scan", "--server", url, dir], t.value)).toBe(2);
    process.env.SIGNET_TOKEN = "sgt_test";
    const u = io();
    expect(await runSignet(["scan", join(dir, "no-such-file")], u.value)).toBe(1);
    expect(u.err[0]).toMatch(/no-such-file: no such file or folder/);
  });
});

describe("signet who-signed", () => {
  it("hashes the file and prints who signed it", async () => {
    const bytes = testSignedFile([leaf, ca], "app");
    answer = {
      status: 200,
      body: {
        name: "app.bin",
        sha256: sha256(bytes),
        outcome: "signed",
        signatures: [
          {
            location: "signature 1",
            certificate: { sha256: sha256(leaf.der), subject: "CN=Folder Signer,O=Acme,C=US" },
            signers: [{ id: "s1", name: "release-bot" }],
            discovery: null,
            timestamp: { kind: "rfc3161", at: "2026-12-01T10:00:00.000Z", isVerified: true },
            verification: { status: "verified" },
            keyless: null,
          },
        ],
        signingEvents: [{ signerName: "release-bot", signedAt: "2026-12-01T10:00:05.000Z", environment: "production" }],
      },
    };
    const t = io();
    expect(await runSignet(["who-signed", "--server", url, join(dir, "release", "app.bin")], t.value)).toBe(0);
    expect(received.path).toBe(`/api/v1/artifacts/${sha256(bytes)}`);
    expect(t.out[1]).toBe(
      "  signature 1: release-bot — CN=Folder Signer,O=Acme,C=US; verified; rfc3161 2026-12-01T10:00:00.000Z",
    );
    expect(t.out[2]).toBe("  reported: release-bot signed it on 2026-12-01T10:00:05.000Z for production");
  });

  it("says when Signet has not seen the file", async () => {
    answer = { status: 404, body: { error: { code: "not_found", message: "Artifact not found" } } };
    const t = io();
    expect(await runSignet(["who-signed", "--server", url, join(dir, "release", "readme.txt")], t.value)).toBe(1);
    expect(t.err[0]).toMatch(/Signet has not seen this artifact; scan it first/);
  });
});
