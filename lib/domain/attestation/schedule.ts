// When an attestation task is reminded, escalated and (by optional policy) its signer suspended,
// as a pure function of the campaign's dates, what was already done, and now.

export const DAY_MS = 86_400_000;
export const RECURRENCES = ["none", "monthly", "quarterly", "yearly"] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export type TaskClock = {
  /** when the task was handed to its current holder (campaign start, or the last delegation) */
  startAt: Date;
  dueAt: Date;
  reminderEveryDays: number;
  /** reminders already sent to this task (all holders) */
  reminderCount: number;
  escalatedAt: Date | null;
  autoSuspendAfterDays: number | null;
};

export type TaskActions = {
  /** the number of the reminder to send now (1, 2, …), or null */
  reminderNumber: number | null;
  /** how many cadences have passed: an escalation counts as the reminder of its cadence */
  cadenceIndex: number;
  isOverdue: boolean;
  shouldEscalate: boolean;
  shouldAutoSuspend: boolean;
};

/**
 * Reminder n falls due at startAt + n × cadence and keeps coming after the due date (an overdue
 * task is still the holder's to answer). Only the latest due reminder is sent: a job that was
 * down for weeks sends one reminder, not a burst. Escalation happens once, at the due date.
 */
export function taskActions(task: TaskClock, now: Date): TaskActions {
  const cadenceMs = Math.max(1, task.reminderEveryDays) * DAY_MS;
  const elapsed = now.getTime() - task.startAt.getTime();
  const dueIndex = elapsed <= 0 ? 0 : Math.floor(elapsed / cadenceMs);
  const reminderNumber = dueIndex >= 1 && dueIndex > task.reminderCount ? dueIndex : null;
  const isOverdue = now.getTime() >= task.dueAt.getTime();
  const suspendAt =
    task.autoSuspendAfterDays === null ? null : task.dueAt.getTime() + task.autoSuspendAfterDays * DAY_MS;
  return {
    // the escalation email already tells the holder; a reminder on the same run would be noise
    reminderNumber: isOverdue && task.escalatedAt === null ? null : reminderNumber,
    cadenceIndex: dueIndex,
    isOverdue,
    shouldEscalate: isOverdue && task.escalatedAt === null,
    shouldAutoSuspend: suspendAt !== null && now.getTime() >= suspendAt,
  };
}

/** The moment from which auto-suspension applies (the signer's status must not have changed since). */
export function autoSuspendAt(dueAt: Date, autoSuspendAfterDays: number): Date {
  return new Date(dueAt.getTime() + autoSuspendAfterDays * DAY_MS);
}

const MONTHS: Record<Exclude<Recurrence, "none">, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/**
 * The due date of the next occurrence: the same day of month, N months later, clamped to the
 * month's last day (31 Jan → 28/29 Feb), in UTC.
 */
export function nextRecurrenceDueAt(dueAt: Date, recurrence: Recurrence): Date | null {
  if (recurrence === "none") return null;
  const months = MONTHS[recurrence];
  const y = dueAt.getUTCFullYear();
  const m = dueAt.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(dueAt.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(y, m, d, dueAt.getUTCHours(), dueAt.getUTCMinutes(), dueAt.getUTCSeconds(), dueAt.getUTCMilliseconds()),
  );
}

/** The name of the next occurrence: "Q1 review" → "Q1 review (2026-07-01)". */
export function nextOccurrenceName(name: string, nextDueAt: Date): string {
  const base = name.replace(/ \(\d{4}-\d{2}-\d{2}\)$/, "");
  return `${base} (${nextDueAt.toISOString().slice(0, 10)})`;
}

/** The state a task shows in lists. */
export function taskState(task: { status: string; dueAt: Date }, now: Date): "done" | "overdue" | "pending" {
  if (task.status === "submitted") return "done";
  return now.getTime() >= task.dueAt.getTime() ? "overdue" : "pending";
}
