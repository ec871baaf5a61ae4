import Link from "next/link";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listIncidents } from "@/lib/db/incidents/reads";
import { can } from "@/lib/domain/authz";
import { formatDuration, msToContain, msToRecover } from "@/lib/domain/incidents";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { RowsTable, Td } from "@/components/ui/table";

export const metadata = { title: "Incidents and drills" };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<{ mode?: string }> }) {
  const user = await requirePageUser("incidents:read");
  const { mode: raw } = await searchParams;
  const mode = raw === "drill" || raw === "compromise" ? raw : undefined;
  const incidents = await listIncidents(getDb(), user, { mode });
  const canManage = can(user.role, "incidents:manage");
  return (
    <>
      <PageHeader
        title="Incidents and drills"
        description="Key compromises declared, and the drills that rehearse them: who did what, how long containment and recovery took, and each drill's report."
        actions={
          canManage ? (
            <>
              <Link className={buttonClass("primary")} href="/incidents/new?subjectType=key">
                Declare a key compromised
              </Link>
              <Link className={buttonClass("secondary")} href="/incidents/new?mode=drill&subjectType=signer">
                Start a drill
              </Link>
            </>
          ) : null
        }
      />
      <nav aria-label="Filter by kind" className="mb-4 flex gap-3 text-sm">
        <Link href="/incidents" aria-current={!mode ? "page" : undefined}>
          All
        </Link>
        <Link href="/incidents?mode=compromise" aria-current={mode === "compromise" ? "page" : undefined}>
          Incidents
        </Link>
        <Link href="/incidents?mode=drill" aria-current={mode === "drill" ? "page" : undefined}>
          Drill history
        </Link>
        <a href={`/api/v1/incidents${mode ? `?mode=${mode}` : ""}`}>Export (JSON)</a>
      </nav>
      <Card>
        <RowsTable
          caption="Incidents and drills, newest first"
          headings={[
            { label: "Kind", priority: 1 },
            { label: "Subject", priority: 1 },
            { label: "Suspected", priority: 3 },
            { label: "Declared", priority: 2 },
            { label: "State", priority: 1 },
            { label: "Time to contain", priority: 2 },
            { label: "Time to recover", priority: 3 },
            { label: "Tasks", priority: 2 },
          ]}
          rows={incidents}
          empty="No incident has been declared and no drill run yet."
          row={(i) => (
            <>
              <Td>{i.mode === "drill" ? <Badge tone="violet">DRILL</Badge> : <Badge tone="red">Compromise</Badge>}</Td>
              <Td className="whitespace-normal [overflow-wrap:anywhere]">
                <Link className="font-medium text-indigo-700 hover:underline" href={`/incidents/${i.id}`}>
                  {i.subjectLabel}
                </Link>
              </Td>
              <Td>
                <DateText date={i.suspectedAt} />
              </Td>
              <Td>
                <DateText date={i.declaredAt} />
              </Td>
              <Td>{i.status}</Td>
              <Td>{formatDuration(msToContain(i))}</Td>
              <Td>{formatDuration(msToRecover(i))}</Td>
              <Td>
                {i.taskCount - i.openTaskCount}/{i.taskCount} settled
              </Td>
            </>
          )}
        />
      </Card>
    </>
  );
}
