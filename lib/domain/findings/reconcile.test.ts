import { describe, expect, it } from "vitest";
import { NOW, daysFromNow } from "@/lib/domain/findings/fixtures";
import { lastSeenAt, reconcileFindings, type ExistingFinding } from "@/lib/domain/findings/reconcile";
import type { FindingDraft } from "@/lib/domain/findings/types";

const draftOf = (
  ruleId: FindingDraft["ruleId"],
  subjectId: string,
  severity: FindingDraft["severity"] = "high",
): FindingDraft => ({
  ruleId,
  severity,
  subjectType: ruleId.startsWith("cert.") ? "certificate" : ruleId.startsWith("key.") ? "key" : "signer",
  subjectId,
  message: `${ruleId} on ${subjectId}`,
  evidence: {},
  threshold: "t",
});

const stored = (d: FindingDraft, overrides: Partial<ExistingFinding & { id: string }> = {}) => ({
  id: `f-${d.ruleId}-${d.subjectId}`,
  ruleId: d.ruleId,
  subjectType: d.subjectType,
  subjectId: d.subjectId,
  resolvedAt: null as Date | null,
  acceptedUntil: null as Date | null,
  ...overrides,
});

describe("reconcileFindings", () => {
  it("creates new findings, updates present ones and resolves the ones gone", () => {
    const kept = draftOf("cert.expiring", "c1", "medium");
    const gone = draftOf("signer.stale", "s1");
    const fresh = draftOf("key.shared", "k1");
    const r = reconcileFindings([stored(kept), stored(gone)], [{ ...kept, severity: "high" }, fresh], NOW);
    expect(r.toCreate).toEqual([fresh]);
    expect(r.toUpdate).toHaveLength(1);
    expect(r.toUpdate[0]).toMatchObject({
      existing: { id: "f-cert.expiring-c1" },
      draft: { severity: "high" },
      lastSeenAt: NOW,
      isReopened: false,
      isAccepted: false,
      isAcceptanceExpired: false,
    });
    expect(r.toResolve).toEqual([{ existing: stored(gone), resolvedAt: NOW }]);
  });

  it("reopens a resolved finding that is back, and leaves resolved absent ones alone", () => {
    const back = draftOf("cert.weak-rsa", "c1");
    const old = draftOf("cert.no-crl-dp", "c1");
    const r = reconcileFindings(
      [stored(back, { resolvedAt: daysFromNow(-5) }), stored(old, { resolvedAt: daysFromNow(-5) })],
      [back],
      NOW,
    );
    expect(r.toUpdate[0].isReopened).toBe(true);
    expect(r.toCreate).toEqual([]);
    expect(r.toResolve).toEqual([]);
  });

  it("keeps a risk acceptance until its end date, then says to end it", () => {
    const d = draftOf("signer.orphaned", "s1");
    const active = reconcileFindings([stored(d, { acceptedUntil: daysFromNow(3) })], [d], NOW).toUpdate[0];
    expect(active).toMatchObject({ isAccepted: true, isAcceptanceExpired: false });
    const last = reconcileFindings([stored(d, { acceptedUntil: NOW })], [d], NOW).toUpdate[0];
    expect(last).toMatchObject({ isAccepted: true, isAcceptanceExpired: false });
    const lapsed = reconcileFindings([stored(d, { acceptedUntil: new Date(NOW.getTime() - 1) })], [d], NOW).toUpdate[0];
    expect(lapsed).toMatchObject({ isAccepted: false, isAcceptanceExpired: true });
  });

  it("matches on rule, subject type and subject id", () => {
    const d = draftOf("cert.expired", "c1");
    const otherSubject = stored({ ...d, subjectId: "c2" });
    const r = reconcileFindings([otherSubject], [d], NOW);
    expect(r.toCreate).toEqual([d]);
    expect(r.toResolve.map((x) => x.existing.subjectId)).toEqual(["c2"]);
  });

  it("never auto-resolves event-raised findings (private key submitted)", () => {
    const submitted = draftOf("key.private-key-submitted", "k1", "critical");
    expect(reconcileFindings([stored(submitted)], [], NOW).toResolve).toEqual([]);
  });

  it("resolves findings of rules that no longer exist", () => {
    const retired = {
      ruleId: "cert.retired-rule",
      subjectType: "certificate",
      subjectId: "c1",
      resolvedAt: null,
      acceptedUntil: null,
    };
    expect(reconcileFindings([retired], [], NOW).toResolve).toHaveLength(1);
  });

  it("collapses duplicate drafts to the most severe, as the table's unique key requires", () => {
    const low = draftOf("cert.expiring", "c1", "low");
    const high = draftOf("cert.expiring", "c1", "high");
    expect(reconcileFindings([], [low, high, low], NOW).toCreate).toEqual([high]);
  });
});

describe("lastSeenAt", () => {
  const sweep = daysFromNow(-1);
  const before = daysFromNow(-3);
  const after = daysFromNow(-0.5);

  it("an open engine finding was seen by the last sweep, which does not write unchanged rows", () => {
    expect(lastSeenAt({ ruleId: "cert.expiring", resolvedAt: null, lastSeenAt: before }, sweep)).toEqual(sweep);
  });

  it("keeps a later stored sighting, and the stored one when no sweep has run", () => {
    expect(lastSeenAt({ ruleId: "cert.expiring", resolvedAt: null, lastSeenAt: after }, sweep)).toEqual(after);
    expect(lastSeenAt({ ruleId: "cert.expiring", resolvedAt: null, lastSeenAt: before }, null)).toEqual(before);
  });

  it("a resolved finding or an event finding was not seen by the sweep", () => {
    expect(lastSeenAt({ ruleId: "cert.expiring", resolvedAt: before, lastSeenAt: before }, sweep)).toEqual(before);
    expect(lastSeenAt({ ruleId: "signer.gate-denied", resolvedAt: null, lastSeenAt: before }, sweep)).toEqual(before);
    expect(lastSeenAt({ ruleId: "key.private-key-submitted", resolvedAt: null, lastSeenAt: before }, sweep)).toEqual(
      before,
    );
  });
});
