import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The built server (scripts/start.mjs) for the HTTP benchmarks (scripts/bench-http.ts), and what
// they read of it from /proc.

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The server's environment on loopback at `base`: a fixed secret, local mode, no telemetry, plus `extra`. */
export function serverEnv(base: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SIGNET_SECRET: "http-bench-secret-".padEnd(48, "x"),
    SIGNET_BASE_URL: base,
    SIGNET_ENV: "local",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

export type BenchServer = { child: ChildProcess; log: () => string };

/** Starts the built app on 127.0.0.1:`port` against `url`; resolves once it says it is listening. */
export function startServer(url: string, port: number, env: Record<string, string>): Promise<BenchServer> {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/start.mjs")], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: url, PORT: String(port), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  const server = { child, log: () => log };
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => d.toString().includes("listening on") && resolve(server));
    child.on("exit", (code) => reject(new Error(`the server exited (${code}) before listening:\n${log.slice(-2000)}`)));
  });
}

export async function stopServer(server: BenchServer) {
  if (server.child.exitCode !== null) return;
  server.child.kill("SIGTERM");
  await new Promise((r) => server.child.once("exit", r));
}

/** A memory figure of /proc/<pid>/status in MiB (VmRSS now, VmHWM the peak so far), or null. */
export function memoryMiB(pid: number | undefined, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Signs `email` in through the server's password endpoint; the session cookie to send. */
export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
