import { z } from "./zod";

// Sane bounds for dates people and pipelines send. JavaScript dates reach year 275760 and ISO
// strings year 0001; neither means anything here, and both break sorting, display and exports.
// The upper bound leaves room below year 10000 for the dates Signet derives from an input (a
// revocation deadline days after the request, a window hours after its start): past 9999 an ISO
// string gains a sign ("+010000-…"), which PostgreSQL and the API's own date format refuse.

export const MIN_INPUT_DATE = new Date("1970-01-01T00:00:00.000Z");
export const MAX_INPUT_DATE = new Date("9000-12-31T23:59:59.999Z");
export const DATE_RANGE_MESSAGE = "A date between 1970 and 9000";

/** true for a valid date within [MIN_INPUT_DATE, MAX_INPUT_DATE] */
export function isSaneDate(value: Date | string): boolean {
  const t = (typeof value === "string" ? new Date(value) : value).getTime();
  return !Number.isNaN(t) && t >= MIN_INPUT_DATE.getTime() && t <= MAX_INPUT_DATE.getTime();
}

/**
 * A date a person or pipeline sends (YYYY-MM-DD or ISO 8601), within the sane bounds: every date
 * input goes through this, so a year-137626 due date is a 422 naming the field, not a 500 later.
 */
export function inputDate(message = "A date (YYYY-MM-DD or ISO 8601)") {
  return z.coerce
    .date({ message })
    .refine((d) => !Number.isNaN(d.getTime()), message)
    .refine((d) => isSaneDate(d), DATE_RANGE_MESSAGE);
}
