import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pickCertificateFields } from "@/lib/domain/certificate-fields";
import { parseCertificateFile } from "./parse-file";
import { ParsePool, parseFilesInPool, type PoolFile } from "./parse-pool";
import { createKeyPool, generateBulkLeaves } from "./testing/bulk-leaves";
import { createTestRootCa } from "./testing/test-ca";

const toPem = (der: Uint8Array) =>
  new TextEncoder().encode(
    `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64")}\n-----END CERTIFICATE-----\n`,
  );

let files: PoolFile[];
let issuer: Awaited<ReturnType<typeof createTestRootCa>>;

beforeAll(async () => {
  issuer = await createTestRootCa({ key: "P-256", notBefore: new Date("2024-01-01T00:00:00Z") });
  const keyPool = await createKeyPool(2, "P-256");
  const leaves = Array.from(generateBulkLeaves({ issuer, count: 150, keyPool }), (l) => l.der);
  files = leaves.map((der, i) => ({ name: `leaf-${i}.${i % 2 ? "pem" : "der"}`, bytes: i % 2 ? toPem(der) : der }));
  // bad files scattered through the batches, so order and error reporting are both exercised
  files.splice(3, 0, { name: "empty.crt", bytes: new Uint8Array() });
  files.splice(77, 0, { name: "cut.der", bytes: leaves[5].subarray(0, 100) });
  files.splice(140, 0, {
    name: "bundle.pem",
    bytes: new Uint8Array([...toPem(leaves[1]), ...toPem(leaves[2]), ...toPem(leaves[1])]),
  });
});

describe("parseFilesInPool", () => {
  it("gives exactly what parseCertificateFile gives, in input order, using worker threads", async () => {
    const progress: number[] = [];
    const pooled = await parseFilesInPool(files, {
      size: 2,
      minFilesForWorkers: 0,
      onProgress: (p) => progress.push(p.done),
    });
    const direct = files.map((f) => parseCertificateFile(f.bytes, { fileName: f.name }));
    expect(pooled).toHaveLength(files.length);
    expect(pooled).toEqual(direct); // Dates and Uint8Arrays survive the structured clone
    expect(pooled[3].errors[0].code).toBe("empty-file");
    expect(pooled[77].errors[0].code).toBe("der-length-exceeds-file");
    expect(pooled[140]).toMatchObject({ duplicateCount: 1 });
    expect(progress.length).toBeGreaterThan(1); // one call per batch, not just one at the end
    expect(progress.at(-1)).toBe(files.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // the caller's arrays were copied, not transferred away
    expect(files[0].bytes.byteLength).toBeGreaterThan(0);
  }, 60_000); // worker start-up loads tsx and the ASN.1 libraries: seconds on a busy 2-core box

  it("a throwing onProgress rejects the call and stops the workers", async () => {
    const failing = parseFilesInPool(files, {
      size: 2,
      minFilesForWorkers: 0,
      onProgress: () => {
        throw new Error("progress sink broke");
      },
    });
    await expect(failing).rejects.toThrow("progress sink broke");
  }, 60_000);

  it("parses small inputs on the calling thread with the same result", async () => {
    const few = files.slice(0, 5);
    expect(await parseFilesInPool(few)).toEqual(few.map((f) => parseCertificateFile(f.bytes, { fileName: f.name })));
    expect(await parseFilesInPool([])).toEqual([]);
  });

  describe("when the caller runs under plain tsx", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "signet-pool-"));
      files
        .slice(0, 40)
        .forEach((f, i) => writeFileSync(join(dir, `${String(i).padStart(3, "0")}-${f.name}`), f.bytes));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("loads the worker entry and returns the same certificates", () => {
      const script = resolve(import.meta.dirname, "testing/pool-smoke.ts");
      const run = spawnSync(process.execPath, ["--import", "tsx", script, dir], {
        cwd: resolve(import.meta.dirname, "../.."),
        encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const out = JSON.parse(run.stdout) as { fileName: string; sha256: string[]; errors: string[] }[];
      expect(out).toHaveLength(40);
      const expected = files.slice(0, 40).map((f) => parseCertificateFile(f.bytes));
      expect(out.map((r) => r.sha256)).toEqual(expected.map((r) => r.certificates.map((c) => c.sha256)));
      expect(out[3].errors).toEqual(["empty-file"]);
    }, 60_000);
  });
});

describe("ParsePool inFlightPerWorker", () => {
  it("hands a busy caller's whole call to the workers at once, not two batches at a time", async () => {
    const some = files.slice(0, 150); // five batches of up to 32
    for (const [options, expected] of [
      [{}, 2],
      [{ inFlightPerWorker: Number.POSITIVE_INFINITY }, 5],
    ] as const) {
      const pool = new ParsePool(1, options);
      try {
        const parsing = pool.parse(some);
        expect(pool.batchesInFlight).toBe(expected);
        expect(await parsing).toEqual(some.map((f) => parseCertificateFile(f.bytes, { fileName: f.name })));
      } finally {
        await pool.close();
      }
    }
  }, 60_000);
});

describe("ParsePool.parseForStoring", () => {
  it("sends each certificate's stored fields, key hash and checks: parse's results without the rest", async () => {
    const pool = new ParsePool(1);
    try {
      const stored = await pool.parseForStoring(files);
      const whole = files.map((f) => parseCertificateFile(f.bytes, { fileName: f.name }));
      expect(stored).toEqual(
        whole.map((r) => ({
          ...r,
          certificates: r.certificates.map((c) => ({
            ...pickCertificateFields(c),
            spkiSha256: c.spkiSha256,
            issuerChecks: undefined,
          })),
        })),
      );
      expect(Object.keys(stored.find((r) => r.certificates.length > 0)!.certificates[0])).not.toContain(
        "subjectAttributes",
      );
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe("ParsePool.addIssuers", () => {
  it("has the workers check later certificates against the issuers given, a look-alike CA included", async () => {
    // same subject DN as the real issuer, another key: a candidate by name whose check must fail
    const impostor = await createTestRootCa({ key: "P-256", notBefore: new Date("2024-01-01T00:00:00Z") });
    const sha256Of = (der: Uint8Array) => parseCertificateFile(der).certificates[0].sha256;
    const leaves = files.filter((f) => f.name.startsWith("leaf-")).slice(0, 80);
    const pool = new ParsePool(2);
    try {
      const before = await pool.parse(leaves);
      expect(before.flatMap((r) => r.certificates).every((c) => c.issuerChecks === undefined)).toBe(true);
      pool.addIssuers([issuer.der, impostor.der, issuer.der]);
      const after = await pool.parse(leaves);
      const checks = after.flatMap((r) => r.certificates.map((c) => c.issuerChecks));
      expect(checks).toHaveLength(80);
      for (const c of checks)
        expect(c).toEqual(
          expect.arrayContaining([
            { issuerSha256: sha256Of(issuer.der), isSignedBy: true },
            { issuerSha256: sha256Of(impostor.der), isSignedBy: false },
          ]),
        );
      // the issuers themselves are self-signed: nothing to check
      const cas = await pool.parse(
        Array.from({ length: 40 }, (_, i) => ({ name: `ca-${i}.der`, bytes: i % 2 ? issuer.der : impostor.der })),
      );
      expect(cas.every((r) => r.certificates[0].issuerChecks === undefined)).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
