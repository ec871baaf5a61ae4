// Key-compromise incidents and their drills: what a declaration asks, the release channels that
// need recovering, the timings, and the drill's report. Pure: times and data are parameters.
import { z } from "./zod";
import { DATE_RANGE_MESSAGE, isSaneDate } from "./date-bounds";
import { parseRevocationDate, csvCell } from "./revocation-impact";
import type { WebhookEventDraft } from "./webhooks/events";

export const INCIDENT_MODES = ["compromise", "drill"] as const;
export type IncidentMode = (typeof INCIDENT_MODES)[number];
export const INCIDENT_SUBJECTS = ["key", "signer"] as const;
export type IncidentSubject = (typeof INCIDENT_SUBJECTS)[number];
export type IncidentTaskStatus = "open" | "done" | "waived";

/** A channel whose signing events named no environment or artifact type. */
export const UNSPECIFIED = "unspecified";

/** "declare compromised" on a key or a signer, or a drill of it */
export const declareIncidentSchema = z.strictObject({
  mode: z.enum(INCIDENT_MODES).default("compromise"),
  subjectType: z.enum(INCIDENT_SUBJECTS, { message: "key or signer" }),
  subjectId: z.string().trim().min(1, "Choose a key or a signer").max(100),
  /** when the key is suspected to have been compromised: an ISO 8601 instant or a date (UTC) */
  suspectedAt: z
    .string()
    .trim()
    .refine((s) => parseRevocationDate(s) !== null, "A date (YYYY-MM-DD) or an ISO 8601 instant with a time zone")
    .refine((s) => {
      const d = parseRevocationDate(s);
      return d === null || isSaneDate(d);
    }, DATE_RANGE_MESSAGE),
  reason: z.string().trim().min(10, "Say what happened in at least 10 characters").max(2000),
});
export type DeclareIncidentInput = z.input<typeof declareIncidentSchema>;

export const waiveTaskSchema = z.strictObject({
  taskId: z.string().trim().min(1),
  reason: z.string().trim().min(10, "A waiver needs a reason of at least 10 characters").max(1000),
});

/** The label every message and record of a drill carries. */
export function drillLabel(mode: IncidentMode, text: string): string {
  return mode === "drill" ? `[DRILL] ${text}` : text;
}

export type Channel = { environment: string; artifactType: string };

export function channelKey(c: Channel): string {
  return `${c.environment}\u0000${c.artifactType}`;
}

/** Release channels (environment × artifact type) of the signing events, sorted, each once. */
export function channelsOf(events: { environment: string | null; artifactType: string | null }[]): Channel[] {
  const seen = new Map<string, Channel>();
  for (const e of events) {
    const c = { environment: e.environment || UNSPECIFIED, artifactType: e.artifactType || UNSPECIFIED };
    seen.set(channelKey(c), c);
  }
  return [...seen.values()].sort(
    (a, b) => a.environment.localeCompare(b.environment) || a.artifactType.localeCompare(b.artifactType),
  );
}

/** Whether a signing event belongs to a channel ("unspecified" matches an event that named nothing). */
export function isInChannel(e: { environment: string | null; artifactType: string | null }, c: Channel): boolean {
  return (e.environment || UNSPECIFIED) === c.environment && (e.artifactType || UNSPECIFIED) === c.artifactType;
}

export type TaskProgress = { newKeyAt: Date | null; newCertificateAt: Date | null; resignedAt: Date | null };

/** A recovery task is done when all three steps were seen; it completes at the latest of them. */
export function taskDoneAt(p: TaskProgress): Date | null {
  if (!p.newKeyAt || !p.newCertificateAt || !p.resignedAt) return null;
  return new Date(Math.max(p.newKeyAt.getTime(), p.newCertificateAt.getTime(), p.resignedAt.getTime()));
}

export type IncidentTimes = { declaredAt: Date; containedAt: Date | null; recoveredAt: Date | null };

export function msToContain(i: IncidentTimes): number | null {
  return i.containedAt ? i.containedAt.getTime() - i.declaredAt.getTime() : null;
}

export function msToRecover(i: IncidentTimes): number | null {
  return i.recoveredAt ? i.recoveredAt.getTime() - i.declaredAt.getTime() : null;
}

