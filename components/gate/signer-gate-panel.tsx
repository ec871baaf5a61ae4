import Link from "next/link";
import { DateText } from "@/components/ui/date-text";
import { RowsTable } from "@/components/ui/table";
import type { GateDecisionRow } from "@/lib/db/gate/decisions";
import type { GateExceptionRow } from "@/lib/db/gate/exceptions";
import { GateOutcomeBadge, GateReasons } from "./decision-parts";

/** The signer page's release-gate card: its latest decisions and its live exceptions. */
export function SignerGatePanel({
  signerId,
  decisions,
  total,
  exceptions,
  now,
}: {
  signerId: string;
  decisions: GateDecisionRow[];
  total: number;
  exceptions: GateExceptionRow[];
  now: Date;
}) {
  const live = exceptions.filter((e) => !e.liftedAt && e.endsAt > now);
  return (
    <div className="space-y-3" data-testid="signer-gate">
      <RowsTable
        caption="Latest gate decisions"
        columns={[
          { label: "Decided", render: (d) => <DateText date={d.decidedAt} /> },
          { label: "Decision", render: (d) => <GateOutcomeBadge outcome={d.outcome} /> },
          {
            label: "Action",
            render: (d) => (
              <>
                {d.action} → {d.environment}
              </>
            ),
          },
          { label: "Reasons", className: "whitespace-normal", render: (d) => <GateReasons reasons={d.reasons} /> },
          { label: "Policy", render: (d) => <>v{d.policyVersion}</> },
        ]}
        rows={decisions}
        empty="The release gate has not been asked about this signer yet."
      />
      {total > decisions.length ? (
        <Link href={`/gate?signer=${signerId}`} className="text-sm text-indigo-700 underline">
          All {total.toLocaleString("en")} decisions
        </Link>
      ) : null}
      {live.length ? (
        <ul className="text-sm text-slate-700">
          {live.map((e) => (
            <li key={e.id}>
              Exception: <code>{e.ruleId}</code> until <DateText date={e.endsAt} /> — {e.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
