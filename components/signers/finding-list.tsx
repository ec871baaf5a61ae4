import { EvidenceList } from "@/components/findings/evidence-list";
import { SeverityBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { getRuleMeta } from "@/lib/domain/findings";
import { isNhiId, nhiLabel } from "@/lib/domain/nhi";

export type FindingView = {
  id: string;
  ruleId: string;
  severity: string;
  subjectType: string;
  message: string;
  evidenceJson: string;
  threshold: string | null;
  firstSeenAt: Date;
  state: string;
  triageReason: string | null;
  acceptedUntil: Date | null;
};

export function FindingList({ findings, now }: { findings: FindingView[]; now: Date }) {
  if (findings.length === 0) return <p className="text-sm text-emerald-700">No open findings.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Open findings">
      {findings.map((f) => {
        const meta = getRuleMeta(f.ruleId);
        // the NHI items, unless the standard already names them
        const nhi = (meta?.nhi && isNhiId(meta.nhi) ? [meta.nhi, ...meta.relatedNhi] : []).filter(
          (n) => !meta?.standard.includes(n),
        );
        return (
          <li key={f.id} className="py-3" data-rule={f.ruleId}>
            <div className="flex flex-wrap items-center gap-2">
              <SeverityBadge severity={f.severity} />
              <span className="font-medium text-slate-900">{meta?.title ?? f.ruleId}</span>
              <code className="text-xs text-slate-500">{f.ruleId}</code>
              {f.subjectType !== "signer" ? <span className="text-xs text-slate-500">({f.subjectType})</span> : null}
              {f.state !== "open" ? (
                <span className="text-xs text-amber-700">
                  {f.state === "risk-accepted" && f.acceptedUntil
                    ? `risk accepted until ${f.acceptedUntil.toISOString().slice(0, 10)}`
                    : f.state.replace("-", " ")}
                  {f.triageReason ? `: ${f.triageReason}` : null}
                </span>
              ) : null}
            </div>
            <p className="mt-1 text-sm text-slate-700">{f.message}</p>
            <EvidenceList evidenceJson={f.evidenceJson} now={now} />
            <p className="mt-1 text-xs text-slate-500">
              {f.threshold ? <>Threshold: {f.threshold} · </> : null}
              Standard: {meta?.standard ?? "—"}
              {nhi.length ? <> · OWASP {nhi.map((n) => nhiLabel(n)).join(", ")}</> : null}
              {" · "}first seen <DateText date={f.firstSeenAt} now={now} />
            </p>
            {meta?.howToFix ? <p className="mt-1 text-xs text-slate-600">Fix: {meta.howToFix}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
