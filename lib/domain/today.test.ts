import { describe, expect, it } from "vitest";
import { blastRadiusLine, rankToday, todayAction, type TodayInput } from "./today";

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

  it("attaches each item's blast radius, and its one-click action only when the list holds one object", () => {
    const o: TodayInput = {
      ...none,
      revokedInUse: tile(1, "/findings?rule=cert.revoked-in-use"),
      signers: { orphaned: tile(2, "/signers?orphaned=1") },
      campaigns: [{ id: "c1", name: "Q4", overdue: 1 }],
      failedDeliveries: tile(1, "/admin/outbox?status=failed"),
      today: {
        "revoked-in-use": {
          blastRadius: { events: 412, environments: 3 },
          single: { type: "finding", id: "f1", signer: { id: "s1", name: "release-bot" } },
        },
        "orphaned-signers": {
          blastRadius: { events: 0, environments: 0 },
          single: { type: "signer", id: "s2", name: "never-used" },
        },
        "campaign-c1": { blastRadius: { events: 7, environments: 1 }, single: null },
      },
    };
    const [revoked, orphaned, campaign, deliveries] = rankToday(o, { canWrite: true });
    expect(revoked.blastRadius).toEqual({ events: 412, environments: 3 });
    expect(revoked.action).toEqual({
      kind: "suspend",
      label: "Suspend release-bot",
      signerId: "s1",
      signerName: "release-bot",
    });
    // two orphaned signers: the list link is the action, even if a single subject was (wrongly) given
    expect(orphaned.action).toBeNull();
    expect(campaign).toMatchObject({ blastRadius: { events: 7, environments: 1 }, action: null });
    // no subjects to sign with: no blast radius
    expect(deliveries).toMatchObject({ id: "failed-deliveries", blastRadius: null, action: null });
    // readers who may not suspend open the signer instead
    expect(rankToday(o)[0].action).toEqual({ kind: "link", label: "Open release-bot", href: "/signers/s1" });
  });
});

describe("blastRadiusLine", () => {
  it("says the events and environments of the last 30 days in words", () => {
    expect(blastRadiusLine({ events: 412, environments: 3 })).toBe(
      "412 signing events in 3 environments in the last 30 days",
    );
    expect(blastRadiusLine({ events: 1, environments: 1 })).toBe(
      "1 signing event in 1 environment in the last 30 days",
    );
    expect(blastRadiusLine({ events: 1234, environments: 0 })).toBe("1,234 signing events in the last 30 days");
    expect(blastRadiusLine({ events: 0, environments: 0 })).toBe("No signing events in the last 30 days");
  });
});

describe("todayAction", () => {
  it("opens the fix of the one object: reassign an orphaned signer, open a finding or a certificate", () => {
    const writer = { canWrite: true };
    expect(todayAction("orphaned-signers", { type: "signer", id: "s", name: "bot" }, writer)).toEqual({
      kind: "link",
      label: "Reassign the owner of bot",
      href: "/signers/s/edit",
    });
    expect(
      todayAction("orphaned-signers", { type: "signer", id: "s", name: "bot" }, { canWrite: false }),
    ).toMatchObject({
      href: "/signers/s",
    });
    expect(todayAction("critical-findings", { type: "finding", id: "f", signer: null }, writer)).toEqual({
      kind: "link",
      label: "Open the finding",
      href: "/findings/f",
    });
    // a revoked certificate whose finding names no signer: the finding is where to act
    expect(todayAction("revoked-in-use", { type: "finding", id: "f", signer: null }, writer)).toMatchObject({
      href: "/findings/f",
    });
    expect(todayAction("expiring", { type: "certificate", id: "c", name: "api.example" }, writer)).toEqual({
      kind: "link",
      label: "Open api.example",
      href: "/certificates/c",
    });
    expect(todayAction("expiring", null, writer)).toBeNull();
  });
});
