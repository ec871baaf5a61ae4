// What a revocation date does to the signatures a certificate already made. CSBR §4.9 lets a CA
// backdate revocation (e.g. to the first suspected misuse), and verifiers then reject every
// signature made at or after that instant. Pure: events and the date are parameters.
//
// Boundary: the revocation date is the first instant at which the certificate counts as revoked
// (RFC 5280 §5.3.2 revocationDate). A signature with signedAt EXACTLY equal to the date is
// therefore invalidated; one a millisecond earlier stays valid. Times compare as UTC instants at
// millisecond precision (signedAt as recorded; no clock-skew allowance).
import { z } from "./zod";
import { DATE_RANGE_MESSAGE, isSaneDate } from "./date-bounds";

export type ImpactEvent = {
  id: string;
  signedAt: Date;
  signerId: string;
  signerName: string;
  artifactName: string;
  artifactDigest: string | null;
  environment: string | null;
  ciRunUrl: string | null;
};

export type RevocationImpact = {
  certificateId: string;
  revocationDate: Date;
  /** signedAt ≥ revocationDate, oldest first */
  invalidated: ImpactEvent[];
  /** signedAt < revocationDate, oldest first */
  remainValid: ImpactEvent[];
  /** signers with at least one invalidated signature, by name */
  affectedSigners: { id: string; name: string; invalidatedCount: number }[];
};

export function isInvalidatedBy(signedAt: Date, revocationDate: Date): boolean {
  return signedAt.getTime() >= revocationDate.getTime();
}

export function computeRevocationImpact(
  certificateId: string,
  events: ImpactEvent[],
  revocationDate: Date,
): RevocationImpact {
  const sorted = [...events].sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime() || a.id.localeCompare(b.id));
  const invalidated = sorted.filter((e) => isInvalidatedBy(e.signedAt, revocationDate));
  const remainValid = sorted.filter((e) => !isInvalidatedBy(e.signedAt, revocationDate));
  const bySigner = new Map<string, { id: string; name: string; invalidatedCount: number }>();
  for (const e of invalidated) {
    const s = bySigner.get(e.signerId) ?? { id: e.signerId, name: e.signerName, invalidatedCount: 0 };
    s.invalidatedCount++;
    bySigner.set(e.signerId, s);
  }
  const affectedSigners = [...bySigner.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { certificateId, revocationDate, invalidated, remainValid, affectedSigners };
}

/**
 * A revocation date from user input: an ISO 8601 instant with an explicit offset, or a calendar
 * date (YYYY-MM-DD) meaning its first instant in UTC. Returns null for anything else.
 */
export function parseRevocationDate(input: string): Date | null {
  const s = input.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = new Date(`${s}T00:00:00.000Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : d;
  }
  // an instant without an offset would depend on the server's time zone: refuse it
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const REVOCATION_DATE_FORMAT = "use YYYY-MM-DD or an ISO 8601 instant with an offset (…Z)";

/**
 * A revocation (or compromise) date field: parsed as above and bounded like every date input, so
 * a date late in 9999 cannot put a derived deadline into year 10000, which nothing can store (500).
 */
export const revocationDateInput = z.string().transform((s, ctx) => {
  const d = parseRevocationDate(s);
  if (!d) ctx.addIssue({ code: "custom", message: REVOCATION_DATE_FORMAT });
  else if (!isSaneDate(d)) ctx.addIssue({ code: "custom", message: DATE_RANGE_MESSAGE });
  return d ?? new Date(NaN);
});

const CSV_HEADER = [
  "status",
  "signed_at",
  "signer",
  "artifact",
  "artifact_digest",
  "environment",
  "ci_run_url",
  "event_id",
];

/** RFC 4180 CSV, one row per signing event, invalidated first; cells that a spreadsheet would run as a formula are neutralised. */
export function toCsv(impact: RevocationImpact): string {
  const rows = [
    CSV_HEADER,
    ...impact.invalidated.map((e) => row("invalidated", e)),
    ...impact.remainValid.map((e) => row("valid", e)),
  ];
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

function row(status: string, e: ImpactEvent): string[] {
  return [
    status,
    e.signedAt.toISOString(),
    e.signerName,
    e.artifactName,
    e.artifactDigest ?? "",
    e.environment ?? "",
    e.ciRunUrl ?? "",
    e.id,
  ];
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
