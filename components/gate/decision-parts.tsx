import { Badge, type Tone } from "@/components/ui/badge";
import type { GateReason } from "@/lib/domain/gate/decide";

// Pieces of a gate decision shown by the decisions list and the signer page.

const OUTCOME: Record<string, { tone: Tone; glyph: string }> = {
  allow: { tone: "green", glyph: "✓" },
  warn: { tone: "amber", glyph: "!" },
  deny: { tone: "red", glyph: "✕" },
};

export function GateOutcomeBadge({ outcome }: { outcome: string }) {
  const o = OUTCOME[outcome] ?? { tone: "slate" as Tone, glyph: "" };
  return (
    <Badge tone={o.tone}>
      {o.glyph} {outcome}
    </Badge>
  );
}

/** Each reason's rule id and effect, its message in the title (the list stays one line a row). */
export function GateReasons({ reasons }: { reasons: GateReason[] }) {
  if (reasons.length === 0) return <span className="text-slate-500">no reasons</span>;
  return (
    <ul className="space-y-0.5">
      {reasons.map((r) => (
        <li key={r.ruleId} className="text-xs">
          <code title={r.message}>{r.ruleId}</code>{" "}
          <span className={r.effect === "deny" ? "text-red-700" : "text-slate-500"}>({r.effect})</span>
          <span className="text-slate-600"> — {r.message}</span>
        </li>
      ))}
    </ul>
  );
}
