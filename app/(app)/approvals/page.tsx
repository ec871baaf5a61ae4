import Link from "next/link";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { approvalView, listApprovalRequests } from "@/lib/db/approvals/approvals";
import { APPROVAL_STATES, type ApprovalState } from "@/lib/domain/approvals";
import { ApprovalStateBadge } from "@/components/approvals/approval-state-badge";
import { Card, PageHeader } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { RowsTable, Td } from "@/components/ui/table";

export const metadata = { title: "Approvals" };

// Requests for windows on just-in-time signing grants: pending, approved, refused, expired (the
// state at the time of reading: a window that has ended reads as expired without any write).
export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  const user = await requirePageUser("approvals:read");
  const { state: raw } = await searchParams;
  const state = (APPROVAL_STATES as readonly string[]).includes(raw ?? "") ? (raw as ApprovalState) : undefined;
  const now = new Date();
  const rows = (await listApprovalRequests(getDb(), user, { now, state })).map((r) => approvalView(r, now));
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Just-in-time production signing: a pipeline asks for a window, someone other than the requester and the person who triggered the run approves it, and the release gate allows the grant only inside the window."
      />
      <nav aria-label="Filter by state" className="mb-4 flex gap-3 text-sm">
        <Link href="/approvals" aria-current={!state ? "page" : undefined}>
          All
        </Link>
        {APPROVAL_STATES.map((s) => (
          <Link key={s} href={`/approvals?state=${s}`} aria-current={state === s ? "page" : undefined}>
            {s[0].toUpperCase() + s.slice(1)}
          </Link>
        ))}
      </nav>
      <Card>
        <RowsTable
          caption="Approval requests, newest first"
          headings={["State", "Signer", "Grant", "Window", "Reason", "Requested by", "Triggered by"]}
          rows={rows}
          empty="No approval request matches."
          row={(r) => (
            <>
              <Td>
                <ApprovalStateBadge state={r.state} />
              </Td>
              <Td>
                <Link href={`/approvals/${r.id}`}>{r.signer.name}</Link>
              </Td>
              <Td>
                {r.scope}@{r.environment}
              </Td>
              <Td>
                <DateText date={new Date(r.windowStartsAt)} /> – <DateText date={new Date(r.windowEndsAt)} />
              </Td>
              <Td>{r.reason}</Td>
              <Td>{r.requestedBy}</Td>
              <Td>{r.triggeredBy ?? "—"}</Td>
            </>
          )}
        />
      </Card>
    </>
  );
}
