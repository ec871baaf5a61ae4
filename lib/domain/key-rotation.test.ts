import { describe, expect, it } from "vitest";
import { keyBornAt, rotationAgeDays } from "@/lib/domain/key-rotation";

const now = new Date("2026-11-23T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe("rotationAgeDays", () => {
  it("counts from firstSeenAt when nothing older is known", () => {
    expect(rotationAgeDays({ firstSeenAt: daysAgo(400), createdAt: null }, now)).toBe(400);
  });

  it("uses the recorded creation date when it is older than first sight", () => {
    expect(rotationAgeDays({ firstSeenAt: daysAgo(10), createdAt: daysAgo(700) }, now)).toBe(700);
  });

  it("does not restart when a renewal reuses the key: the oldest certificate counts", () => {
    const key = {
      firstSeenAt: daysAgo(5),
      createdAt: null,
      certificates: [{ notBefore: daysAgo(5) }, { notBefore: daysAgo(800) }],
    };
    expect(keyBornAt(key)).toEqual(daysAgo(800));
    expect(rotationAgeDays(key, now)).toBe(800);
  });

  it("rounds down partial days and never goes negative", () => {
    expect(rotationAgeDays({ firstSeenAt: new Date(now.getTime() - 1.9 * 86_400_000), createdAt: null }, now)).toBe(1);
    expect(rotationAgeDays({ firstSeenAt: daysAgo(-3), createdAt: null }, now)).toBe(0);
  });
});
