import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  apiListQuery,
  auditFiltersSchema,
  certificateFiltersSchema,
  dayRange,
  filtersQueryString,
  filtersToSearchParams,
  findingFiltersSchema,
  ownerFiltersSchema,
  parseFilters,
  parsePage,
  signerFiltersSchema,
  withFilter,
} from "./inventory-filters";

describe("parseFilters", () => {
  it("reads known keys and drops unknown ones", () => {
    const f = parseFilters(
      certificateFiltersSchema,
      new URLSearchParams("status=expiring&q=%20build%20&evil=1&page=3"),
    );
    expect(f).toMatchObject({ status: "expiring", q: "build", page: 3, pageSize: 50 });
    expect(f).not.toHaveProperty("evil");
  });

  it("falls back to defaults for bad values instead of failing", () => {
    const bad = { status: "bogus", page: "-2", pageSize: "7", expiresFrom: "2026-13-45", sort: "DROP TABLE" };
    const f = parseFilters(certificateFiltersSchema, bad);
    expect([f.status, f.page, f.pageSize, f.expiresFrom, f.sort]).toEqual([undefined, 1, 50, undefined, undefined]);
  });

  it("takes the first value of a repeated key (Next.js passes arrays)", () => {
    expect(parseFilters(findingFiltersSchema, { severity: ["high", "low"] }).severity).toBe("high");
  });

  it("defaults the findings state to open and the owners kind to people", () => {
    expect(parseFilters(findingFiltersSchema, {}).state).toBe("open");
    expect(parseFilters(ownerFiltersSchema, { kind: "robots" }).kind).toBe("people");
  });

  it("treats empty text as no filter", () => {
    expect(parseFilters(auditFiltersSchema, { actor: "   " }).actor).toBeUndefined();
  });
});

describe("filtersToSearchParams", () => {
  it("leaves out defaults and empty values, in schema order", () => {
    const qs = filtersToSearchParams(certificateFiltersSchema, {
      page: 1,
      pageSize: 50,
      sort: "subject",
      q: "acme",
      status: undefined,
    });
    expect(qs.toString()).toBe("q=acme&sort=subject");
  });

  it("round-trips through parseFilters", () => {
    const filters = parseFilters(findingFiltersSchema, {
      severity: "critical",
      rule: "cert.expired",
      state: "all",
      page: "2",
    });
    const again = parseFilters(findingFiltersSchema, filtersToSearchParams(findingFiltersSchema, filters));
    expect(again).toEqual(filters);
  });

  it("writes the non-default state but not the default one", () => {
    expect(filtersQueryString(findingFiltersSchema, { state: "open" })).toBe("");
    expect(filtersQueryString(findingFiltersSchema, { state: "risk-accepted" })).toBe("?state=risk-accepted");
    expect(parseFilters(findingFiltersSchema, { state: "suppressed" }).state).toBe("risk-accepted");
  });
});

describe("withFilter", () => {
  it("returns to page 1 when a filter changes", () => {
    expect(withFilter({ page: 4, status: "valid" as string | undefined }, { status: "expired" })).toEqual({
      page: 1,
      status: "expired",
    });
  });
  it("keeps the page when only the page changes", () => {
    expect(withFilter({ page: 4 }, { page: 5 })).toEqual({ page: 5 });
  });
});

describe("dayRange", () => {
  it("covers whole UTC days, the end day included", () => {
    const r = dayRange("2026-12-01", "2026-12-07");
    expect(r.gte?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(r.lt?.toISOString()).toBe("2026-12-08T00:00:00.000Z");
    expect(dayRange(undefined, undefined)).toEqual({});
  });
});

describe("activeFilterCount", () => {
  it("counts filters, not paging or sorting", () => {
    expect(activeFilterCount(certificateFiltersSchema, { q: "x", status: "expired", page: 3, sort: "subject" })).toBe(
      2,
    );
  });
});

describe("signer filters and the API's page size (issue #17)", () => {
  it("reads the links the overview writes and round-trips them", () => {
    const f = parseFilters(signerFiltersSchema, new URLSearchParams("orphaned=1&status=active&kind=nonsense"));
    expect(f).toMatchObject({ orphaned: "1", status: "active", kind: undefined, page: 1, pageSize: 50 });
    expect(filtersToSearchParams(signerFiltersSchema, f).toString()).toBe("status=active&orphaned=1");
  });

  it("lets the API take any page size up to 200 and refuses one beyond it, while the page falls back", () => {
    const api = apiListQuery(signerFiltersSchema);
    expect(api.parse({ pageSize: "2" }).pageSize).toBe(2);
    expect(api.safeParse({ pageSize: "201" }).success).toBe(false);
    expect(parseFilters(signerFiltersSchema, { pageSize: "2" }).pageSize).toBe(50);
    expect(parsePage("3")).toBe(3);
    expect(parsePage("-1")).toBe(1);
  });
});
