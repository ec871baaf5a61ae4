import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, type TestDatabaseHandle } from "@/lib/testing/databases";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { freePorts } from "./testing/free-ports";
import { httpRequest } from "./testing/http-request";

// Issue 14's HTTP-level findings, against the built app served by scripts/server.mjs on a real
// port (built first when the sources changed). SQLite always, PostgreSQL with TEST_POSTGRES_URL.

const root = path.resolve(import.meta.dirname, "..");
const PER_ADDRESS = 7;
// a build first when the sources changed (run alone after an edit), then the server's start
const BUILD_AND_START_MS = 600_000;

async function auditRows(db: TestDatabaseHandle): Promise<{ action: string; ip: string | null; summary: string }[]> {
  const sql = `SELECT "action", "ip", "summary" FROM "AuditEvent" WHERE "action" LIKE 'auth.%' ORDER BY "at"`;
  if (db.flavour === "sqlite") {
    const conn = new Database(db.url.replace(/^file:/, ""), { readonly: true });
    try {
      return conn.prepare(sql).all() as { action: string; ip: string | null; summary: string }[];
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const request = httpRequest;

const signIn = (port: number, email: string, xff: string) =>
  request(port, {
    method: "POST",
    path: "/api/auth/sign-in/email",
    headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}`, "x-forwarded-for": xff },
    body: JSON.stringify({ email, password: "wrong-password-guess" }),
  });

function rssKiB(pid: number) {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}

describeEachDatabase("the built app behind scripts/server.mjs", (db) => {
  let server: ChildProcess;
  let port: number;

  beforeAll(async () => {
    buildIfNeeded();
    [port] = await freePorts(1);
    server = spawn(process.execPath, [path.join(root, "scripts/server.mjs")], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        SIGNET_ENV: "local",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: db.url,
        SIGNET_SECRET: "s".repeat(48),
        SIGNET_BASE_URL: `http://127.0.0.1:${port}`,
        SIGNET_LOGIN_ATTEMPTS_PER_MINUTE: String(PER_ADDRESS),
        SIGNET_JOBS: "off",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stderr?.on("data", (d) => process.stderr.write(d));
    await new Promise<void>((resolve, reject) => {
      server.stdout?.on("data", (d: Buffer) => d.toString().includes("listening on") && resolve());
      server.on("exit", (code) => reject(new Error(`server exited ${code}`)));
    });
  }, BUILD_AND_START_MS);
  afterAll(async () => {
    if (server?.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
  });

  it("locks an account after 5 failures whatever X-Forwarded-For says, then limits the address, and audits in aggregate", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(port, "Victim@Example.test", `198.51.100.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await signIn(port, "victim@example.test", "203.0.113.50");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    // the per-address limit counts every attempt from this socket, whatever the header says
    const other: number[] = [];
    for (let i = 0; i < PER_ADDRESS; i++)
      other.push((await signIn(port, `nobody${i}@example.test`, `192.0.2.${i}`)).status);
    expect(other.slice(0, PER_ADDRESS - 5)).toEqual(Array(PER_ADDRESS - 5).fill(401));
    expect(other.at(-1)).toBe(429);

    const rows = await auditRows(db);
    const forVictim = rows.filter((r) => r.summary.includes("victim@example.test"));
    // five failures, one row; one lock; two throttled attempts, one row
    expect(forVictim.filter((r) => r.action === "auth.sign-in-failed")).toHaveLength(1);
    expect(forVictim.filter((r) => r.action === "auth.sign-in-locked")).toHaveLength(1);
    expect(forVictim.filter((r) => r.action === "auth.sign-in-throttled")).toHaveLength(1);
    expect(rows.some((r) => r.action === "auth.sign-in-throttled" && !r.summary.includes("victim"))).toBe(true);
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(["127.0.0.1"]));
  });

  it("answers TRACE 405, bad percent-encoding 400 and CR/LF or backslash in next without 5xx or a foreign redirect", async () => {
    expect((await request(port, { method: "TRACE", path: "/" })).status).toBe(405);
    expect((await request(port, { path: "/sign-in?next=%E0%A4%A" })).status).toBe(400);
    for (const next of ["%0d%0aSet-Cookie:%20x=y", "/%5Cevil.example/", "//evil.example", "https://evil.example/"]) {
      const r = await request(port, { path: `/sign-in?next=${next}` });
      expect(r.status, next).toBeLessThan(500);
      expect(r.headers.location ?? "", next).not.toMatch(/evil|Set-Cookie/i);
    }
  });

  it("refuses a 100 MiB unauthenticated POST with 413 at once, without the server's memory growing", async () => {
    const before = rssKiB(server.pid!);
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/auth/sign-in/email",
        headers: { "content-type": "application/json" },
        agent: false,
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", (e) => (req.destroyed ? undefined : reject(e)));
      const chunk = Buffer.alloc(256 * 1024, 97);
      let sent = 0;
      const pump = () => {
        while (sent < 400 && !req.destroyed) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!req.destroyed) req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(rssKiB(server.pid!) - before).toBeLessThan(64 * 1024);
  });

  it("sends a nonce CSP with the page, and the page's scripts carry that nonce", async () => {
    const r = await request(port, { path: "/setup" });
    const csp = String(r.headers["content-security-policy"] ?? "");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const scripts = [...r.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(r.headers["strict-transport-security"]).toBeUndefined(); // http base URL
  });

  it("refuses a JSON route's body of another content type (415) and too large (413)", async () => {
    const token = { authorization: "Bearer not-a-token" };
    // unauthenticated comes first: the limits matter once a caller is let in; here the server cap
    const big = await request(port, {
      method: "POST",
      path: "/api/v1/signing-events",
      headers: { ...token, "content-type": "application/json", "content-length": String(2 * 1024 * 1024) },
    });
    expect(big.status).toBe(413);
  });
});
