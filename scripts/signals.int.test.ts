import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { buildIfNeeded } from "./build-if-needed.mjs";

// issue 14, operations: stopping `npm start` or `signet import` must stop what they started.

const root = path.resolve(import.meta.dirname, "..");

/** Processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function descendantsOf(pid: number): number[] {
  const kids = childrenOf(pid);
  return kids.flatMap((k) => [k, ...descendantsOf(k)]);
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
};

async function waitUntil(check: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

function waitForOutput(child: ChildProcess, pattern: RegExp, ms: number) {
  return new Promise<void>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms; output: ${seen.slice(-500)}`)), ms);
    const on = (d: Buffer) => {
      seen += d.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", on);
    child.stderr?.on("data", on);
  });
}

describe("signals", () => {
  let database: TestDatabase;
  let certDir: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-signals-"));
    const real = path.join(root, "lib/x509/testdata/real");
    const files = fs.readdirSync(real).filter((f) => f.endsWith(".pem"));
    // enough files that the import runs for a while
    for (let i = 0; i < 300; i++)
      for (const f of files) fs.copyFileSync(path.join(real, f), path.join(certDir, `${i}-${f}`));
  });
  afterAll(async () => {
    fs.rmSync(certDir, { recursive: true, force: true });
    await database.cleanup();
  });

  for (const signal of ["SIGTERM", "SIGINT", "SIGKILL"] as const) {
    it(`${signal} to the signet bin during an import stops the importer at once`, async () => {
      const child = spawn(process.execPath, [path.join(root, "bin/signet.mjs"), "import", "--json", certDir], {
        cwd: os.tmpdir(),
        env: { ...process.env, DATABASE_URL: database.url },
        stdio: ["ignore", "pipe", "pipe"],
      });
      try {
        // the import is under way once it has started its database work (or printed a result)
        await new Promise((r) => setTimeout(r, 4000));
        const pid = child.pid!;
        expect(child.exitCode, "the import should still be running").toBeNull();
        const started = descendantsOf(pid);
        child.kill(signal);
        expect(await waitUntil(() => !isAlive(pid), 3000)).toBe(true);
        // nothing it started lives on (the importer runs in the bin's own process)
        for (const p of started) expect(await waitUntil(() => !isAlive(p), 3000), `pid ${p}`).toBe(true);
      } finally {
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    }, 120_000);
  }

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} to \`npm start\` stops the server it started`, async () => {
      buildIfNeeded();
      const child = spawn("npm", ["start"], {
        cwd: root,
        env: {
          ...process.env,
          // any free port, the kernel's choice: nothing here connects to it
          PORT: "0",
          HOSTNAME: "127.0.0.1",
          DATABASE_URL: database.url,
          SIGNET_SECRET: "s".repeat(48),
          SIGNET_JOBS: "off",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      try {
        await waitForOutput(child, /listening on/, 600_000);
        const npmPid = child.pid!;
        const started = descendantsOf(npmPid);
        expect(started.length).toBeGreaterThan(0);
        child.kill(signal);
        expect(
          await waitUntil(() => started.every((p) => !isAlive(p)), 8000),
          `left running: ${started.filter(isAlive)}`,
        ).toBe(true);
        expect(await waitUntil(() => !isAlive(npmPid), 8000)).toBe(true);
      } finally {
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    }, 660_000);
  }
});
