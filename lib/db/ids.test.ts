import { describe, expect, it } from "vitest";
import { orderedId } from "./ids";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("orderedId", () => {
  it("is a UUIDv7 whose first 48 bits are the millisecond", () => {
    const at = Date.UTC(2026, 11, 6, 12, 0, 0);
    const id = orderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  });

  it("sorts in the order made, within one millisecond and past the counter's 4,096", () => {
    const at = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 10_000 }, () => orderedId(at));
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("never goes back when the clock does", () => {
    const a = orderedId(Date.UTC(2031, 0, 1));
    const b = orderedId(Date.UTC(2029, 0, 1));
    expect(b > a).toBe(true);
  });
});
