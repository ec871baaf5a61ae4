import { describe, expect, it } from "vitest";
import { evaluateKey } from "@/lib/domain/findings/evaluate";
import { NOW, ctx, daysFromNow, ids, key, only } from "@/lib/domain/findings/fixtures";
import { effectiveCustody, keyBirth, privateKeySubmittedDraft } from "@/lib/domain/findings/key-rules";
import type { KeyInput } from "@/lib/domain/findings/types";

const run = (overrides: Partial<KeyInput>, policy?: unknown) => evaluateKey(key(overrides), ctx(policy));
const cert = (id: string, notBeforeDays: number, sha = id.padEnd(64, "0")) => ({
  id,
  sha256: sha,
  notBefore: daysFromNow(notBeforeDays),
  notAfter: daysFromNow(notBeforeDays + 365),
  subjectCn: "Acme Release Signing",
});

describe("baseline", () => {
  it("an attested HSM key of one signer, 100 days old, has no findings", () => {
    expect(run({})).toEqual([]);
  });

  it("keys no signer uses stay quiet", () => {
    expect(run({ signerIds: [], custody: "software-file", firstSeenAt: daysFromNow(-900) })).toEqual([]);
  });
});

describe("key.rotation-overdue", () => {
  it("fires, high, past 365 days and not at exactly 365", () => {
    const d = only(run({ firstSeenAt: daysFromNow(-366), certificates: [cert("c1", -10)] }), "key.rotation-overdue");
    expect(d).toMatchObject({ severity: "high", threshold: "key age ≤ 365 days", keyId: "key-1", signerId: "sig-1" });
    expect(d?.message).toContain("366 days old");
    expect(
      only(run({ firstSeenAt: daysFromNow(-365), certificates: [cert("c1", -10)] }), "key.rotation-overdue"),
    ).toBeUndefined();
  });

  it("dates the key by the oldest of created, first seen and its earliest certificate", () => {
    const d = only(run({ firstSeenAt: daysFromNow(-2), certificates: [cert("c1", -400)] }), "key.rotation-overdue");
    expect(d?.evidence).toMatchObject({ basis: "certificate", ageDays: 400 });
    expect(keyBirth(key({ createdAt: daysFromNow(-500) })).basis).toBe("createdAt");
  });

  it("follows policy", () => {
    expect(
      only(run({ firstSeenAt: daysFromNow(-400) }, { keys: { rotationMaxAgeDays: 730 } }), "key.rotation-overdue"),
    ).toBeUndefined();
  });
});

describe("key.renewed-without-rekey", () => {
  it("fires, medium, when two certificates issued at different times share the key", () => {
    const d = only(run({ certificates: [cert("c2", -30), cert("c1", -100)] }), "key.renewed-without-rekey");
    expect(d?.severity).toBe("medium");
    expect(d?.message).toContain("2 certificates issued 2026-08-15, 2026-10-24");
  });

  it("ignores the same certificate twice and certificates with the same notBefore", () => {
    expect(
      only(run({ certificates: [cert("c1", -30), cert("c1", -30)] }), "key.renewed-without-rekey"),
    ).toBeUndefined();
    expect(
      only(run({ certificates: [cert("c1", -30), cert("c2", -30)] }), "key.renewed-without-rekey"),
    ).toBeUndefined();
  });
});

describe("key.not-in-hsm", () => {
  it("fires, high, for software and unknown custody", () => {
    const d = only(run({ custody: "software-file", custodyEvidence: null }), "key.not-in-hsm");
    expect(d?.severity).toBe("high");
    expect(d?.message).toContain("held in software-file");
    expect(only(run({ custody: "unknown", custodyEvidence: null }), "key.not-in-hsm")?.message).toContain(
      "no recorded custody",
    );
  });

  it("needs evidence for cloud KMS and Vault", () => {
    expect(only(run({ custody: "cloud-kms", custodyEvidence: null }), "key.not-in-hsm")?.message).toContain(
      "no evidence",
    );
    expect(only(run({ custody: "cloud-kms", custodyEvidence: "  " }), "key.not-in-hsm")).toBeDefined();
    expect(run({ custody: "cloud-kms", custodyEvidence: "arn:aws:kms:eu-west-1:1:key/abc (HSM, CloudTrail)" })).toEqual(
      [],
    );
  });

  it("accepts hardware custody", () => {
    expect(only(run({ custody: "hardware-token" }), "key.not-in-hsm")).toBeUndefined();
  });
});

describe("key.custody-unattested", () => {
  it("fires, medium, for HSM custody without evidence, and not for software keys", () => {
    const drafts = run({ custody: "hsm", custodyEvidence: null });
    expect(ids(drafts)).toEqual(["key.custody-unattested"]);
    expect(drafts[0].severity).toBe("medium");
    expect(ids(run({ custody: "software-file", custodyEvidence: null }))).toEqual(["key.not-in-hsm"]);
  });
});

