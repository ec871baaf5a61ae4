import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { can } from "@/lib/domain/authz";
import { getDb } from "@/lib/db/client";
import { loadCampaignProgress, type ProgressCount } from "@/lib/services/campaign-progress";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { ChangeRequestActions } from "@/components/attestation/change-request-actions";

export const metadata = { title: "Campaign" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");
const STATE_TONE = { done: "green", pending: "amber", overdue: "red" } as const;
const CR_LABEL: Record<string, string> = {
  decommission: "Decommission",
  "privilege-removal": "Remove privilege",
  "custody-correction": "Correct key custody",
};

function describeRequest(kind: string, d: Record<string, unknown>): string {
  if (kind === "privilege-removal")
    return `${String(d.scope)}${d.environment && d.environment !== "any" ? ` (${String(d.environment)})` : ""}`;
  if (kind === "custody-correction") return `${String(d.from)} → ${String(d.to)}; evidence: ${String(d.evidence)}`;
  if (kind === "decommission") return "signer suspended; certificate revocation requested (cessation of operation)";
  return "";
}

function Breakdown({ title, rows }: { title: string; rows: ProgressCount[] }) {
  return (
    <Table caption={title} columns={[title, "Done", "Pending", "Overdue"]}>
      {rows.map((r) => (
        <tr key={r.key}>
          <Td>{r.label}</Td>
          <Td>{r.done}</Td>
          <Td>{r.pending}</Td>
          <Td className={r.overdue ? "font-semibold text-red-700" : ""}>{r.overdue}</Td>
        </tr>
      ))}
    </Table>
  );
}

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("/campaigns/[id]");
  // auditors read the campaign and its decisions; only the security team decides
  const mayDecide = can(user.role, "campaigns:manage");
  const { id } = await params;
  const p = await loadCampaignProgress(getDb(), id, { now: new Date() });
  if (!p) notFound();
  const c = p.campaign;
  const open = p.changeRequests.filter((r) => r.status === "open");
  const resolved = p.changeRequests.filter((r) => r.status !== "open");
  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <>
            {c.scopeLabel} · due {day(c.dueAt)} · reminders every {c.reminderEveryDays} days ·{" "}
            {c.recurrence === "none" ? "runs once" : `repeats ${c.recurrence}`}
          </>
        }
        actions={
          <>
            <a className={buttonClass("secondary")} href={`/api/v1/campaigns/${c.id}/export?format=csv`} download>
              Export CSV
            </a>
            <a className={buttonClass("secondary")} href={`/api/v1/campaigns/${c.id}/export?format=json`} download>
              Export JSON
            </a>
          </>
        }
      />
      <div className="space-y-6">
        {!c.isMailEnabled ? (
          <p role="note" className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
            <strong>Emails are off for this campaign</strong> (demo data): no invitation, reminder or escalation is sent
            to its owners.
          </p>
        ) : null}
        {c.autoSuspendAfterDays ? (
          <p role="note" className="rounded-md border border-orange-200 bg-orange-50 px-4 py-3 text-sm text-orange-900">
            <strong>Auto-suspend is on:</strong> signers still unattested {c.autoSuspendAfterDays} days after the due
            date ({day(new Date(c.dueAt.getTime() + c.autoSuspendAfterDays * 86_400_000))}) are suspended automatically.
          </p>
        ) : null}
        <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <Stat label="Tasks" value={p.totals.total} />
          <Stat label="Done" value={p.totals.done} tone="green" />
          <Stat label="Pending" value={p.totals.pending} tone="amber" />
          <Stat label="Overdue" value={p.totals.overdue} tone="red" />
        </div>
        <Card title={mayDecide ? `Needs action (${open.length})` : `Open requests (${open.length})`}>
          {open.length === 0 ? (
            <p className="text-sm text-slate-600">No open requests from owners.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {open.map((r) => (
                <li
                  key={r.id}
                  className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm"
                  data-testid="change-request"
                >
                  <div>
                    <Badge tone={r.kind === "decommission" ? "red" : "orange"}>{CR_LABEL[r.kind] ?? r.kind}</Badge>{" "}
                    <Link className="font-medium text-slate-900 hover:underline" href={`/signers/${r.signer.id}`}>
                      {r.signer.name}
                    </Link>
                    <div className="text-xs text-slate-600">
                      {describeRequest(r.kind, r.details)} · asked {day(r.createdAt)}
                    </div>
                  </div>
                  {mayDecide ? (
                    <ChangeRequestActions id={r.id} label={`${CR_LABEL[r.kind] ?? r.kind} ${r.signer.name}`} />
                  ) : (
                    <Badge tone="amber">awaiting the security team</Badge>
                  )}
                </li>
              ))}
            </ul>
          )}
          {resolved.length ? (
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer text-slate-600">{resolved.length} resolved</summary>
              <ul className="mt-2 space-y-1">
                {resolved.map((r) => (
                  <li key={r.id}>
                    <Badge tone={r.status === "done" ? "green" : "slate"}>{r.status}</Badge>{" "}
                    {CR_LABEL[r.kind] ?? r.kind}: {r.signer.name} ({day(r.resolvedAt)})
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </Card>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Breakdown title="Team" rows={p.byTeam} />
          <Breakdown title="Owner" rows={p.byOwner} />
        </div>
        {p.unassignable.length ? (
          <Card title={`Unassignable (${p.unassignable.length})`}>
            <p className="mb-2 text-sm text-slate-600">
              Signers in scope that nobody can attest: give them an owner, then start a campaign for them.
            </p>
            <ul className="space-y-1 text-sm">
              {p.unassignable.map((u) => (
                <li key={u.signerId}>
                  <Link className="font-medium text-indigo-700 hover:underline" href={`/signers/${u.signerId}`}>
                    {u.name}
                  </Link>{" "}
                  — {u.reason}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <Table caption="Tasks" columns={["Signer", "Team", "Held by", "State", "Answered", "Reminders", "Escalated"]}>
          {p.tasks.map((t) => (
            <tr key={t.id}>
              <Td>
                <Link className="font-medium text-indigo-700 hover:underline" href={`/signers/${t.signer.id}`}>
                  {t.signer.name}
                </Link>
              </Td>
              <Td>{t.signer.team?.name ?? "—"}</Td>
              <Td>
                {t.assignee.name}
                {t.delegations.length ? <span className="ml-1 text-xs text-slate-500">(delegated)</span> : null}
              </Td>
              <Td>
                <Badge tone={STATE_TONE[t.state]}>{t.state}</Badge>
              </Td>
              <Td>{day(t.submittedAt)}</Td>
              <Td>{t.reminderCount}</Td>
              <Td>{day(t.escalatedAt)}</Td>
            </tr>
          ))}
        </Table>
      </div>
    </>
  );
}
