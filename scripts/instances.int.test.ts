import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuth } from "@/lib/auth/auth";
import { disconnectDb } from "@/lib/db/client";
import { listJobs, registerBuiltinJobs } from "@/lib/jobs";
import { OVERVIEW_MAX_AGE_MS } from "@/lib/db/inventory/overview";
import { createEmptyTestDatabase, testPostgresUrl, type TestDatabase } from "@/lib/testing/databases";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { freePorts } from "./testing/free-ports";
import { httpRequest, type HttpRequestOptions } from "./testing/http-request";

// Issue 18 item 4: two instances of the built app (scripts/start.mjs: migrate, then serve) on one
// PostgreSQL database, each on its own port, started together on an empty database. Proves that
// concurrent migrations are safe, that a session and the login rate limit work whichever instance
// answers, that a scheduled job runs once per period across both, and that a change made through
// one instance reaches the other's overview within the cache's stated staleness. PostgreSQL only
// (several instances on one SQLite file is not a supported deployment): runs with TEST_POSTGRES_URL.

const root = path.resolve(import.meta.dirname, "..");
const PER_ADDRESS = 6;
const PASSWORD = "two-instances-Pa55word!";
const SECRET = "instances-test-secret-".padEnd(48, "x");
// the scheduler's first tick comes 15 s (+ up to 5 s jitter) after start-up
const FIRST_TICK_MS = 20_000;
const TIMEOUT = 180_000;

type Instance = { port: number; base: string; process: ChildProcess; output: () => string; upAt: number };

