import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import {
  countLastRevocationChecks,
  listFailedRevocationChecks,
  listRevocationQueue,
} from "@/lib/db/revocation/revocation-queue";
import { lastCheckSummary } from "@/lib/domain/revocation";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { StatusBadge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { CertificateLink } from "@/components/certificates/certificate-link";
import {
  DeadlineBadge,
  deadlineView,
  deadlineWindowLabel,
  formatUtc,
  reasonLabel,
} from "@/components/revocation/deadline";

export const metadata = { title: "Revocation" };

const DAY_MS = 86_400_000;

export default async function RevocationPage() {
  const user = await requirePageUser("inventory:read");
  const db = getDb();
  const now = new Date();
  const [requests, failed, lastChecks] = await Promise.all([
    listRevocationQueue(db, user, { confirmedSince: new Date(now.getTime() - 30 * DAY_MS) }),
    listFailedRevocationChecks(db, user, now),
    countLastRevocationChecks(db, user, now),
  ]);
  const overdue = requests.filter((r) => deadlineView(r, now) === "overdue").length;
  return (
    <>
      <PageHeader
        title="Revocation"
        description="Revocation requests and the CSBR §4.9.1.1 deadlines the CA must meet (24 hours for key compromise or suspect code, 5 days otherwise), and certificates whose last CRL/OCSP check failed."
      />
      <div className="space-y-6">
        <Card
          title={`Revocation requests (${requests.length} open or confirmed in the last 30 days${overdue ? `, ${overdue} overdue` : ""})`}
        >
          {requests.length === 0 ? (
            <EmptyState title="No open revocation requests">
              Record one from a certificate's page when you ask the CA to revoke it.
            </EmptyState>
          ) : (
            <Table
              caption="Revocation requests and their deadlines"
              columns={["State", "Certificate", "Reason", "Kind", "Requested", "Deadline", "Window"]}
            >
              {requests.map((r) => (
                <tr key={r.id} data-testid="revocation-request-row">
                  <Td>
                    <DeadlineBadge view={deadlineView(r, now)} />
                  </Td>
                  <Td>
                    <CertificateLink certificate={r.certificate} />
                    <div className="font-mono text-xs text-slate-500">{r.certificate.serialHex}</div>
                  </Td>
                  <Td>{reasonLabel(r.reason)}</Td>
                  <Td>{r.kind === "requested" ? "request" : "recorded revoked"}</Td>
                  <Td>{formatUtc(r.requestedAt)}</Td>
                  <Td>
                    <div>{formatUtc(r.deadlineAt)}</div>
                    <div className="text-xs text-slate-500">
                      {r.confirmedAt ? (
                        <>
                          confirmed <DateText date={r.confirmedAt} now={now} />
                        </>
                      ) : (
                        <DateText date={r.deadlineAt} now={now} />
                      )}
                    </div>
                  </Td>
                  <Td>{deadlineWindowLabel(r.reason)}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title={`Failed revocation checks (${failed.length})`}>
          <p className="mb-3 text-sm text-slate-600" data-testid="last-check-summary">
            {lastCheckSummary(lastChecks)}
          </p>
          {failed.length === 0 ? null : (
            <Table
              caption="Certificates whose last revocation check failed"
              columns={["Certificate", "Status", "Last answer", "Error"]}
            >
              {failed.map((c) => (
                <tr key={c.id} data-testid="failed-check-row">
                  <Td>
                    <CertificateLink certificate={c} />
                  </Td>
                  <Td>
                    <StatusBadge status={c.revocationStatus} />
                  </Td>
                  <Td>{c.revocationCheckedAt ? <DateText date={c.revocationCheckedAt} now={now} /> : "never"}</Td>
                  <Td>
                    <div className="min-w-[20rem] max-w-2xl whitespace-normal break-words text-red-800">
                      {c.revocationError}
                    </div>
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
