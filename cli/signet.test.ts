import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import contracts from "@/lib/api/testdata/public-contracts.json";
import { PRIVATE_KEY_MESSAGE } from "@/lib/x509";
import { createCodeSigningLeaf, createTestRootCa, type TestCertificate } from "@/lib/x509/testing/test-ca";
import type { Io } from "./io";
import { runSignet } from "./main";

const NOW = new Date("2025-06-01T00:00:00Z");

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), now: () => NOW };
  return { io, out, err, json: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

let dir: string;
let root: TestCertificate;
let leaf: TestCertificate;

beforeAll(async () => {
  root = await createTestRootCa({ notBefore: new Date("2024-01-01T00:00:00Z") });
  leaf = await createCodeSigningLeaf(root, {
    subject: "CN=Release Bot,O=Acme,C=US",
    notBefore: new Date("2025-01-01T00:00:00Z"),
    notAfter: new Date("2025-07-01T00:00:00Z"),
    crlUrls: ["http://crl.example.com/ca.crl"],
    ocspUrls: ["http://ocsp.example.com"],
  });
  dir = mkdtempSync(join(tmpdir(), "signet-cli-"));
  mkdirSync(join(dir, "good", "nested"), { recursive: true });
  mkdirSync(join(dir, "bad"));
  writeFileSync(join(dir, "good", "chain.pem"), `notes\n${leaf.pem}${root.pem}`);
  writeFileSync(join(dir, "good", "nested", "leaf.cer"), leaf.der);
  writeFileSync(join(dir, "bad", "empty.crt"), "");
  writeFileSync(join(dir, "bad", "truncated.pem"), leaf.pem.slice(0, 200));
  writeFileSync(
    join(dir, "bad", "key.pem"),
    "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n",
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("signet inspect --json", () => {
  it("prints one line per certificate and per failure; exit 0 when some inputs worked", async () => {
    const c = capture();
    const code = await runSignet(
      ["inspect", "--json", join(dir, "bad"), join(dir, "good"), join(dir, "missing.pem")],
      c.io,
    );
    expect(code).toBe(0);
    const lines = c.json();
    const certLines = lines.filter((l) => "sha256Fingerprint" in l);
    const errorLines = lines.filter((l) => "error" in l);
    expect(certLines.map((l) => [l.file, l.subject])).toEqual([
      [join(dir, "good", "chain.pem"), "CN=Release Bot,O=Acme,C=US"],
      [join(dir, "good", "chain.pem"), "CN=Signet Test Root CA,O=Signet Test,C=US"],
      [join(dir, "good", "nested", "leaf.cer"), "CN=Release Bot,O=Acme,C=US"],
    ]);
    expect(Object.keys(certLines[0])).toEqual(contracts.inspectJsonCertificate);
    expect(certLines[0]).toMatchObject({
      notBefore: "2025-01-01T00:00:00.000Z",
      notAfter: "2025-07-01T00:00:00.000Z",
      serialHex: leaf.serialHex,
      extendedKeyUsage: ["codeSigning"],
      crlDistributionPoints: ["http://crl.example.com/ca.crl"],
      ocspUrls: ["http://ocsp.example.com"],
      selfSigned: false,
    });
    expect(certLines[1]).toMatchObject({ isCA: true, selfSigned: true });
    expect(errorLines).toEqual([
      { file: join(dir, "bad", "empty.crt"), error: "empty file", code: "empty-file" },
      { file: join(dir, "bad", "key.pem"), error: PRIVATE_KEY_MESSAGE, code: "private-key-submitted" },
      {
        file: join(dir, "bad", "truncated.pem"),
        error: "truncated PEM block 1: no END CERTIFICATE line",
        code: "truncated-pem",
        block: 1,
      },
      { file: join(dir, "missing.pem"), error: "no such file or folder", code: "unreadable" },
    ]);
    expect(c.out.join("\n")).not.toContain("MC4CAQAwBQYDK2VwBCIEIA");
  });

  it("exits 1 when every input failed", async () => {
    const c = capture();
    expect(await runSignet(["inspect", "--json", join(dir, "bad")], c.io)).toBe(1);
    expect(c.json()).toHaveLength(3);
  });

  it("an empty folder is a failed input", async () => {
    mkdirSync(join(dir, "empty-folder"), { recursive: true });
    const c = capture();
    expect(await runSignet(["inspect", "--json", join(dir, "empty-folder")], c.io)).toBe(1);
    expect(c.json()).toEqual([
      { file: join(dir, "empty-folder"), error: "folder contains no files", code: "unreadable" },
    ]);
  });
});

describe("signet inspect (human)", () => {
  it("summarises each certificate with days remaining and fingerprints", async () => {
    const c = capture();
    expect(await runSignet(["inspect", join(dir, "good", "nested", "leaf.cer")], c.io)).toBe(0);
    const text = c.out.join("\n");
    expect(text).toContain("Subject:      CN=Release Bot,O=Acme,C=US");
    expect(text).toContain("Valid:        2025-01-01 00:00:00 UTC → 2025-07-01 00:00:00 UTC (30 days left)");
    expect(text).toContain("EKU:          codeSigning");
    expect(text).toContain("CRL:          http://crl.example.com/ca.crl");
    expect(text).toMatch(/SHA-256: {6}[0-9a-f]{64}/);
    expect(c.err).toEqual(["1 certificate from 1 input"]);
  });

  it("reports failures on stderr", async () => {
    const c = capture();
    expect(await runSignet(["inspect", join(dir, "bad", "empty.crt")], c.io)).toBe(1);
    expect(c.err).toEqual([
      `signet inspect: ${join(dir, "bad", "empty.crt")}: empty file`,
      "0 certificates from 1 input; 1 failed",
    ]);
  });
});

describe("usage", () => {
  it("help at both levels exits 0", async () => {
    const top = capture();
    expect(await runSignet(["--help"], top.io)).toBe(0);
    expect(top.out.join("\n")).toMatch(/inspect +show what certificate files contain/);
    const sub = capture();
    expect(await runSignet(["inspect", "--help"], sub.io)).toBe(0);
    expect(sub.out.join("\n")).toMatch(/^Usage: signet inspect \[--json\]/);
    const viaHelp = capture();
    expect(await runSignet(["help", "inspect"], viaHelp.io)).toBe(0);
    expect(viaHelp.out).toEqual(sub.out);
  });

  it.each([
    [[], /Usage: signet <command>/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["inspect"], /give at least one file or folder/],
    [["inspect", "--jsn", "x.pem"], /Unknown option '--jsn'/],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    const c = capture();
    expect(await runSignet(argv as string[], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(message);
    expect(c.out).toEqual([]);
  });
});

describe("bin/signet.mjs", () => {
  it("runs from any working directory and passes the exit code through", () => {
    const bin = join(import.meta.dirname, "..", "bin", "signet.mjs");
    const run = spawnSync(process.execPath, [bin, "inspect", "--json", join(dir, "bad", "empty.crt")], {
      cwd: tmpdir(),
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      file: join(dir, "bad", "empty.crt"),
      error: "empty file",
      code: "empty-file",
    });
  }, 20_000);
});
