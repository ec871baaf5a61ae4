import { describe, expect, it } from "vitest";
import { rankToday, type TodayInput } from "./today";

const tile = (count: number, href: string) => ({ count, href });
const none: TodayInput = {
  revokedInUse: tile(0, "/findings?rule=cert.revoked-in-use"),
  findingsBySeverity: ["critical", "high", "medium", "low"].map((severity) => ({
    severity,
    ...tile(0, `/findings?severity=${severity}`),
  })),
  signers: { orphaned: tile(0, "/signers?orphaned=1") },
  certificates: {
    expiring: tile(0, "/certificates?status=expiring"),
    expired: tile(0, "/certificates?status=expired"),
  },
  expiringWithinDays: { leaf: 30 },
  rotationOverdueKeys: tile(0, "/findings?rule=key.rotation-overdue"),
  campaigns: [],
  failedDeliveries: null,
};

describe("rankToday", () => {
  it("has nothing to do on a clean inventory", () => {
    expect(rankToday(none)).toEqual([]);
  });

  it("ranks by harm, links each item to the list its number counts, and stops at the limit", () => {
    const o: TodayInput = {
      ...none,
      revokedInUse: tile(1, "/findings?rule=cert.revoked-in-use"),
      findingsBySeverity: none.findingsBySeverity.map((f) => ({ ...f, count: f.severity === "high" ? 4 : 2 })),
      signers: { orphaned: tile(3, "/signers?orphaned=1") },
      certificates: { ...none.certificates, expiring: tile(5, "/certificates?status=expiring") },
      rotationOverdueKeys: tile(1, "/findings?rule=key.rotation-overdue"),
      campaigns: [
        { id: "c1", name: "Q4 review", overdue: 2 },
        { id: "c2", name: "On time", overdue: 0 },
      ],
      failedDeliveries: tile(1, "/admin/outbox?status=failed"),
    };
    const all = rankToday(o, { limit: 20 });
    expect(all.map((i) => i.id)).toEqual([
      "revoked-in-use",
      "critical-findings",
      "orphaned-signers",
      "expiring",
      "rotation-overdue",
      "campaign-c1",
      "high-findings",
      "failed-deliveries",
    ]);
    expect(all[0]).toMatchObject({
      title: "1 revoked certificate still signing",
      href: "/findings?rule=cert.revoked-in-use",
      count: 1,
      tone: "red",
    });
    expect(all[2].title).toBe("3 signers with no owner");
    expect(all[3].title).toBe("5 certificates expiring within 30 days");
    expect(all[5]).toMatchObject({
      title: "2 attestations overdue in Q4 review",
      href: "/campaigns/c1",
      isListTotal: false,
    });
    expect(all.filter((i) => !i.isListTotal).map((i) => i.id)).toEqual(["campaign-c1"]);
    expect(rankToday(o)).toHaveLength(5);
    expect(rankToday(o, { limit: 20, campaignHref: () => "/tasks" })[5].href).toBe("/tasks");
  });
});
