import { describe, expect, it } from "vitest";
import {
  isInvalidatedBy,
  parseRevocationDate,
  computeRevocationImpact,
  toCsv,
  type ImpactEvent,
} from "@/lib/domain/revocation-impact";

const date = new Date("2026-05-01T12:00:00.000Z");

function event(id: string, signedAt: string, extra: Partial<ImpactEvent> = {}): ImpactEvent {
  return {
    id,
    signedAt: new Date(signedAt),
    signerId: "s1",
    signerName: "release-bot",
    artifactName: `app-${id}.msi`,
    artifactDigest: null,
    environment: "production",
    ciRunUrl: null,
    ...extra,
  };
}

describe("boundary", () => {
  it("invalidates a signature made exactly at the revocation instant", () => {
    expect(isInvalidatedBy(new Date(date), date)).toBe(true);
  });
  it("keeps a signature made one millisecond earlier", () => {
    expect(isInvalidatedBy(new Date(date.getTime() - 1), date)).toBe(false);
  });
});

describe("computeRevocationImpact", () => {
  const events = [
    event("late", "2026-06-01T00:00:00Z", { signerId: "s2", signerName: "nightly" }),
    event("at", "2026-05-01T12:00:00.000Z"),
    event("before", "2026-05-01T11:59:59.999Z"),
    event("early", "2026-01-01T00:00:00Z"),
  ];

  it("splits at the date, oldest first, and counts affected signers", () => {
    const impact = computeRevocationImpact("c1", events, date);
    expect(impact.invalidated.map((e) => e.id)).toEqual(["at", "late"]);
    expect(impact.remainValid.map((e) => e.id)).toEqual(["early", "before"]);
    expect(impact.affectedSigners).toEqual([
      { id: "s2", name: "nightly", invalidatedCount: 1 },
      { id: "s1", name: "release-bot", invalidatedCount: 1 },
    ]);
  });

  it("a date in the past invalidates everything signed since", () => {
    const impact = computeRevocationImpact("c1", events, new Date("2025-12-31T00:00:00Z"));
    expect(impact.invalidated).toHaveLength(4);
    expect(impact.remainValid).toHaveLength(0);
  });

  it("no events: nothing to invalidate", () => {
    expect(computeRevocationImpact("c1", [], date)).toMatchObject({
      invalidated: [],
      remainValid: [],
      affectedSigners: [],
    });
  });
});

describe("toCsv", () => {
  it("writes a header, invalidated rows first, CRLF line ends and quoted cells", () => {
    const impact = computeRevocationImpact(
      "c1",
      [event("a", "2026-06-01T00:00:00Z", { artifactName: 'setup, "final".exe' }), event("b", "2026-01-01T00:00:00Z")],
      date,
    );
    expect(toCsv(impact)).toBe(
      "status,signed_at,signer,artifact,artifact_digest,environment,ci_run_url,event_id\r\n" +
        'invalidated,2026-06-01T00:00:00.000Z,release-bot,"setup, ""final"".exe",,production,,a\r\n' +
        "valid,2026-01-01T00:00:00.000Z,release-bot,app-b.msi,,production,,b\r\n",
    );
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    const csv = toCsv(
      computeRevocationImpact("c1", [event("a", "2026-06-01T00:00:00Z", { artifactName: '=HYPERLINK("x")' })], date),
    );
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe("parseRevocationDate", () => {
  it("reads a calendar date as its first UTC instant", () => {
    expect(parseRevocationDate("2026-05-01")?.toISOString()).toBe("2026-05-01T00:00:00.000Z");
  });
  it("reads instants with an offset", () => {
    expect(parseRevocationDate("2026-05-01T14:00:00+02:00")?.toISOString()).toBe("2026-05-01T12:00:00.000Z");
    expect(parseRevocationDate("2026-05-01T12:00:00.5Z")?.toISOString()).toBe("2026-05-01T12:00:00.500Z");
  });
  it("refuses instants without an offset and impossible dates", () => {
    expect(parseRevocationDate("2026-05-01T12:00:00")).toBeNull();
    expect(parseRevocationDate("2026-02-30")).toBeNull();
    expect(parseRevocationDate("yesterday")).toBeNull();
  });
});
