import { describe, expect, it } from "vitest";
import {
  canonicalSigningEvent,
  idempotencyKeySchema,
  signedAtProblem,
  signingEventSchema,
} from "./signing-event-input";

const base = { artifactName: "payments-1.2.3.jar", artifactDigest: "a".repeat(64), signedAt: "2026-11-23T10:00:00Z" };

describe("signingEventSchema", () => {
  it("normalises the digest and defaults to a pipeline event", () => {
    expect(signingEventSchema.parse(base)).toMatchObject({
      artifactDigest: `sha256:${"a".repeat(64)}`,
      isInteractive: false,
    });
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

describe("idempotency", () => {
  it("accepts visible ASCII keys up to 200 characters, in the body as eventId", () => {
    expect(signingEventSchema.parse({ ...base, eventId: "github:acme/pay:run-981/attempt-2" }).eventId).toBe(
      "github:acme/pay:run-981/attempt-2",
    );
    for (const bad of ["", "has space", "é", "x".repeat(201)])
      expect(idempotencyKeySchema.safeParse(bad).success).toBe(false);
  });

  it("two reports are the same event when they store the same values, however they are spelled", () => {
    const a = signingEventSchema.parse({ ...base, environment: "Production" });
    const b = signingEventSchema.parse({
      signedAt: "2026-11-23T12:00:00+02:00",
      environment: "production",
      artifactDigest: `sha256:${"A".repeat(64)}`,
      artifactName: " payments-1.2.3.jar ",
    });
    expect(canonicalSigningEvent(a, "sig-1")).toBe(canonicalSigningEvent(b, "sig-1"));
    expect(canonicalSigningEvent(a, "sig-1")).not.toBe(canonicalSigningEvent(a, "sig-2"));
    expect(canonicalSigningEvent(a, "sig-1")).not.toBe(canonicalSigningEvent({ ...a, isInteractive: true }, "sig-1"));
    // the key itself is not part of the report
    expect(canonicalSigningEvent({ ...a, eventId: "k1" }, "sig-1")).toBe(canonicalSigningEvent(a, "sig-1"));
  });
});
