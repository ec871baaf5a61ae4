import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createPerson, createTeam } from "@/lib/db/people/people";
import { parseSignerCsv, parseSignerJson } from "@/lib/domain/signer-import";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { importSigners } from "./import-signers";

const T = new Date("2026-11-23T10:00:00Z");
const actor = { type: "user", id: "u-admin", label: "admin@example.test" } as const;
const ROWS = 10_000;
const HEADER =
  "name,kind,platform,environments,artifact_types,credential_type,credential_expires_at,primary_owner,backup_owner,team,privileges,description\n";

/** Every 97th row is bad in one of four ways; the rest are good. */
function bigCsv(): { csv: string; badRows: Map<number, string> } {
  const lines: string[] = [];
  const badRows = new Map<number, string>();
  for (let i = 0; i < ROWS; i++) {
    const row = i + 2;
    let name = `svc-${i}`;
    let kind = ["ci-pipeline", "build-service", "release-bot"][i % 3];
    let owner = `p${i % 40}@acme.example`;
    let grants = "sign:release/production@production;repo:acme/app-" + (i % 50);
    if (i % 97 === 5) {
      const kindOfBad = Math.floor(i / 97) % 4;
      if (kindOfBad === 0) kind = "robot";
      if (kindOfBad === 1) owner = "ghost@acme.example";
      if (kindOfBad === 2) grants = "sign release";
      if (kindOfBad === 3) name = "svc-0";
      badRows.set(row, ["kind", "primary_owner", "privileges[1]", "name"][kindOfBad]);
    }
    lines.push(
      [
        name,
        kind,
        "github-actions",
        "production",
        "jar;msi",
        "static-secret",
        "2027-03-01",
        owner,
        `p${(i + 1) % 40}@acme.example`,
        "Platform",
        `"${grants}"`,
        "imported",
      ].join(","),
    );
  }
  return { csv: HEADER + lines.join("\n") + "\n", badRows };
}

describeEachDatabase("importSigners", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  beforeAll(async () => {
    const team = await createTeam(db, { name: "Platform" });
    for (let i = 0; i < 40; i++)
      await createPerson(db, { name: `Person ${i}`, email: `p${i}@acme.example`, teamId: team.id });
  });

  it("a dry run reports every row and writes nothing", async () => {
    const file = parseSignerCsv(HEADER + "a,other,,,,,,p1@acme.example,,,,\nb,robot,,,,,,ghost@acme.example,,Nope,,\n");
    const r = await importSigners(db, file, { actor, now: T, isDryRun: true, format: "csv" });
    expect(r.summary).toMatchObject({ rows: 2, created: 0, valid: 1, errors: 1 });
    // syntax and references are reported together, so one fix round is enough
    expect(r.rows[1]).toMatchObject({ row: 3, status: "error" });
    expect(r.rows[1].issues.map((i) => i.field)).toEqual(["kind", "primary_owner", "team"]);
    expect(await db.signer.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it(`imports ${ROWS.toLocaleString("en")} CSV rows, storing only the good ones with a report per bad row`, async () => {
    const { csv, badRows } = bigCsv();
    const started = performance.now();
    const r = await importSigners(db, parseSignerCsv(csv), { actor, now: T, isDryRun: false, format: "csv" });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[bench] ${database.flavour}: ${ROWS} signer rows imported in ${seconds.toFixed(1)} s (${r.summary.created} created, ${r.summary.errors} refused; validate ${r.summary.validateMs} ms, write ${r.summary.writeMs} ms, findings ${r.summary.evaluateMs} ms)`,
    );
    expect(r.summary.errors).toBe(badRows.size);
    expect(r.summary.created).toBe(ROWS - badRows.size);
    for (const row of r.rows.filter((x) => x.status === "error"))
      expect(row.issues.map((i) => i.field)).toContain(badRows.get(row.row));
    expect(await db.signer.count()).toBe(ROWS - badRows.size);
    expect(await db.privilege.count()).toBe(2 * (ROWS - badRows.size));
    expect(await db.signer.count({ where: { name: "svc-0" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "signer.created" } })).toBe(ROWS - badRows.size);
    expect(await db.finding.count({ where: { ruleId: "signer.static-credential" } })).toBe(ROWS - badRows.size);
    // rows written with raw multi-row INSERTs read back like any other
    const one = await db.signer.findUniqueOrThrow({
      where: { name: "svc-1" },
      include: { privileges: true, primaryOwner: true, credentials: true },
    });
    expect(one).toMatchObject({
      createdAt: T,
      updatedAt: T,
      // the legacy credential_expires_at column becomes the signer's pipeline credential
      credentials: [{ isPipeline: true, name: "Pipeline credential", expiresAt: new Date("2027-03-01") }],
      status: "active",
      kind: "build-service",
      description: "imported",
    });
    expect(one.primaryOwner?.email).toBe("p1@acme.example");
    expect(one.privileges.map((p) => [p.scope, p.environment, p.grantedAt]).sort()).toEqual([
      ["repo:acme/app-1", "any", T],
      ["sign:release/production", "production", T],
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetType: "signer", targetId: one.id } });
    expect(audit).toMatchObject({ at: T, actorType: "user", actorId: "u-admin", action: "signer.created" });
    expect(JSON.parse(audit.detailsJson)).toMatchObject({ row: 3, primaryOwnerId: one.primaryOwnerId });
    expect(seconds).toBeLessThan(60);
  }, 180_000);

  it("JSON rows are validated the same way; names already taken are refused per row", async () => {
    const file = parseSignerJson(
      JSON.stringify([
        { name: "svc-1", kind: "other" },
        { name: "json-new", kind: "other", privileges: ["*"] },
      ]),
    );
    const r = await importSigners(db, file, { actor, now: T, isDryRun: false, format: "json" });
    expect(r.rows.map((x) => [x.row, x.status])).toEqual([
      [1, "error"],
      [2, "created"],
    ]);
    expect(r.rows[0].issues).toEqual([{ field: "name", message: "A signer named svc-1 already exists" }]);
  });
});
