const DAY_MS = 86_400_000;

/** Whole days from now to date, rounded toward zero (negative in the past). */
export function daysBetween(now: Date, date: Date): number {
  return Math.trunc((date.getTime() - now.getTime()) / DAY_MS);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function formatDateRelative(date: Date, now: Date): { relative: string; absolute: string } {
  const ms = date.getTime() - now.getTime();
  const abs = Math.abs(ms);
  let relative: string;
  if (abs < 60_000) relative = "just now";
  else if (abs < 3_600_000) relative = unit(Math.round(abs / 60_000), "minute", ms);
  else if (abs < DAY_MS) relative = unit(Math.round(abs / 3_600_000), "hour", ms);
  else relative = unit(Math.floor(abs / DAY_MS), "day", ms);
  return { relative, absolute: formatUtc(date) };
}

/** "2026-11-23 14:05 UTC": the time of day and its zone, the same for every reader and on server and client. */
export function formatUtc(date: Date | string): string {
  return `${new Date(date).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function unit(n: number, name: string, sign: number) {
  const text = `${n} ${name}${n === 1 ? "" : "s"}`;
  return sign >= 0 ? `in ${text}` : `${text} ago`;
}
