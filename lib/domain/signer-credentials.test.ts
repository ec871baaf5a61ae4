import { describe, expect, it } from "vitest";
import * as credentials from "./signer-credentials";

describe("signer credential input", () => {
  it("takes what and where a credential is, and its dates", () => {
    const r = credentials.signerCredentialCreateSchema.parse({
      kind: "cloud-service-account-key",
      name: " uploader@acme.iam ",
      location: "Jenkins credential GCP_SA_KEY",
      expiresAt: "2027-03-01",
      lastRotatedAt: "2026-03-01",
    });
    expect(r).toMatchObject({ name: "uploader@acme.iam", expiresAt: new Date("2027-03-01") });
  });

  it.each([
    ["location", { location: "token=ghp_abcdefghijklmnopqrstuvwxyz0123" }],
    ["name", { name: "-----BEGIN PRIVATE KEY-----" }],
    ["name", { name: "AKIAABCDEFGHIJKLMNOP" }],
  ])("refuses a secret in %s", (path, over) => {
    const r = credentials.signerCredentialCreateSchema.safeParse({ kind: "ci-secret", name: "X", ...over });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: [path], message: expect.stringContaining("Looks like a secret") });
  });

  it("names what is wrong: kind, empty name, a date out of range, rotation after expiry, unknown fields", () => {
    const issues = (v: unknown) =>
      credentials.signerCredentialCreateSchema.safeParse(v).error?.issues.map((i) => i.path.join("."));
    expect(issues({ kind: "password", name: "X" })).toEqual(["kind"]);
    expect(issues({ kind: "ci-secret", name: "  " })).toEqual(["name"]);
    expect(issues({ kind: "ci-secret", name: "X", expiresAt: "99999-01-01" })).toEqual(["expiresAt"]);
    expect(issues({ kind: "ci-secret", name: "X", expiresAt: "2027-01-01", lastRotatedAt: "2027-02-01" })).toEqual([
      "lastRotatedAt",
    ]);
    expect(issues({ kind: "ci-secret", name: "X", value: "s3cr3t" })).toEqual([""]);
    expect(credentials.signerCredentialUpdateSchema.safeParse({ expiresAt: null }).success).toBe(true);
  });

  it("labels credentials and reads the pipeline one's expiry", () => {
    expect(credentials.credentialLabel({ kind: "registry-token", name: "NPM_TOKEN" })).toBe("Registry token NPM_TOKEN");
    expect(credentials.credentialLabel({ kind: "signing-service", name: "Pipeline credential" })).toBe(
      "Pipeline credential",
    );
    const at = new Date("2027-01-01");
    expect(
      credentials.pipelineCredentialExpiresAt([
        { isPipeline: false, expiresAt: new Date("2026-01-01") },
        { isPipeline: true, expiresAt: at },
      ]),
    ).toBe(at);
    expect(credentials.pipelineCredentialExpiresAt([])).toBeNull();
  });
});
