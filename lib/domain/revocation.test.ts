import { describe, expect, it } from "vitest";
import {
  deadlineState,
  isRevocationReason,
  lastCheckSummary,
  reasonFromCode,
  revocationDeadline,
} from "@/lib/domain/revocation";

const at = new Date("2026-03-10T15:30:00Z");

describe("revocationDeadline (CSBR §4.9.1.1)", () => {
  it("gives 24 hours for key compromise and suspect code", () => {
    expect(revocationDeadline("keyCompromise", at).toISOString()).toBe("2026-03-11T15:30:00.000Z");
    expect(revocationDeadline("suspectCode", at).toISOString()).toBe("2026-03-11T15:30:00.000Z");
  });

  it("gives 5 days for every other reason", () => {
    for (const reason of [
      "unspecified",
      "superseded",
      "cessationOfOperation",
      "affiliationChanged",
      "privilegeWithdrawn",
    ] as const) {
      expect(revocationDeadline(reason, at).toISOString()).toBe("2026-03-15T15:30:00.000Z");
    }
  });

  it("counts elapsed time across a daylight-saving change (UTC instants)", () => {
    expect(
      revocationDeadline("superseded", new Date("2026-03-27T12:00:00Z")).getTime() - Date.parse("2026-03-27T12:00:00Z"),
    ).toBe(5 * 86_400_000);
  });
});

describe("deadlineState", () => {
  const deadlineAt = revocationDeadline("keyCompromise", at);
  it("is open up to and including the deadline instant, overdue one millisecond later", () => {
    expect(deadlineState({ deadlineAt, confirmedAt: null }, deadlineAt).state).toBe("open");
    expect(deadlineState({ deadlineAt, confirmedAt: null }, new Date(deadlineAt.getTime() + 1)).state).toBe("overdue");
  });
  it("is met once confirmed, even late", () => {
    expect(
      deadlineState(
        { deadlineAt, confirmedAt: new Date(deadlineAt.getTime() + 5) },
        new Date(deadlineAt.getTime() + 10),
      ).state,
    ).toBe("met");
  });
});

describe("reason names", () => {
  it("maps RFC 5280 codes, skipping the unassigned 7", () => {
    expect(reasonFromCode(1)).toBe("keyCompromise");
    expect(reasonFromCode(10)).toBe("aACompromise");
    expect(reasonFromCode(7)).toBeNull();
    expect(reasonFromCode(11)).toBeNull();
  });
  it("accepts suspectCode and refuses unknown names", () => {
    expect(isRevocationReason("suspectCode")).toBe(true);
    expect(isRevocationReason("KeyCompromise")).toBe(false);
  });
});

describe("lastCheckSummary (issue 17: the sentence said every check got an answer while none was checked)", () => {
  it.each([
    [{ total: 3, answered: 0, unchecked: 3, failed: 0 }, "Of 3 unexpired certificates: 3 have never been checked."],
    [
      { total: 3, answered: 3, unchecked: 0, failed: 0 },
      "The last revocation check of each of the 3 unexpired certificates got an answer.",
    ],
    [
      { total: 1, answered: 1, unchecked: 0, failed: 0 },
      "The last revocation check of the one unexpired certificate got an answer.",
    ],
    [
      { total: 5, answered: 2, unchecked: 1, failed: 2 },
      "Of 5 unexpired certificates: 2 got an answer at their last check, 2 failed their last check (listed below) and 1 has never been checked.",
    ],
    [{ total: 0, answered: 0, unchecked: 0, failed: 0 }, "There is no unexpired certificate to check."],
  ])("%o → %s", (counts, sentence) => {
    expect(lastCheckSummary(counts)).toBe(sentence);
  });
});
