// `npm run jobs:run-once -- --now …` as an operator runs it: a child process against a real
// database. A certificate imported 5 days before it expires has an open cert.expired finding once
// the jobs run 6 days later, and the overview counts it; the clock override is refused where the
// attestation clock override is.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { computeOverview } from "@/lib/db/inventory/overview";
import { describeEachDatabase } from "@/lib/testing/databases";
import { importSignerLeaf } from "./testing/imported-leaf";

const DAY = 86_400_000;
const ADMIN = { role: "admin" as const, personId: null };

function runOnce(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "-s", "jobs:run-once", "--", ...args],
      { cwd: process.cwd(), env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describeEachDatabase("jobs:run-once --now", (database) => {
  let db: Db;
  let dataDir: string;
  let certificateId: string;
  const now = new Date();
  const sixDaysLater = new Date(now.getTime() + 6 * DAY);
  // a throw-away session secret: the mail jobs read the configuration
  const secret = randomBytes(32).toString("hex");
  const env = () => ({
    DATABASE_URL: database.url,
    SIGNET_DATA_DIR: dataDir,
    SIGNET_SECRET: secret,
    SIGNET_ALLOW_CLOCK_OVERRIDE: "1",
    NODE_ENV: "test",
    SMTP_URL: "",
  });

  beforeAll(async () => {
    db = createDb(database.url);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-run-once-"));
    ({ certificateId } = await importSignerLeaf(db, { now, expiresInDays: 5, name: "Five Days Left" }));
  });
  afterAll(async () => {
    await db.$disconnect();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const expired = () =>
    db.finding.findUnique({
      where: {
        ruleId_subjectType_subjectId: { ruleId: "cert.expired", subjectType: "certificate", subjectId: certificateId },
      },
    });
  const critical = async (at: Date) =>
    (await computeOverview(db, ADMIN, at)).findingsBySeverity.find((s) => s.severity === "critical")?.count ?? 0;

  it("refuses --now unless the clock override is allowed, and in production", async () => {
    const denied = await runOnce(["--now", sixDaysLater.toISOString()], { ...env(), SIGNET_ALLOW_CLOCK_OVERRIDE: "" });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/--now refused: The clock cannot be overridden/);
    const production = await runOnce(["--now", sixDaysLater.toISOString()], { ...env(), NODE_ENV: "production" });
    expect(production.code).toBe(2);
    expect(await db.jobRun.count()).toBe(0);
  }, 240_000);

  it("leaves an open cert.expired finding six days later, and the overview counts it", async () => {
    expect(await expired()).toBeNull();
    const before = await critical(sixDaysLater);

    const run = await runOnce(["--now", sixDaysLater.toISOString()], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`clock moved to ${sixDaysLater.toISOString()}`);
    expect(run.stdout).toMatch(/findings\.evaluate: ok \{"mode":"due"/);

    expect(await expired()).toMatchObject({
      resolvedAt: null,
      severity: "critical",
      firstSeenAt: sixDaysLater,
      certificateId,
    });
    expect(await critical(sixDaysLater)).toBe(before + 1);
    expect((await computeOverview(db, ADMIN, sixDaysLater)).certificates.expired.count).toBe(1);
    // the run history keeps the real time, so the schedule is not pushed six days ahead
    const runs = await db.jobRun.findMany({ where: { job: "findings.evaluate" } });
    expect(runs).toHaveLength(1);
    expect(Math.abs(runs[0].startedAt.getTime() - Date.now())).toBeLessThan(10 * 60_000);
  }, 240_000);
});
