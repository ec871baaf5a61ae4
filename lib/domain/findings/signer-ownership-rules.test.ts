import { describe, expect, it } from "vitest";
import { evaluateSigner } from "@/lib/domain/findings/evaluate";
import { ctx, daysFromNow, ids, only, signer } from "@/lib/domain/findings/fixtures";
import type { SignerInput } from "@/lib/domain/findings/types";

const run = (overrides: Partial<SignerInput>, policy?: unknown) => evaluateSigner(signer(overrides), ctx(policy));
const gone = { id: "p-9", name: "Ken Thompson", isActive: false };

describe("baseline", () => {
  it("an owned, OIDC-authenticated, production-only signer in daily use has no findings", () => {
    expect(run({})).toEqual([]);
  });

  it("a decommissioned signer gets no findings at all", () => {
    expect(
      run({ status: "decommissioned", primaryOwner: null, backupOwner: null, credentialType: "static-secret" }),
    ).toEqual([]);
  });
});

describe("signer.orphaned", () => {
  it("fires, high, without a primary owner", () => {
    const d = only(run({ primaryOwner: null }), "signer.orphaned");
    expect(d).toMatchObject({ severity: "high", subjectType: "signer", subjectId: "sig-1", signerId: "sig-1" });
    expect(d?.message).toBe("Signer “payments-release” is orphaned: it has no primary owner.");
  });

  it("fires when the primary owner has left, also for a suspended signer", () => {
    expect(only(run({ primaryOwner: gone }), "signer.orphaned")?.message).toContain("Ken Thompson has left");
    expect(only(run({ primaryOwner: gone, status: "suspended" }), "signer.orphaned")).toBeDefined();
  });
});

describe("signer.no-backup-owner", () => {
  it("fires, low, without a backup, with a departed backup, or with the primary as backup", () => {
    expect(only(run({ backupOwner: null }), "signer.no-backup-owner")?.severity).toBe("low");
    expect(only(run({ backupOwner: gone }), "signer.no-backup-owner")?.message).toContain("Ken Thompson, who has left");
    const same = run({ backupOwner: { id: "p-1", name: "Ada Lovelace", isActive: true } });
    expect(only(same, "signer.no-backup-owner")?.message).toContain("same person");
  });
});

describe("owner evidence, stored as JSON under these keys", () => {
  const stored = (ruleId: string, overrides: Partial<SignerInput>) =>
    JSON.stringify(only(run(overrides), ruleId)?.evidence);

  it("names the owner the finding is about, in its role", () => {
    expect(stored("signer.orphaned", { primaryOwner: gone })).toBe(
      '{"primaryOwnerId":"p-9","primaryOwnerName":"Ken Thompson","isPrimaryOwnerActive":false}',
    );
    expect(stored("signer.no-backup-owner", { backupOwner: gone })).toBe(
      '{"backupOwnerId":"p-9","backupOwnerName":"Ken Thompson","isBackupOwnerActive":false}',
    );
  });

  it("stores nulls without an owner", () => {
    const nobody = { primaryOwner: null, backupOwner: null };
    expect(stored("signer.orphaned", nobody)).toBe(
      '{"primaryOwnerId":null,"primaryOwnerName":null,"isPrimaryOwnerActive":null}',
    );
    expect(stored("signer.no-backup-owner", nobody)).toBe(
      '{"backupOwnerId":null,"backupOwnerName":null,"isBackupOwnerActive":null}',
    );
  });
});

describe("signer.stale", () => {
  it("fires, medium, after more than 90 days without signing while holding a valid certificate", () => {
    const d = only(run({ lastUsedAt: daysFromNow(-91) }), "signer.stale");
    expect(d).toMatchObject({
      severity: "medium",
      threshold: "signing activity within 90 days while holding a valid certificate",
    });
    expect(d?.message).toContain("(91 days ago)");
    expect(only(run({ lastUsedAt: daysFromNow(-90) }), "signer.stale")).toBeUndefined();
  });

  it("counts from creation when it never signed", () => {
    expect(only(run({ lastUsedAt: null }), "signer.stale")?.message).toContain("never signed since it was created");
    expect(only(run({ lastUsedAt: null, createdAt: daysFromNow(-10) }), "signer.stale")).toBeUndefined();
  });

  it("needs standing access and an active signer", () => {
    expect(only(run({ lastUsedAt: daysFromNow(-200), hasValidCertificate: false }), "signer.stale")).toBeUndefined();
    expect(only(run({ lastUsedAt: daysFromNow(-200), status: "suspended" }), "signer.stale")).toBeUndefined();
  });
});

describe("signer.attestation-overdue", () => {
  const attestation = {
    campaignId: "camp-1",
    campaignName: "Q4 signer review",
    dueAt: daysFromNow(-3),
    escalatedAt: null,
  };

  it("fires, medium, past the due date", () => {
    const d = only(run({ overdueAttestations: [attestation] }), "signer.attestation-overdue");
    expect(d?.severity).toBe("medium");
    expect(d?.message).toContain("campaign “Q4 signer review”, due 2026-11-20 (3 days ago)");
  });

  it("becomes high once escalated", () => {
    const d = only(
      run({ overdueAttestations: [{ ...attestation, escalatedAt: daysFromNow(-1) }] }),
      "signer.attestation-overdue",
    );
    expect(d?.severity).toBe("high");
    expect(d?.message).toContain("escalated on 2026-11-22");
  });

  it("ignores attestations not yet due, and applies to suspended signers", () => {
    expect(
      only(run({ overdueAttestations: [{ ...attestation, dueAt: daysFromNow(2) }] }), "signer.attestation-overdue"),
    ).toBeUndefined();
    expect(ids(run({ status: "suspended", overdueAttestations: [attestation] }))).toEqual([
      "signer.attestation-overdue",
    ]);
  });

  it("names every overdue campaign", () => {
    const d = only(
      run({
        overdueAttestations: [
          attestation,
          { ...attestation, campaignId: "camp-2", campaignName: "Annual", dueAt: daysFromNow(-40) },
        ],
      }),
      "signer.attestation-overdue",
    );
    expect(d?.message).toContain("2 campaigns (“Annual”, “Q4 signer review”), due 2026-10-14");
  });
});
