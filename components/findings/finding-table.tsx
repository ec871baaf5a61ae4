import Link from "next/link";
import type { FindingListRow } from "@/lib/db/findings/list";
import type { ReactNode } from "react";
import { SeverityBadge, Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { Table, Td } from "@/components/ui/table";

const link = "font-medium text-indigo-700 hover:underline";

export function subjectHref(f: Pick<FindingListRow, "subjectType" | "subjectId">): string | null {
  if (f.subjectType === "certificate") return `/certificates/${f.subjectId}`;
  if (f.subjectType === "key") return `/keys/${f.subjectId}`;
  if (f.subjectType === "signer") return `/signers/${f.subjectId}`;
  return null;
}

export function FindingStateBadge({ state, until }: { state: string; until?: string | null }) {
  if (state === "risk-accepted")
    return (
      <Badge tone="violet" title={until ? `until ${until.slice(0, 10)}` : undefined}>
        ‖ risk accepted{until ? ` to ${until.slice(0, 10)}` : ""}
      </Badge>
    );
  if (state === "false-positive") return <Badge tone="slate">✗ false positive</Badge>;
  if (state === "acknowledged") return <Badge tone="blue">◐ acknowledged</Badge>;
  if (state === "resolved") return <Badge tone="green">✓ resolved</Badge>;
  return <Badge tone="amber">● open</Badge>;
}

/** Compact findings table for detail pages (the findings list has its own with filters). */
export function FindingTable({
  findings,
  caption,
  empty,
}: {
  findings: FindingListRow[];
  caption: string;
  empty: string;
}) {
  if (findings.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <Table caption={caption} columns={["Finding", "Severity", "Subject", "State", "First seen"]}>
      {findings.map((f) => {
        const href = subjectHref(f);
        return (
          <tr key={f.id} className="hover:bg-slate-50">
            <Td className="min-w-[18rem] max-w-md">
              <Link href={`/findings/${f.id}`} className={link}>
                {f.title}
              </Link>
              <div className="whitespace-normal text-xs text-slate-500">{f.message}</div>
            </Td>
            <Td>
              <SeverityBadge severity={f.severity} />
            </Td>
            <Td className="max-w-[14rem] truncate">
              {href ? (
                <Link href={href} className="text-slate-800 hover:underline">
                  {f.subjectLabel}
                </Link>
              ) : (
                f.subjectLabel
              )}
            </Td>
            <Td>
              <FindingStateBadge state={f.state} until={f.acceptedUntil} />
            </Td>
            <Td>
              <DateText date={f.firstSeenAt} />
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}

/** A detail page's "Open findings (n)" card; `total` when the table holds only the first of them. */
export function OpenFindingsCard({
  findings,
  total = findings.length,
  action,
  caption,
  empty,
}: {
  findings: FindingListRow[];
  total?: number;
  action?: ReactNode;
  caption: string;
  empty: string;
}) {
  return (
    <Card title={`Open findings (${total.toLocaleString("en")})`} action={action}>
      <FindingTable findings={findings} caption={caption} empty={empty} />
    </Card>
  );
}
