import { describe, expect, it } from "vitest";
import { signedAtProblem, signingEventSchema } from "./signing-event-input";

const base = { artifactName: "payments-1.2.3.jar", artifactDigest: "a".repeat(64), signedAt: "2026-11-23T10:00:00Z" };

describe("signingEventSchema", () => {
  it("normalises the digest and defaults to a pipeline event", () => {
    expect(signingEventSchema.parse(base)).toMatchObject({ artifactDigest: `sha256:${"a".repeat(64)}`, isInteractive: false });
  });
  it("refuses bad digests, URLs, timestamps without zone and unknown fields", () => {
    expect(signingEventSchema.safeParse({ ...base, artifactDigest: "md5:abc" }).success).toBe(false);
    expect(signingEventSchema.safeParse({ ...base, ciRunUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(signingEventSchema.safeParse({ ...base, signedAt: "2026-11-23 10:00" }).success).toBe(false);
    expect(signingEventSchema.safeParse({ ...base, privateKey: "x" }).success).toBe(false);
    expect(signingEventSchema.safeParse({ ...base, ciRunUrl: "https://ci.example/run/1" }).success).toBe(true);
  });
});

describe("signedAtProblem", () => {
  const now = new Date("2026-11-23T10:00:00Z");
  it("allows the past and a small skew, refuses the future", () => {
    expect(signedAtProblem(new Date("2025-01-01T00:00:00Z"), now)).toBeNull();
    expect(signedAtProblem(new Date("2026-11-23T10:04:59Z"), now)).toBeNull();
    expect(signedAtProblem(new Date("2026-11-23T10:05:01Z"), now)).toMatch(/future/);
  });
});
