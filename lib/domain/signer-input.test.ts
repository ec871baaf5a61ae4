import { describe, expect, it } from "vitest";
import { z } from "./zod";
import * as signerInput from "./signer-input";

describe("signerCreateSchema", () => {
  it("accepts a full signer and normalises grants, environments and fingerprints", () => {
    const r = signerInput.signerCreateSchema.parse({
      name: "payments-release",
      kind: "ci-pipeline",
      platform: "github-actions",
      environments: ["Production"],
      artifactTypes: ["jar"],
      credentialType: "static-secret",
      credentialExpiresAt: "2027-01-01",
      primaryOwner: "ana@example.test",
      backupOwner: "bo@example.test",
      team: "Payments",
      privileges: ["sign:release/production@production", { scope: "repo:acme/payments" }],
      custody: { type: "hsm", evidence: "Thales Luna 7, partition rel-01" },
      certificates: ["AB:".repeat(31) + "AB"],
    });
    expect(r.environments).toEqual(["production"]);
    expect(r.privileges).toEqual([
      { scope: "sign:release/production", environment: "production" },
      { scope: "repo:acme/payments", environment: "any" },
    ]);
    expect(r.certificates).toEqual(["ab".repeat(32)]);
    expect(r.credentialExpiresAt).toEqual(new Date("2027-01-01"));
  });

  // issue 17: "a signer named ñandú or 签名 is refused with 'Use letters…'"
  it("accepts names in any script, stored in NFC, and still refuses hidden or control characters", () => {
    for (const name of ["ñandú", "签名", "подпись-релиз", "ñandú release (prod)", "ﾃｽﾄ 1"])
      expect(signerInput.signerNameSchema.parse(name), name).toBe(name.normalize("NFC"));
    // "ú" as u + combining acute is the same name as the precomposed one
    expect(signerInput.signerNameSchema.parse("n\u0303andu\u0301")).toBe("ñandú");
    for (const name of ["-leading", "a\u202Eb", "a\u200Bb", "a\nb", "a;b", "\u0301x"])
      expect(signerInput.signerNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
    expect(signerInput.signerCreateSchema.parse({ name: "签名", kind: "other" }).name).toBe("签名");
  });

  it("requires name and kind and applies defaults", () => {
    expect(signerInput.signerCreateSchema.safeParse({ name: "x" }).success).toBe(false);
    const v = signerInput.withSignerDefaults(signerInput.signerCreateSchema.parse({ name: "x", kind: "other" }));
    expect(v).toMatchObject({
      platform: "other",
      credentialType: "none",
      environments: [],
      privileges: [],
      primaryOwner: null,
    });
  });

  it("refuses unknown fields, bad enums and cross-field mistakes", () => {
    const issues = (input: unknown) =>
      signerInput.signerCreateSchema.safeParse(input).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(issues({ name: "x", kind: "robot" })).toEqual(["kind"]);
    expect(issues({ name: "x", kind: "other", secret: "s" })).toEqual([""]);
    expect(issues({ name: "x", kind: "other", primaryOwner: "a@x.test", backupOwner: "A@x.test" })).toEqual([
      "backupOwner",
    ]);
    expect(issues({ name: "x", kind: "other", credentialType: "oidc", credentialExpiresAt: "2027-01-01" })).toEqual([
      "credentialExpiresAt",
    ]);
    expect(issues({ name: "x", kind: "other", privileges: ["sign:a", "sign:a@any"] })).toEqual(["privileges.1"]);
    expect(issues({ name: "x", kind: "other", privileges: ["bad scope"] })).toEqual(["privileges.0"]);
    expect(issues({ name: "x", kind: "other", environments: ["any"] })).toEqual(["environments.0"]);
  });

  it("refuses secrets in free text and custody evidence", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----";
    expect(
      signerInput.signerCreateSchema.safeParse({
        name: "x",
        kind: "other",
        custody: { type: "software-file", evidence: pem },
      }).success,
    ).toBe(false);
    expect(
      signerInput.signerCreateSchema.safeParse({ name: "x", kind: "other", description: "token=abc123" }).success,
    ).toBe(false);
    expect(
      signerInput.signerCreateSchema.safeParse({
        name: "x",
        kind: "other",
        custody: {
          type: "cloud-kms",
          evidence: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        },
      }).success,
    ).toBe(true);
  });

  it("declared custody: a type from the list, no evidence without a type, null withdraws it", () => {
    const issues = (input: unknown) =>
      signerInput.signerCreateSchema.safeParse(input).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(issues({ name: "x", kind: "other", custody: { type: "floppy" } })).toEqual(["custody.type"]);
    expect(issues({ name: "x", kind: "other", custody: { type: "unknown", evidence: "KMS key 1" } })).toEqual([
      "custody.type",
    ]);
    expect(issues({ name: "x", kind: "other", custody: { type: "unknown", evidence: "  " } })).toEqual([]);
    expect(signerInput.signerUpdateSchema.safeParse({ custody: null }).success).toBe(true);
  });
});

describe("SIGNER_FIELD_HINTS", () => {
  // what the form shows under a field is what an API client reads in the OpenAPI document
  it("each hint describes its field in the create and update request schemas, and nothing else does", () => {
    const descriptionsIn = (node: unknown): string[] =>
      typeof node !== "object" || node === null
        ? []
        : Object.entries(node).flatMap(([key, value]) =>
            key === "description" && typeof value === "string" ? [value] : descriptionsIn(value),
          );
    const descriptions = (schema: z.ZodType) =>
      descriptionsIn(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })).sort();
    const hints = Object.values(signerInput.SIGNER_FIELD_HINTS).sort();
    expect(descriptions(signerInput.signerCreateSchema)).toEqual(hints);
    expect(descriptions(signerInput.signerUpdateSchema)).toEqual(hints);
  });
});

describe("looksLikeSecret", () => {
  it.each([
    "ghp_0123456789abcdefghijABCDEFGHIJ",
    "AKIAABCDEFGHIJKLMNOP",
    "password: hunter2",
    "sgt_abcdefghijklmnopqrstuvwxyz",
  ])("flags %s", (t) => expect(signerInput.looksLikeSecret(t)).toBe(true));
  it.each(["Thales Luna 7", "projects/p/locations/global/keyRings/r/cryptoKeys/k", "sha256:" + "a".repeat(64)])(
    "allows %s",
    (t) => expect(signerInput.looksLikeSecret(t)).toBe(false),
  );
});

describe("signerUpdateSchema", () => {
  it("accepts a partial update and explicit nulls", () => {
    expect(signerInput.signerUpdateSchema.parse({ primaryOwner: null, description: "new" })).toEqual({
      primaryOwner: null,
      description: "new",
    });
  });
});

describe("statusTransitionProblem", () => {
  it("allows suspend/resume/decommission with reasons and makes decommissioning final", () => {
    expect(signerInput.statusTransitionProblem("active", "suspended", "key leak suspected")).toBeNull();
    expect(signerInput.statusTransitionProblem("active", "suspended", undefined)).toMatch(/reason/);
    expect(signerInput.statusTransitionProblem("suspended", "active", undefined)).toBeNull();
    expect(signerInput.statusTransitionProblem("active", "active", undefined)).toMatch(/already/);
    expect(signerInput.statusTransitionProblem("decommissioned", "active", "oops")).toMatch(/cannot/);
  });
});
