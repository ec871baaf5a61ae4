import type { ReactNode } from "react";

// Colour is never the only signal: every badge carries its text (and an icon-like glyph).
const TONES = {
  red: "bg-red-50 text-red-800 ring-red-600/30",
  orange: "bg-orange-50 text-orange-800 ring-orange-600/30",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/30",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  blue: "bg-sky-50 text-sky-800 ring-sky-600/30",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/30",
  violet: "bg-violet-50 text-violet-800 ring-violet-600/30",
} as const;

export type Tone = keyof typeof TONES;

export function Badge({ tone = "slate", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

const SEVERITY: Record<string, { tone: Tone; glyph: string }> = {
  critical: { tone: "red", glyph: "■" },
  high: { tone: "orange", glyph: "▲" },
  medium: { tone: "amber", glyph: "◆" },
  low: { tone: "blue", glyph: "●" },
  info: { tone: "slate", glyph: "○" },
};

export function SeverityBadge({ severity }: { severity: string }) {
  const s = SEVERITY[severity] ?? SEVERITY.info;
  return (
    <Badge tone={s.tone}>
      <span aria-hidden>{s.glyph}</span>
      {severity}
    </Badge>
  );
}

const STATUS: Record<string, Tone> = {
  active: "green",
  suspended: "amber",
  decommissioned: "slate",
  valid: "green",
  expiring: "amber",
  expired: "red",
  revoked: "red",
  superseded: "slate",
  keyless: "green",
  good: "green",
  unknown: "amber",
  unchecked: "slate",
  orphaned: "red",
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <Badge tone={STATUS[status] ?? "slate"}>{label ?? status}</Badge>;
}
