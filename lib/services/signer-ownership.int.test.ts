import { afterAll, beforeAll, expect, it } from "vitest";
import { toAppError } from "@/lib/api/errors";
import { createDb, type Db } from "@/lib/db/client";
import { createPerson, createTeam } from "@/lib/db/people/people";
import { listSignersFiltered } from "@/lib/db/signers/list";
import { findVisibleSigner, isSignerVisible } from "@/lib/db/signers/detail";
import { insertSigners } from "@/lib/db/signers/signer-admin";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { describeEachDatabase } from "@/lib/testing/databases";
import { createSigner } from "./create-signer";
import { deactivatePerson } from "./deactivate-person";
import { addPerson } from "./manage-people";
import { reassignOwnership } from "./reassign-ownership";
import { updateSigner } from "./update-signer";
import { changeSignerStatus } from "./change-signer-status";

const T = new Date("2026-11-23T10:00:00Z");
const actor = { type: "user", id: "u-admin", label: "admin@example.test" } as const;

describeEachDatabase("signer ownership", (database) => {
  let db: Db;
  const ids: Record<string, string> = {};
  const openFinding = (signerId: string, ruleId: string) =>
    db.finding.findFirst({ where: { subjectType: "signer", subjectId: signerId, ruleId, resolvedAt: null } });

  beforeAll(async () => {
    db = createDb(database.url);
    const team = await createTeam(db, { name: "Payments", email: "payments@acme.example" });
    for (const [key, name] of [
      ["ana", "Ana Leaver"],
      ["bo", "Bo Backup"],
      ["cy", "Cy Successor"],
    ] as const) {
      ids[key] = (await createPerson(db, { name, email: `${key}@acme.example`, teamId: team.id })).id;
    }
    ids.team = team.id;
    for (const n of [1, 2, 3]) {
      ids[`s${n}`] = (
        await createSigner(
          db,
          {
            name: `pay-release-${n}`,
            kind: "ci-pipeline",
            primaryOwner: "ana@acme.example",
            backupOwner: "bo@acme.example",
            team: "payments",
          },
          { actor, now: T },
        )
      ).id;
    }
    ids.other = (
      await createSigner(
        db,
        { name: "mobile-release", kind: "release-bot", primaryOwner: "bo@acme.example" },
        { actor, now: T },
      )
    ).id;
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("creates signers with owners resolved by email and team by name, audited", async () => {
    const s = await db.signer.findUniqueOrThrow({ where: { id: ids.s1 } });
    expect(s).toMatchObject({ primaryOwnerId: ids.ana, backupOwnerId: ids.bo, teamId: ids.team, status: "active" });
    expect(
      await db.auditEvent.count({ where: { targetType: "signer", targetId: ids.s1, action: "signer.created" } }),
    ).toBe(1);
    expect(await openFinding(ids.s1, "signer.orphaned")).toBeNull();
  });

  it("refuses unknown or departed owners and duplicate names", async () => {
    await expect(
      createSigner(db, { name: "x", kind: "other", primaryOwner: "nobody@acme.example" }, { actor, now: T }),
    ).rejects.toMatchObject({ code: "validation" });
    await expect(createSigner(db, { name: "pay-release-1", kind: "other" }, { actor, now: T })).rejects.toMatchObject({
      code: "conflict",
      message: "A signer named pay-release-1 already exists",
    });
  });

  // the database's unique index refuses these (no check of the service's own): the one mapping of
  // Prisma's P2002 must name the field on both databases, whose adapters report it differently
  it("a duplicate person email, or a signer renamed to a taken name, is a conflict on that field", async () => {
    const duplicate = await addPerson(db, { name: "Ana Again", email: "ana@acme.example" }, { actor, now: T }).catch(
      toAppError,
    );
    expect(duplicate).toMatchObject({
      code: "conflict",
      message: "A person with this email already exists",
      issues: [{ path: "email", message: "A person with this email already exists" }],
    });
    expect(await db.person.count({ where: { name: "Ana Again" } })).toBe(0);

    const renamed = await updateSigner(db, ids.s2, { name: "pay-release-1" }, { actor, now: T }).catch(toAppError);
    expect(renamed).toMatchObject({
      code: "conflict",
      message: "A signer with this name already exists",
      issues: [{ path: "name", message: "A signer with this name already exists" }],
    });
    expect((await db.signer.findUniqueOrThrow({ where: { id: ids.s2 } })).name).toBe("pay-release-2");
  });

  it("a raw bulk insert that hits the unique name is recognised as a duplicate (import falls back row by row)", async () => {
    const row = {
      id: "dup-1",
      name: "pay-release-1",
      kind: "other",
      platform: "other",
      environments: [],
      artifactTypes: [],
      description: null,
      credentialType: "none",
      credentialExpiresAt: null,
      custody: "unknown",
      custodyEvidence: null,
      custodyAttestedAt: null,
      primaryOwnerId: null,
      backupOwnerId: null,
      teamId: null,
      keylessIssuer: null,
      keylessSubjectPattern: null,
      createdAt: T,
      grants: [],
      certificateIds: [],
    };
    const error = await db.$transaction((tx) => insertSigners(tx, [row])).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error("connection reset"))).toBe(false);
    expect(await db.signer.count({ where: { id: "dup-1" } })).toBe(0);
  });

  it("an owner sees only the signers they own, in the list and by id", async () => {
    const bo = { role: "owner" as const, personId: ids.bo };
    const list = await listSignersFiltered(db, bo, {}, { page: 1, pageSize: 50 });
    expect(list.rows.map((r) => r.name).sort()).toEqual([
      "mobile-release",
      "pay-release-1",
      "pay-release-2",
      "pay-release-3",
    ]);
    const cy = { role: "owner" as const, personId: ids.cy };
    expect((await listSignersFiltered(db, cy, {}, { page: 1, pageSize: 50 })).total).toBe(0);
    expect(await findVisibleSigner(db, cy, ids.s1)).toBeNull();
    expect(await isSignerVisible(db, cy, ids.s1)).toBe(false);
    expect(await isSignerVisible(db, { role: "owner", personId: null }, ids.s1)).toBe(false);
    expect((await findVisibleSigner(db, { role: "auditor", personId: null }, ids.s1))?.name).toBe("pay-release-1");
  });

  it("deactivating a person orphans their signers in the same call, with findings and audit", async () => {
    const r = await deactivatePerson(db, ids.ana, { actor, now: T, reason: "left" });
    expect(r.orphanedSignerIds.sort()).toEqual([ids.s1, ids.s2, ids.s3].sort());
    for (const id of [ids.s1, ids.s2, ids.s3]) {
      expect(await openFinding(id, "signer.orphaned")).not.toBeNull();
      expect(
        await db.auditEvent.count({ where: { targetType: "signer", targetId: id, action: "signer.owner-left" } }),
      ).toBe(1);
    }
    expect(await openFinding(ids.other, "signer.orphaned")).toBeNull();
    const orphans = await listSignersFiltered(
      db,
      { role: "analyst", personId: null },
      { isOrphaned: true },
      { page: 1, pageSize: 50 },
    );
    expect(orphans.rows.map((s) => s.name).sort()).toEqual(["pay-release-1", "pay-release-2", "pay-release-3"]);
    await expect(deactivatePerson(db, ids.ana, { actor, now: T })).rejects.toMatchObject({ code: "conflict" });
    // a departed person cannot be given new signers
    await expect(
      updateSigner(db, ids.other, { backupOwner: "ana@acme.example" }, { actor, now: T }),
    ).rejects.toMatchObject({ code: "validation" });
  });

  it("hands every signer of the leaver to a successor in one action and clears the findings", async () => {
    const r = await reassignOwnership(
      db,
      { fromPerson: "ana@acme.example", toPerson: "cy@acme.example" },
      { actor, now: T },
    );
    expect(r.changed).toBe(3);
    for (const id of [ids.s1, ids.s2, ids.s3]) {
      expect((await db.signer.findUniqueOrThrow({ where: { id } })).primaryOwnerId).toBe(ids.cy);
      expect(await openFinding(id, "signer.orphaned")).toBeNull();
      expect(
        await db.finding.count({ where: { subjectId: id, ruleId: "signer.orphaned", resolvedAt: { not: null } } }),
      ).toBe(1);
    }
    expect(await db.auditEvent.count({ where: { action: "signer.ownership-changed" } })).toBe(3);
  });

  it("bulk-sets owners and team on chosen signers; a new primary who was backup loses the backup role", async () => {
    const r = await reassignOwnership(
      db,
      { signerIds: [ids.s1, ids.s2], primaryOwner: "bo@acme.example", team: null },
      { actor, now: T },
    );
    expect(r.changed).toBe(2);
    const s1 = await db.signer.findUniqueOrThrow({ where: { id: ids.s1 } });
    expect(s1).toMatchObject({ primaryOwnerId: ids.bo, backupOwnerId: null, teamId: null });
    expect(await openFinding(ids.s1, "signer.no-backup-owner")).not.toBeNull();
    await expect(
      reassignOwnership(db, { signerIds: [ids.s1], primaryOwner: "ana@acme.example" }, { actor, now: T }),
    ).rejects.toMatchObject({ code: "validation" });
  });

  it("edits grants keeping removed ones as history, and decommissioning is final", async () => {
    await updateSigner(
      db,
      ids.s3,
      {
        privileges: [
          { scope: "sign:release", environment: "production" },
          { scope: "repo:acme/pay", environment: "any" },
        ],
      },
      { actor, now: T },
    );
    await updateSigner(
      db,
      ids.s3,
      { privileges: [{ scope: "sign:release", environment: "production" }] },
      { actor, now: T },
    );
    const grants = await db.privilege.findMany({ where: { signerId: ids.s3 }, orderBy: { scope: "asc" } });
    expect(grants.map((g) => [g.scope, g.removedAt ? "removed" : "in force"])).toEqual([
      ["repo:acme/pay", "removed"],
      ["sign:release", "in force"],
    ]);
    await changeSignerStatus(db, ids.s3, { status: "decommissioned", reason: "replaced" }, { actor, now: T });
    await expect(changeSignerStatus(db, ids.s3, { status: "active" }, { actor, now: T })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});
