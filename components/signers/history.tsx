import { Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import type { signerAttestations, signerAuditTrail } from "@/lib/db/signers/detail";

type Attestations = Awaited<ReturnType<typeof signerAttestations>>;
type AuditEvents = Awaited<ReturnType<typeof signerAuditTrail>>;

export function AttestationHistory({ attestations, now }: { attestations: Attestations; now: Date }) {
  if (attestations.length === 0)
    return <p className="text-sm text-slate-600">This signer has not been part of an attestation campaign yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {attestations.map((a) => {
        const answer = a.answers[0];
        return (
          <li key={a.id} className="py-2">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{a.campaign.name}</span>
              <Badge tone={a.status === "submitted" ? "green" : a.campaign.dueAt < now ? "red" : "amber"}>
                {a.status === "submitted" ? "attested" : a.campaign.dueAt < now ? "overdue" : "pending"}
              </Badge>
              {a.escalatedAt ? <Badge tone="red">escalated</Badge> : null}
            </div>
            <div className="text-xs text-slate-500">
              {a.assignee.name} · due <DateText date={a.campaign.dueAt} now={now} />
              {a.submittedAt ? (
                <>
                  {" "}
                  · submitted <DateText date={a.submittedAt} now={now} />
                </>
              ) : null}
              {answer ? (
                <>
                  {" "}
                  · {answer.isStillNeeded ? "still needed" : "no longer needed"}, custody{" "}
                  {answer.isCustodyConfirmed ? "confirmed" : "corrected"}
                </>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function AuditTrail({ events, now }: { events: AuditEvents; now: Date }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No changes recorded.</p>;
  return (
    <ol className="space-y-2 text-sm" aria-label="Audit trail">
      {events.map((e) => (
        <li key={e.id}>
          <div className="text-slate-800">{e.summary}</div>
          <div className="text-xs text-slate-500">
            <code>{e.action}</code> · {e.actorLabel} · <DateText date={e.at} now={now} />
          </div>
        </li>
      ))}
    </ol>
  );
}
