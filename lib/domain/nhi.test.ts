import { describe, expect, it } from "vitest";
import { NHI_TOP_10, isNhiId, nhiLabel, nhiTitle } from "@/lib/domain/nhi";

describe("OWASP NHI Top 10 (2025)", () => {
  it("lists the ten items in order with their titles", () => {
    expect(NHI_TOP_10.map((i) => `${i.rank} ${i.id}`)).toEqual(
      Array.from({ length: 10 }, (_, n) => `${n + 1} NHI${n + 1}`),
    );
    expect(nhiTitle("NHI1")).toBe("Improper Offboarding");
    expect(nhiTitle("NHI5")).toBe("Overprivileged NHI");
    expect(nhiTitle("NHI8")).toBe("Environment Isolation");
    expect(nhiLabel("NHI10")).toBe("NHI10 Human Use of NHI");
  });

  it("validates ids", () => {
    expect(isNhiId("NHI7")).toBe(true);
    expect(isNhiId("NHI11")).toBe(false);
  });
});
