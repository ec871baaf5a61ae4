import { describe, expect, it } from "vitest";
import * as filters from "./inventory-filters";

describe("parseFilters", () => {
  it("reads known keys and drops unknown ones", () => {
    const f = filters.parseFilters(
      filters.certificateFiltersSchema,
      new URLSearchParams("status=expiring&q=%20build%20&evil=1&page=3"),
    );
    expect(f).toMatchObject({ status: "expiring", q: "build", page: 3, pageSize: 50 });
    expect(f).not.toHaveProperty("evil");
  });

  it("falls back to defaults for bad values instead of failing", () => {
    const bad = { status: "bogus", page: "-2", pageSize: "7", expiresFrom: "2026-13-45", sort: "DROP TABLE" };
    const f = filters.parseFilters(filters.certificateFiltersSchema, bad);
    expect([f.status, f.page, f.pageSize, f.expiresFrom, f.sort]).toEqual([undefined, 1, 50, undefined, undefined]);
  });

  it("takes the first value of a repeated key (Next.js passes arrays)", () => {
    expect(filters.parseFilters(filters.findingFiltersSchema, { severity: ["high", "low"] }).severity).toBe("high");
  });

  it("defaults the findings state to open and the owners kind to people", () => {
    expect(filters.parseFilters(filters.findingFiltersSchema, {}).state).toBe("open");
    expect(filters.parseFilters(filters.ownerFiltersSchema, { kind: "robots" }).kind).toBe("people");
  });

  it("treats empty text as no filter", () => {
    expect(filters.parseFilters(filters.auditFiltersSchema, { actor: "   " }).actor).toBeUndefined();
  });
});

describe("filtersToSearchParams", () => {
  it("leaves out defaults and empty values, in schema order", () => {
    const qs = filters.filtersToSearchParams(filters.certificateFiltersSchema, {
      page: 1,
      pageSize: 50,
      sort: "subject",
      q: "acme",
      status: undefined,
    });
    expect(qs.toString()).toBe("q=acme&sort=subject");
  });

  it("round-trips through parseFilters", () => {
    const parsed = filters.parseFilters(filters.findingFiltersSchema, {
      severity: "critical",
      rule: "cert.expired",
      state: "all",
      page: "2",
    });
    const again = filters.parseFilters(
      filters.findingFiltersSchema,
      filters.filtersToSearchParams(filters.findingFiltersSchema, parsed),
    );
    expect(again).toEqual(parsed);
  });

  it("writes the non-default state but not the default one", () => {
    expect(filters.filtersQueryString(filters.findingFiltersSchema, { state: "open" })).toBe("");
    expect(filters.filtersQueryString(filters.findingFiltersSchema, { state: "risk-accepted" })).toBe(
      "?state=risk-accepted",
    );
    expect(filters.parseFilters(filters.findingFiltersSchema, { state: "suppressed" }).state).toBe("risk-accepted");
  });
});

describe("withFilter", () => {
  it("returns to page 1 when a filter changes", () => {
    expect(filters.withFilter({ page: 4, status: "valid" as string | undefined }, { status: "expired" })).toEqual({
      page: 1,
      status: "expired",
    });
  });
  it("keeps the page when only the page changes", () => {
    expect(filters.withFilter({ page: 4 }, { page: 5 })).toEqual({ page: 5 });
  });
});

describe("dayRange", () => {
  it("covers whole UTC days, the end day included", () => {
    const r = filters.dayRange("2026-12-01", "2026-12-07");
    expect(r.gte?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(r.lt?.toISOString()).toBe("2026-12-08T00:00:00.000Z");
    expect(filters.dayRange(undefined, undefined)).toEqual({});
  });
});

describe("activeFilterCount", () => {
  it("counts filters, not paging or sorting", () => {
    expect(
      filters.activeFilterCount(filters.certificateFiltersSchema, {
        q: "x",
        status: "expired",
        page: 3,
        sort: "subject",
      }),
    ).toBe(2);
  });
});

describe("signer filters and the API's page size (issue #17)", () => {
  it("reads the links the overview writes and round-trips them", () => {
    const f = filters.parseFilters(
      filters.signerFiltersSchema,
      new URLSearchParams("orphaned=1&status=active&kind=nonsense"),
    );
    expect(f).toMatchObject({ orphaned: "1", status: "active", kind: undefined, page: 1, pageSize: 50 });
    expect(filters.filtersToSearchParams(filters.signerFiltersSchema, f).toString()).toBe("status=active&orphaned=1");
  });

  it("lets the API take any page size up to 200 and refuses one beyond it, while the page falls back", () => {
    const api = filters.apiListQuery(filters.signerFiltersSchema);
    expect(api.parse({ pageSize: "2" }).pageSize).toBe(2);
    expect(api.safeParse({ pageSize: "201" }).success).toBe(false);
    expect(filters.parseFilters(filters.signerFiltersSchema, { pageSize: "2" }).pageSize).toBe(50);
    expect(filters.parsePage("3")).toBe(3);
    expect(filters.parsePage("-1")).toBe(1);
  });
});
