import { Badge, type Tone } from "@/components/ui/badge";
import type { RevocationReason } from "@/lib/domain/revocation";

const HOUR_MS = 3_600_000;

export type DeadlineView = "overdue" | "due-soon" | "open" | "confirmed" | "closed";

/**
 * Where a revocation request stands for people: confirmed once the CA's CRL/OCSP shows it,
 * overdue past its CSBR deadline, "due soon" within the last 24 hours before it (a key compromise
 * request is due soon from the start).
 */
export function deadlineView(request: { status: string; deadlineAt: Date | string }, now: Date): DeadlineView {
  if (request.status === "confirmed") return "confirmed";
  if (request.status === "closed") return "closed";
  const msLeft = new Date(request.deadlineAt).getTime() - now.getTime();
  if (msLeft < 0) return "overdue";
  return msLeft <= 24 * HOUR_MS ? "due-soon" : "open";
}

const VIEW: Record<DeadlineView, { tone: Tone; glyph: string; label: string }> = {
  overdue: { tone: "red", glyph: "■", label: "overdue" },
  "due-soon": { tone: "amber", glyph: "◆", label: "due soon" },
  open: { tone: "blue", glyph: "●", label: "open" },
  confirmed: { tone: "green", glyph: "✓", label: "confirmed" },
  closed: { tone: "slate", glyph: "○", label: "closed" },
};

export function DeadlineBadge({ view }: { view: DeadlineView }) {
  const v = VIEW[view];
  return (
    <Badge tone={v.tone}>
      <span aria-hidden>{v.glyph}</span>
      {v.label}
    </Badge>
  );
}

/** "24 h (key compromise)" / "5 days": the CSBR §4.9.1.1 window that applies to a reason. */
export function deadlineWindowLabel(reason: string): string {
  return reason === "keyCompromise" || reason === "suspectCode" ? "24 hours" : "5 days";
}

export const REASON_LABELS: Record<RevocationReason, string> = {
  unspecified: "Unspecified",
  keyCompromise: "Key compromise",
  cACompromise: "CA compromise",
  affiliationChanged: "Affiliation changed",
  superseded: "Superseded",
  cessationOfOperation: "Cessation of operation",
  certificateHold: "Certificate hold",
  removeFromCRL: "Remove from CRL",
  privilegeWithdrawn: "Privilege withdrawn",
  aACompromise: "AA compromise",
  suspectCode: "Suspect code (CSBR)",
};

export function reasonLabel(reason: string | null): string {
  if (!reason) return "—";
  return (REASON_LABELS as Record<string, string>)[reason] ?? reason;
}

// exact, unambiguous times for deadlines
export { formatUtc } from "@/lib/domain/dates";
