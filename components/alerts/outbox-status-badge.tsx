import { Badge, type Tone } from "@/components/ui/badge";

// text + glyph + colour: colour is never the only signal
const STATUS: Record<string, { tone: Tone; glyph: string; label: string }> = {
  pending: { tone: "amber", glyph: "◷", label: "pending" },
  sending: { tone: "blue", glyph: "↻", label: "sending" },
  sent: { tone: "green", glyph: "✓", label: "sent" },
  failed: { tone: "red", glyph: "✕", label: "failed" },
};

export function OutboxStatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { tone: "slate" as const, glyph: "?", label: status };
  return (
    <Badge tone={s.tone}>
      <span aria-hidden>{s.glyph}</span>
      {s.label}
    </Badge>
  );
}

export function SmtpBanner({ isSmtpConfigured, pending }: { isSmtpConfigured: boolean; pending: number }) {
  if (isSmtpConfigured) return null;
  return (
    <div role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="font-semibold">SMTP is not configured: emails are waiting</p>
      <p className="mt-1">
        {pending.toLocaleString("en")} email{pending === 1 ? " is" : "s are"} queued and will be sent once{" "}
        <code>SMTP_URL</code> is set and the app restarted. You can preview each one below.
      </p>
    </div>
  );
}
