import { getKeyDetail } from "@/lib/db/keys/list";
import { can } from "@/lib/domain/authz";
import { ButtonLink } from "@/components/ui/button-link";
import { Card, PageHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { loadInventoryDetail } from "@/components/inventory/page-data";
import { StatusBadge } from "@/components/ui/badge";
import { DateCell } from "@/components/ui/date-cell";
import { DateText } from "@/components/ui/date-text";
import { Table, Td } from "@/components/ui/table";
import { Facts, Mono } from "@/components/inventory/facts";
import { HistoryList } from "@/components/inventory/history-list";
import { CustodyBadge, RotationBadge } from "@/components/inventory/key-list";
import { OpenFindingsCard } from "@/components/findings/finding-table";
import { CertificateLink } from "@/components/certificates/certificate-link";

export const metadata = { title: "Key" };

export default async function KeyPage({ params }: { params: Promise<{ id: string }> }) {
  const { detail: k, user } = await loadInventoryDetail("/keys/[id]", params, getKeyDetail);
  return (
    <>
      <Breadcrumb parent={{ href: "/keys", label: "Keys" }}>{k.spkiSha256.slice(0, 16)}…</Breadcrumb>
      <PageHeader
        title={`${k.algorithm} ${k.bits ?? k.curve ?? ""} key`}
        description={<Mono>{k.spkiSha256}</Mono>}
        actions={
          can(user.role, "incidents:manage") ? (
            <>
              <ButtonLink variant="danger" href={`/incidents/new?subjectType=key&subjectId=${k.id}`}>
                Declare compromised
              </ButtonLink>
              <ButtonLink variant="secondary" href={`/incidents/new?mode=drill&subjectType=key&subjectId=${k.id}`}>
                Drill
              </ButtonLink>
            </>
          ) : undefined
        }
      />
      <div className="space-y-6">
        <div className="grid gap-6 xl:grid-cols-2">
          <Card title="Custody">
            <Facts
              items={[
                ["Custody", <CustodyBadge key="c" custody={k.custody} />],
                ["Evidence", k.custodyEvidence ?? "none recorded"],
                ["Attested", k.custodyAttestedAt ? <DateText date={k.custodyAttestedAt} /> : "never"],
              ]}
            />
          </Card>
          <Card title="Rotation">
            <Facts
              items={[
                [
                  "Age",
                  <RotationBadge
                    key="r"
                    days={k.rotationAgeDays}
                    isOverdue={k.isRotationOverdue}
                    isRetired={k.isRetired}
                  />,
                ],
                ["Policy", `rotate within ${k.rotationMaxAgeDays} days (NIST SP 800-57: 1–3 years)`],
                ["First seen", <DateText key="f" date={k.firstSeenAt} />],
                ["Created (owner's record)", k.createdAt ? <DateText date={k.createdAt} /> : null],
              ]}
            />
          </Card>
        </div>
        <Card title={`Certificates on this key (${k.certificates.length})`}>
          {k.certificates.length === 0 ? (
            <p className="text-sm text-slate-500">No certificate you can see uses this key.</p>
          ) : (
            <Table
              caption="Certificates on this key"
              columns={["Subject", "State", "Valid from", "Expires", "Signers"]}
            >
              {k.certificates.map((c) => (
                <tr key={c.id}>
                  <Td>
                    <CertificateLink certificate={c} />
                  </Td>
                  <Td>
                    <StatusBadge status={c.state} />
                  </Td>
                  <DateCell date={c.notBefore} />
                  <DateCell date={c.notAfter} />
                  <Td className="max-w-xs truncate">{c.signers.map((s) => s.name).join(", ") || "—"}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <OpenFindingsCard
          findings={k.findings}
          caption="Open findings of this key"
          empty="No open findings for this key or its certificates."
        />
        <Card title="History">
          <HistoryList events={k.history} empty="No recorded changes to this key yet." />
        </Card>
      </div>
    </>
  );
}