describe("custody declared on the signer", () => {
  const unknownKey = { custody: "unknown", custodyEvidence: null };
  const declared = (signerId: string, custody: string, custodyEvidence: string | null = null) => ({
    signerId,
    custody,
    custodyEvidence,
  });

  it("the key's own record wins over any declaration", () => {
    const k = key({
      custody: "software-file",
      custodyEvidence: null,
      declaredCustody: [declared("sig-1", "hsm", "Luna 7")],
    });
    expect(effectiveCustody(k)).toMatchObject({ custody: "software-file", source: "key" });
    expect(only(evaluateKey(k, ctx()), "key.not-in-hsm")?.evidence).toMatchObject({
      custody: "software-file",
      custodySource: "key",
    });
  });

  it("a key with unknown custody takes its signer's declaration, evidence included", () => {
    const k = key({ ...unknownKey, declaredCustody: [declared("sig-1", "hsm", "Thales Luna 7, partition rel-01")] });
    expect(effectiveCustody(k)).toEqual({
      custody: "hsm",
      custodyEvidence: "Thales Luna 7, partition rel-01",
      source: "signer",
      declaredBySignerIds: ["sig-1"],
    });
    expect(evaluateKey(k, ctx())).toEqual([]);
  });

  it("a declared software key raises key.not-in-hsm, saying the custody was declared", () => {
    const d = only(run({ ...unknownKey, declaredCustody: [declared("sig-1", "software-file")] }), "key.not-in-hsm");
    expect(d?.message).toContain("held in software-file (as declared by its signer");
    expect(d?.evidence).toMatchObject({
      custody: "software-file",
      custodySource: "signer",
      declaredBySignerIds: ["sig-1"],
    });
  });

  it("a declared HSM without evidence raises key.custody-unattested", () => {
    const drafts = run({ ...unknownKey, declaredCustody: [declared("sig-1", "hsm")] });
    expect(ids(drafts)).toEqual(["key.custody-unattested"]);
    expect(drafts[0].evidence).toMatchObject({ custody: "hsm", custodySource: "signer" });
  });

  it("signers that disagree: the least protected declaration counts; unknown declarations and signers not using the key are ignored", () => {
    const k = key({
      ...unknownKey,
      signerIds: ["sig-1", "sig-2", "sig-3"],
      declaredCustody: [
        declared("sig-1", "hsm", "Luna"),
        declared("sig-2", "cloud-kms", "arn:aws:kms:…"),
        declared("sig-3", "unknown"),
        declared("sig-9", "software-file"),
      ],
    });
    expect(effectiveCustody(k)).toEqual({
      custody: "cloud-kms",
      custodyEvidence: "arn:aws:kms:…",
      source: "signer",
      declaredBySignerIds: ["sig-2"],
    });
  });

  it("no record and no declaration: no recorded custody", () => {
    expect(effectiveCustody(key({ ...unknownKey, declaredCustody: [declared("sig-1", "unknown")] })).source).toBe(
      "none",
    );
    expect(only(run({ ...unknownKey }), "key.not-in-hsm")?.message).toContain("no recorded custody");
  });
});

describe("key.shared", () => {
  it("fires, high, when several signers use one key", () => {
    const d = only(run({ signerIds: ["sig-1", "sig-2"] }), "key.shared");
    expect(d).toMatchObject({ severity: "high", threshold: "at most 1 signer per key" });
    expect(d?.signerId).toBeUndefined();
    expect(d?.message).toContain("used by 2 signers");
  });

  it("counts distinct signers and follows policy", () => {
    expect(only(run({ signerIds: ["sig-1", "sig-1"] }), "key.shared")).toBeUndefined();
    expect(
      only(run({ signerIds: ["sig-1", "sig-2"] }, { keys: { maxSignersPerKey: 2 } }), "key.shared"),
    ).toBeUndefined();
  });
});

describe("key.env-mixing", () => {
  it("fires, high, when the key signed in production and staging", () => {
    const d = only(run({ signingEnvironments: ["production", "staging"] }), "key.env-mixing");
    expect(d?.severity).toBe("high");
    expect(d?.message).toContain("production (production) and non-production (staging)");
  });

  it("is quiet for production-only keys (including prod-eu style names)", () => {
    expect(run({ signingEnvironments: ["production", "prod-eu"] })).toEqual([]);
  });
});

describe("key.private-key-submitted", () => {
  it("is never produced by evaluation but builds a critical draft for the importer", () => {
    expect(ids(run({ custody: "software-file" }))).not.toContain("key.private-key-submitted");
    const d = privateKeySubmittedDraft({
      keyId: "key-1",
      submittedAt: NOW,
      submittedBy: "ada@acme.test",
      fileName: "release.pfx",
    });
    expect(d).toMatchObject({
      ruleId: "key.private-key-submitted",
      severity: "critical",
      subjectType: "key",
      subjectId: "key-1",
    });
    expect(d.message).toContain("“release.pfx”");
    expect(d.message).toContain("refused and not stored");
  });
});