/** 3 d 4 h, 2 h 5 min, 40 s */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min`;
  return `${s} s`;
}

/** Every task done or waived: the condition for closing an incident. */
export function isEveryTaskSettled(tasks: { status: string }[]): boolean {
  return tasks.every((t) => t.status === "done" || t.status === "waived");
}

// ---------------------------------------------------------------- the drill's report

export type ReportTask = Channel & {
  status: string;
  doneAt: Date | null;
  waivedReason: string | null;
};
export type ReportNotice = {
  recipientEmail: string;
  role: string;
  notifiedAt: Date;
  acknowledgedAt: Date | null;
};

/** The incident a report is about: the report carries its instants as ISO strings, its input as dates. */
type ReportHeading<Instant> = {
  incidentId: string;
  mode: IncidentMode;
  subject: string;
  suspectedAt: Instant;
  declaredAt: Instant;
};
/** How many keys, certificates and artifacts the compromise reached. */
type ReachCounts = { keys: number; certificates: number; artifacts: number };

export type IncidentReport = ReportHeading<string> & {
  endedAt: string;
  msToContain: number | null;
  msToRecover: number | null;
  blastRadius: ReachCounts & { signers: string[]; channels: Channel[] };
  /** steps that took longer than the policy's response time, or never finished */
  slowOrBlocked: { step: string; state: "slow" | "blocked"; detail: string }[];
  ownersWithoutResponse: { email: string; role: string }[];
};

export type ReportInput = ReportHeading<Date> &
  ReachCounts & {
    containedAt: Date | null;
    recoveredAt: Date | null;
    signers: { name: string; hasOwner: boolean }[];
    tasks: ReportTask[];
    notices: ReportNotice[];
  };

/** The drill's report at `endedAt`: what it found, what was slow or blocked, who did not answer. */
export function buildIncidentReport(r: ReportInput, options: { endedAt: Date; responseHours: number }): IncidentReport {
  const limitMs = options.responseHours * 3_600_000;
  const late = (at: Date | null) => at !== null && at.getTime() - r.declaredAt.getTime() > limitMs;
  const slowOrBlocked: IncidentReport["slowOrBlocked"] = [];
  for (const s of r.signers)
    if (!s.hasOwner)
      slowOrBlocked.push({ step: `notify owner of ${s.name}`, state: "blocked", detail: "the signer has no owner" });
  for (const t of r.tasks) {
    const step = `recover ${t.environment} × ${t.artifactType}`;
    if (t.status === "open")
      slowOrBlocked.push({ step, state: "blocked", detail: "not re-signed when the drill ended" });
    else if (t.status === "done" && late(t.doneAt))
      slowOrBlocked.push({ step, state: "slow", detail: `done after ${formatDuration(ms(r.declaredAt, t.doneAt))}` });
  }
  for (const n of r.notices)
    if (n.acknowledgedAt && late(n.acknowledgedAt))
      slowOrBlocked.push({
        step: `acknowledgement by ${n.recipientEmail}`,
        state: "slow",
        detail: `after ${formatDuration(ms(r.declaredAt, n.acknowledgedAt))}`,
      });
  return {
    incidentId: r.incidentId,
    mode: r.mode,
    subject: r.subject,
    suspectedAt: r.suspectedAt.toISOString(),
    declaredAt: r.declaredAt.toISOString(),
    endedAt: options.endedAt.toISOString(),
    msToContain: msToContain(r),
    msToRecover: msToRecover(r),
    blastRadius: {
      keys: r.keys,
      signers: r.signers.map((s) => s.name).sort(),
      certificates: r.certificates,
      channels: r.tasks.map(({ environment, artifactType }) => ({ environment, artifactType })),
      artifacts: r.artifacts,
    },
    slowOrBlocked,
    ownersWithoutResponse: r.notices
      .filter((n) => n.role !== "security-team" && !n.acknowledgedAt)
      .map((n) => ({ email: n.recipientEmail, role: n.role })),
  };
}

const ms = (from: Date, to: Date | null) => (to ? to.getTime() - from.getTime() : null);

/** The report as CSV: one section per line kind (summary, channel, slow-or-blocked, no-response). */
export function incidentReportCsv(report: IncidentReport): string {
  const rows: (string | number | null)[][] = [
    ["section", "item", "value", "detail"],
    ["summary", "incident", report.incidentId, report.mode === "drill" ? "DRILL" : "compromise"],
    ["summary", "subject", report.subject, null],
    ["summary", "suspected_at", report.suspectedAt, null],
    ["summary", "declared_at", report.declaredAt, null],
    ["summary", "ended_at", report.endedAt, null],
    ["summary", "ms_to_contain", report.msToContain, null],
    ["summary", "ms_to_recover", report.msToRecover, null],
    ["blast_radius", "keys", report.blastRadius.keys, null],
    ["blast_radius", "signers", report.blastRadius.signers.length, report.blastRadius.signers.join("; ")],
    ["blast_radius", "certificates", report.blastRadius.certificates, null],
    ["blast_radius", "artifacts", report.blastRadius.artifacts, null],
    ...report.blastRadius.channels.map((c) => ["channel", c.environment, c.artifactType, null]),
    ...report.slowOrBlocked.map((s) => ["slow_or_blocked", s.step, s.state, s.detail]),
    ...report.ownersWithoutResponse.map((o) => ["no_response", o.email, o.role, null]),
  ];
  return rows.map((r) => r.map((c) => csvCell(c === null ? "" : String(c))).join(",")).join("\r\n") + "\r\n";
}

// ---------------------------------------------------------------- webhook events

export type IncidentEventInput = {
  incidentId: string;
  mode: IncidentMode;
  subjectLabel: string;
  at: Date;
  data: Record<string, unknown>;
};

/**
 * incident.opened / incident.closed for webhook subscribers. A drill says so three times: the
 * summary starts with [DRILL], data.mode is "drill" and data.isDrill is true, so no receiver
 * (a pager, a chat channel) can take it for the real thing.
 */
export function incidentWebhookEvent(
  type: "incident.opened" | "incident.closed",
  e: IncidentEventInput,
): WebhookEventDraft {
  const isDrill = e.mode === "drill";
  const what =
    type === "incident.opened"
      ? `${isDrill ? "Drill" : "Key-compromise incident"} opened: ${e.subjectLabel} declared compromised`
      : `${isDrill ? "Drill ended" : "Key-compromise incident closed"}: ${e.subjectLabel}`;
  return {
    type,
    occurredAt: e.at,
    summary: drillLabel(e.mode, what),
    subject: { type: "incident", id: e.incidentId, label: drillLabel(e.mode, e.subjectLabel) },
    data: { ...e.data, mode: e.mode, isDrill, label: isDrill ? "DRILL" : "INCIDENT" },
    key: `${type}:${e.incidentId}`,
  };
}
