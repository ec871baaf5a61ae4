import { describe, expect, it } from "vitest";
import { DATE_RANGE_MESSAGE, inputDate, isSaneDate } from "./date-bounds";
import { signerUpdateSchema } from "./signer-input";
import { signingEventSchema } from "./signing-event-input";

// issue 14: year 1 and year 275760 were accepted
const event = {
  artifactName: "app.tar.gz",
  artifactDigest: `sha256:${"a".repeat(64)}`,
};

describe("date inputs are bounded to 1970–9000", () => {
  it.each([
    ["0001-01-01T00:00:00Z", false],
    ["1969-12-31T23:59:59Z", false],
    ["1970-01-01T00:00:00Z", true],
    ["2026-11-23T10:00:00Z", true],
    ["9000-12-31T23:59:59Z", true],
    // fuzzing on PostgreSQL: a revocation requested at the end of 9999 got a deadline in year 10000 (500)
    ["9999-12-31T23:59:59Z", false],
    ["+275760-09-13T00:00:00Z", false],
    ["not a date", false],
  ])("isSaneDate(%s) = %s", (value, expected) => {
    expect(isSaneDate(value)).toBe(expected);
  });

  it.each([["0001-01-01"], [8.64e15], ["275760-09-13"], ["1900-01-01"]])(
    "a signer's credentialExpiresAt of %j is refused",
    (value) => {
      expect(signerUpdateSchema.safeParse({ credentialExpiresAt: value }).success).toBe(false);
    },
  );

  it("a signer's credentialExpiresAt in range is accepted", () => {
    expect(signerUpdateSchema.safeParse({ credentialExpiresAt: "2027-06-30" }).success).toBe(true);
  });

  it("a signing event in range is accepted (so the refusals below are about the date)", () => {
    expect(signingEventSchema.safeParse({ ...event, signedAt: "2026-11-23T10:00:00Z" }).success).toBe(true);
  });

  it.each([["0001-01-01T00:00:00Z"], ["1960-05-01T00:00:00Z"]])(
    "a signing event's signedAt of %s is refused",
    (signedAt) => {
      const r = signingEventSchema.safeParse({ ...event, signedAt });
      expect(r.success).toBe(false);
    },
  );
});

describe("inputDate", () => {
  it("accepts a date within the bounds and refuses year 137626, year 1 and nonsense with the range message", () => {
    const schema = inputDate("Enter a due date");
    expect(schema.parse("2027-01-31")).toEqual(new Date("2027-01-31"));
    expect(schema.safeParse("+137626-10-19T22:43:29.320Z").error?.issues[0].message).toBe(DATE_RANGE_MESSAGE);
    expect(schema.safeParse("0001-01-01").error?.issues[0].message).toBe(DATE_RANGE_MESSAGE);
    expect(schema.safeParse("soon").success).toBe(false);
  });
});
