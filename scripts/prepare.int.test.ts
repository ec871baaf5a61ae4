import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// `npm start`'s preparation step, as a user meets it: good start, restart, and bad configuration
// failing with one line (no stack trace).
const root = path.resolve(import.meta.dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "signet-prepare-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function prepare(env: Record<string, string | undefined>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !["DATABASE_URL", "SIGNET_SECRET", "SIGNET_DATA_DIR", "NODE_ENV", "SIGNET_ENV"].includes(k),
    ),
  );
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/prepare.ts"], {
    cwd: root,
    env: { ...clean, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

describe("start-up preparation", () => {
  it("creates the data directory, a local secret and the database, and does not re-run migrations on restart", () => {
    const dataDir = path.join(tmp, "fresh", "data");
    const first = prepare({ SIGNET_DATA_DIR: dataDir });
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/applied \d+ migration/);
    expect(fs.existsSync(path.join(dataDir, "signet.db"))).toBe(true);
    const secret = fs.readFileSync(path.join(dataDir, ".secret"), "utf8");
    expect(secret.trim().length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(dataDir, ".secret")).mode & 0o077).toBe(0);

    const second = prepare({ SIGNET_DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/up to date/);
    expect(fs.readFileSync(path.join(dataDir, ".secret"), "utf8")).toBe(secret);
  });

  it("fails with one line when the data directory cannot be written", () => {
    const blocker = path.join(tmp, "a-file");
    fs.writeFileSync(blocker, "not a directory");
    const r = prepare({ SIGNET_DATA_DIR: path.join(blocker, "data") });
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/^signet: .*not writable/);
  });

  it("fails with one line when PostgreSQL is unreachable", () => {
    const r = prepare({
      SIGNET_DATA_DIR: path.join(tmp, "pg"),
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5999/signet",
    });
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/^signet: .*127\.0\.0\.1:5999/);
  });

  it("fails with one line when production mode has no secret", () => {
    const r = prepare({ SIGNET_DATA_DIR: path.join(tmp, "prod"), NODE_ENV: "production" });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "signet: SIGNET_SECRET is not set: production mode needs a random secret of at least 32 characters (e.g. `openssl rand -base64 48`)",
    );
  });

  it("refuses a DATABASE_URL of an unknown kind", () => {
    const r = prepare({ SIGNET_DATA_DIR: path.join(tmp, "bad"), DATABASE_URL: "mysql://root@127.0.0.1/x" });
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/DATABASE_URL must start with/);
  });
});
