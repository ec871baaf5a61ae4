import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { listTaskPage } from "./task-list";

// The /tasks list: one person's tasks in open campaigns, pending first, paged, with the number still
// to answer across every page.

const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;

describeEachDatabase("task list", (database) => {
  let db: Db;
  let noah: string;
  openTestDb(database, (client) => (db = client));

  beforeAll(async () => {
    noah = (await db.person.create({ data: { name: "Noah", email: "noah@example.test" } })).id;
    const mateo = (await db.person.create({ data: { name: "Mateo", email: "mateo@example.test" } })).id;
    const campaign = (status: string, dueDays: number) =>
      db.attestationCampaign.create({
        data: { name: `${status} ${dueDays}`, scopeJson: "{}", status, dueAt: new Date(NOW.getTime() + dueDays * DAY) },
      });
    const current = await campaign("open", 7);
    const late = await campaign("open", -1);
    const closed = await campaign("closed", 7);
    let n = 0;
    const task = async (campaignId: string, assigneeId: string, status = "pending") => {
      n++;
      const signer = await db.signer.create({ data: { name: `signer-${n}`, kind: "ci-pipeline" } });
      return db.attestation.create({
        data: {
          campaignId,
          signerId: signer.id,
          assigneeId,
          status,
          submittedAt: status === "submitted" ? NOW : null,
          createdAt: new Date(NOW.getTime() + n * 1000),
        },
      });
    };
    await task(current.id, noah, "submitted");
    await task(current.id, noah);
    await task(late.id, noah);
    await task(current.id, noah);
    await task(closed.id, noah); // a closed campaign's task is not listed
    await task(current.id, mateo); // someone else's
  });

  it("lists the person's tasks in open campaigns, pending first, with their state", async () => {
    const page = await listTaskPage(db, noah, { page: 1, pageSize: 50 }, NOW);
    expect(page.total).toBe(4);
    expect(page.openCount).toBe(3);
    expect(page.rows.map((t) => [t.signer.name, t.state])).toEqual([
      ["signer-2", "pending"],
      ["signer-3", "overdue"],
      ["signer-4", "pending"],
      ["signer-1", "done"],
    ]);
    expect(page.rows[3].submittedAt).toBe(NOW.toISOString());
  });

  it("pages the tasks while the open count stays the whole list's", async () => {
    const second = await listTaskPage(db, noah, { page: 2, pageSize: 3 }, NOW);
    expect(second.rows.map((t) => t.signer.name)).toEqual(["signer-1"]);
    expect(second).toMatchObject({ total: 4, openCount: 3, page: 2, pageSize: 3 });
  });

  it("answers an empty page to a reader who is not a person in the inventory", async () => {
    expect(await listTaskPage(db, null, { page: 1, pageSize: 50 }, NOW)).toEqual({
      rows: [],
      total: 0,
      page: 1,
      pageSize: 50,
      openCount: 0,
    });
  });
});