/** JSON bodies are sent as a browser would, from the instance's own origin */
const request = (port: number, options: HttpRequestOptions) =>
  httpRequest(port, {
    ...options,
    headers: {
      ...(options.body ? { "content-type": "application/json", origin: `http://127.0.0.1:${port}` } : {}),
      ...options.headers,
    },
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startInstance(port: number, url: string, dataDir: string): Instance {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      SIGNET_ENV: "local",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: url,
      SIGNET_SECRET: SECRET,
      SIGNET_BASE_URL: base,
      SIGNET_DATA_DIR: dataDir,
      SIGNET_LOGIN_ATTEMPTS_PER_MINUTE: String(PER_ADDRESS),
      SIGNET_JOBS: "on",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  return { port, base, process: child, output: () => out, upAt: 0 };
}

async function waitHealthy(instance: Instance, ms = 120_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (instance.process.exitCode !== null)
      throw new Error(`instance on ${instance.port} exited ${instance.process.exitCode}:\n${instance.output()}`);
    try {
      if ((await request(instance.port, { path: "/api/health" })).status === 200) {
        instance.upAt = Date.now();
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`instance on ${instance.port} not healthy within ${ms} ms:\n${instance.output().slice(-2000)}`);
}

async function stop(instance: Instance | undefined) {
  if (!instance || instance.process.exitCode !== null || instance.process.signalCode !== null) return;
  const exited = new Promise((r) => instance.process.once("exit", r));
  instance.process.kill("SIGTERM");
  const timer = setTimeout(() => instance.process.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

const cookieOf = (headers: http.IncomingHttpHeaders) =>
  (headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");

(testPostgresUrl() ? describe : describe.skip)("two app instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  let a: Instance;
  let b: Instance;
  let sql: pg.Client;
  let cookie = "";
  const dataDirs: string[] = [];

  beforeAll(async () => {
    buildIfNeeded();
    database = await createEmptyTestDatabase("postgres");
    for (let i = 0; i < 2; i++) dataDirs.push(fs.mkdtempSync(path.join(os.tmpdir(), "signet-instances-")));
    // started together on an empty database: both migrate at once
    const [portA, portB] = await freePorts(2);
    a = startInstance(portA, database.url, dataDirs[0]);
    b = startInstance(portB, database.url, dataDirs[1]);
    await Promise.all([waitHealthy(a), waitHealthy(b)]);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    // an administrator with a password, created as bench:http does (no self-service sign-up)
    Object.assign(process.env, { DATABASE_URL: database.url, SIGNET_SECRET: SECRET, SIGNET_BASE_URL: a.base });
    delete (globalThis as { __signetAuth?: unknown }).__signetAuth;
    await getAuth().api.createUser({
      body: { email: "admin@instances.example", password: PASSWORD, name: "Two Instances", role: "admin" },
    });
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await sql?.end();
    await disconnectDb();
    await database?.cleanup();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  }, TIMEOUT);

  it("both come up healthy after migrating at once, and each migration is applied exactly once", async () => {
    const folders = fs
      .readdirSync(path.join(root, "prisma/postgres/migrations"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const rows = (
      await sql.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        `SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`,
      )
    ).rows;
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
    for (const instance of [a, b]) expect((await request(instance.port, { path: "/api/health" })).status).toBe(200);
    // one of them applied the migrations, the other found the database up to date (or waited for it)
    const applied = [a, b].filter((i) => /applied \d+ migration/.test(i.output()));
    expect(applied.length, a.output() + b.output()).toBeLessThanOrEqual(1);
  });

  it("a session made by signing in on A is accepted by B", async () => {
    const signIn = await request(a.port, {
      method: "POST",
      path: "/api/auth/sign-in/email",
      body: JSON.stringify({ email: "admin@instances.example", password: PASSWORD }),
    });
    expect(signIn.status, signIn.text).toBe(200);
    cookie = cookieOf(signIn.headers);
    expect(cookie).toMatch(/session_token=/);
    expect((await request(b.port, { path: "/api/v1/signers" })).status).toBe(401);
    const onB = await request(b.port, { path: "/api/v1/signers", headers: { cookie } });
    expect(onB.status, onB.text).toBe(200);
    const me = await request(b.port, { path: "/api/auth/get-session", headers: { cookie } });
    expect(JSON.parse(me.text)?.user?.email).toBe("admin@instances.example");
  });

  it("the login rate limit is shared: attempts alternating between A and B hit it at the same count", async () => {
    // an address of this test's own (Linux answers all of 127.0.0.0/8), as e2e/99-rate-limit does
    const from = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 3; i++) {
      const r = await request((i % 2 === 0 ? a : b).port, {
        method: "POST",
        path: "/api/auth/sign-in/email",
        // a different account each time: the per-account lock must not be what answers 429
        body: JSON.stringify({ email: `nobody-${i}@instances.example`, password: `guess-number-${i}` }),
        localAddress: from,
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([...Array(PER_ADDRESS).fill(401), ...Array(3).fill(429)]);
  });

  it(
    "a change made through A reaches B's overview within the cache's stated staleness",
    async () => {
      const signersOn = async (instance: Instance) => {
        const r = await request(instance.port, { path: "/api/v1/overview", headers: { cookie } });
        expect(r.status, r.text).toBe(200);
        return (JSON.parse(r.text) as { signers: { total: { count: number } } }).signers.total.count;
      };
      const createOnA = async (name: string) => {
        const r = await request(a.port, {
          method: "POST",
          path: "/api/v1/signers",
          headers: { cookie },
          body: JSON.stringify({ name, kind: "ci-pipeline" }),
        });
        expect(r.status, r.text).toBe(201);
      };
      await createOnA("instances-first");
      const before = await signersOn(b); // B computes and caches a non-empty overview
      expect(before).toBe(1);
      await createOnA("instances-second");
      const changedAt = Date.now();
      let seen = before;
      while (seen === before && Date.now() - changedAt < OVERVIEW_MAX_AGE_MS + 20_000) {
        await sleep(1_000);
        seen = await signersOn(b);
      }
      expect(seen).toBe(2);
      // stale-while-revalidate: the first read after the maximum age starts the refresh, a later one sees it
      expect(Date.now() - changedAt).toBeLessThanOrEqual(OVERVIEW_MAX_AGE_MS + 20_000);
    },
    TIMEOUT,
  );

  it(
    "a scheduled job runs once per period across both instances",
    async () => {
      // both schedulers have had their first tick, and every run they started has finished
      const bothTicked = Math.max(a.upAt, b.upAt) + FIRST_TICK_MS;
      await sleep(Math.max(0, bothTicked - Date.now()));
      const runsOf = async () =>
        (
          await sql.query<{ job: string; instanceId: string; status: string }>(
            `SELECT "job", "instanceId", "status" FROM "JobRun"`,
          )
        ).rows;
      const end = Date.now() + 60_000;
      while ((await runsOf()).some((r) => r.status === "running") && Date.now() < end) await sleep(500);
      const runs = await runsOf();
      // every job whose period is longer than this test ran exactly once, on one instance or the other
      registerBuiltinJobs();
      const longJobs = listJobs().filter((j) => j.intervalMs >= 5 * 60_000);
      expect(longJobs.map((j) => j.name)).toEqual(expect.arrayContaining(["alerts.sweep", "findings.evaluate"]));
      for (const job of longJobs) {
        const mine = runs.filter((r) => r.job === job.name);
        expect(mine, `${job.name}: ${JSON.stringify(runs)}`).toHaveLength(1);
        expect(
          [a, b].some((i) => mine[0].instanceId.includes(`:${i.process.pid}:`)),
          mine[0].instanceId,
        ).toBe(true);
      }
    },
    TIMEOUT,
  );
});
