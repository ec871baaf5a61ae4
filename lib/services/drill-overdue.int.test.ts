import { expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createPerson } from "@/lib/db/people/people";
import { createSigner } from "@/lib/db/signers/signers";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { declareIncident } from "./declare-incident";
import { endDrill } from "./end-drill";
import { evaluateDueFindings } from "./evaluate-due-findings";

// signer.drill-overdue over a moved clock, the way the findings job sees it: a production signer
// registered 400 days ago and never drilled is overdue at once; a staging signer is not (the
// policy asks nothing of it); ending a drill resolves the finding, and the job raises it again on
// the millisecond the next drill falls due, without anything being written in between.

const DAY = 86_400_000;
const T0 = new Date("2027-03-01T06:00:00Z");
const at = (days: number, ms = 0) => new Date(T0.getTime() + days * DAY + ms);
const actor = { type: "user" as const, id: "sec-1", label: "security@acme.example" };

describeEachDatabase("signer.drill-overdue over time", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));

  async function openDrillFindings() {
    const rows = await db.finding.findMany({
      where: { ruleId: "signer.drill-overdue", resolvedAt: null },
      select: { signerId: true },
    });
    const signers = await db.signer.findMany({ where: { id: { in: rows.map((r) => r.signerId!) } } });
    return signers.map((s) => s.name).sort();
  }

  it("opens for a never-drilled production signer, resolves when a drill ends and reopens a year later", async () => {
    const owner = await createPerson(db, { name: "Olu Owner", email: "olu@acme.example" });
    const names = { prod: "payments-release", staging: "payments-staging" };
    const prod = await createSigner(db, {
      name: names.prod,
      kind: "ci-pipeline",
      environments: ["production"],
      primaryOwnerId: owner.id,
      credentialType: "oidc",
      createdAt: at(-400),
    });
    await createSigner(db, {
      name: names.staging,
      kind: "ci-pipeline",
      environments: ["staging"],
      primaryOwnerId: owner.id,
      credentialType: "oidc",
      createdAt: at(-400),
    });

    await evaluateDueFindings(db, { now: T0 });
    expect(await openDrillFindings()).toEqual([names.prod]);
    const raised = await db.finding.findFirstOrThrow({ where: { ruleId: "signer.drill-overdue" } });
    expect(JSON.parse(raised.evidenceJson)).toMatchObject({ lastDrillAt: null, everyDays: 365 });

    // a drill of the signer: open, it does not count yet; ended, it does
    const { id } = await declareIncident(
      db,
      {
        mode: "drill",
        subjectType: "signer",
        subjectId: prod.id,
        suspectedAt: "2027-03-01",
        reason: "Yearly drill of payments",
      },
      { actor, now: at(1), baseUrl: "https://signet.example", securityTeamEmail: "security@acme.example" },
    );
    await evaluateDueFindings(db, { now: at(1, 60_000) });
    expect(await openDrillFindings()).toEqual([names.prod]);
    const endedAt = at(2);
    await endDrill(db, { incidentId: id }, { actor, now: endedAt });
    expect(await openDrillFindings()).toEqual([]);
    expect((await db.signer.findUniqueOrThrow({ where: { id: prod.id } })).status).toBe("active");

    // the job is told when to come back: 365 days and one millisecond after the drill ended
    const due = new Date(endedAt.getTime() + 365 * DAY + 1);
    const stored = await db.signer.findUniqueOrThrow({ where: { id: prod.id }, select: { nextEvaluationAt: true } });
    expect(stored.nextEvaluationAt!.getTime()).toBeLessThanOrEqual(due.getTime());
    for (let day = 30; day <= 360; day += 30) await evaluateDueFindings(db, { now: at(day) });
    await evaluateDueFindings(db, { now: new Date(due.getTime() - 1) });
    expect(await openDrillFindings()).toEqual([]);
    await evaluateDueFindings(db, { now: due });
    expect(await openDrillFindings()).toEqual([names.prod]);
    const reopened = await db.finding.findFirstOrThrow({ where: { ruleId: "signer.drill-overdue", resolvedAt: null } });
    expect(JSON.parse(reopened.evidenceJson)).toMatchObject({ lastDrillAt: endedAt.toISOString() });
  });
});
