import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { describeEachDatabase } from "@/lib/testing/databases";
// eslint-disable-next-line signet/import-boundaries -- a test of the overview against its lists over data the services build, not lib/db code
import { loadDemoData } from "@/lib/services/load-demo-data";
import type { ScopeUser } from "@/lib/db/scope";
import { expectNumbersMatchLists } from "@/lib/testing/overview-numbers";
import { listKeyPage } from "@/lib/db/keys/list";
import { keyFiltersSchema, parseFilters } from "@/lib/domain/inventory-filters";

// The demo inventory: every overview number (security team and an owner) is the total of its list.

const NOW = new Date("2026-11-23T12:00:00Z");
const admin: ScopeUser = { role: "admin", personId: null };
const actor = { type: "user" as const, id: "admin-1", label: "admin@acme.example" };

describeEachDatabase("overview numbers of the demo inventory are their lists", (database) => {
  describe("demo data", () => {
    let db: Db;
    beforeAll(async () => {
      db = createDb(database.url);
      const before = process.cpuUsage();
      await loadDemoData(db, { now: NOW, actor });
      const used = process.cpuUsage(before);
      console.log(`demo load (${database.flavour}): ${Math.round((used.user + used.system) / 1000)} ms CPU`);
    }, 600_000);
    afterAll(async () => db.$disconnect());

    it("every number of the security team's overview is the total of its list", async () => {
      const o = await expectNumbersMatchLists(db, admin, NOW);
      expect(o.certificates.total.count).toBeGreaterThan(100);
      expect(o.findingsByNhi.find((x) => x.nhi === "NHI6")!.count).toBeGreaterThan(0);
      // the overdue number opens the rotation findings; the keys list's overdue filter, by the
      // rule's own condition, shows those same keys (nothing of the demo is triaged away)
      const overdueKeys = await listKeyPage(
        db,
        admin,
        parseFilters(keyFiltersSchema, { rotation: "overdue", pageSize: "200" }),
        NOW,
      );
      const rotationFindings = await db.finding.findMany({
        where: { ruleId: "key.rotation-overdue", resolvedAt: null },
        select: { keyId: true },
      });
      expect(o.rotationOverdueKeys.href).toBe("/findings?rule=key.rotation-overdue");
      expect(overdueKeys.total).toBe(o.rotationOverdueKeys.count);
      expect(overdueKeys.rows.map((k) => k.id).sort()).toEqual(rotationFindings.map((f) => f.keyId).sort());
    });

    it("every number of an owner's overview is the total of the owner's list", async () => {
      const owner = await db.person.findFirstOrThrow({
        where: { isActive: true, primaryOf: { some: {} } },
        orderBy: { email: "asc" },
      });
      const o = await expectNumbersMatchLists(db, { role: "owner", personId: owner.id }, NOW);
      expect(o.signers.total.count).toBeGreaterThan(0);
    });
  });
});
