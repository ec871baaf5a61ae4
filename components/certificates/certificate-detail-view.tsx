"use client";

import { certificateName } from "@/lib/domain/certificate-name";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { CertificateStateBadges } from "@/components/certificates/certificate-state-badges";
import { DateText } from "@/components/ui/date-text";
import { Table, Td } from "@/components/ui/table";
import { Facts, List, Mono } from "@/components/inventory/facts";
import { HistoryList } from "@/components/inventory/history-list";
import { OwnerCell } from "@/components/inventory/owner-cell";
import { OpenFindingsCard } from "@/components/findings/finding-table";
import { QueryError, ListLoading } from "@/components/tables/list-status";
import { certificateDetailQuery } from "@/lib/queries/certificates";
import { CertificateLink } from "@/components/certificates/certificate-link";

const link = "font-medium text-indigo-700 hover:underline";

export function CertificateDetailView({ id }: { id: string }) {
  const query = useQuery(certificateDetailQuery(id));
  if (query.isError) return <QueryError what="this certificate" error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <ListLoading what="the certificate" />;
  const c = query.data;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <CertificateStateBadges state={c.state} isRevocationUnknown={c.isRevocationUnknown} />
        {c.supersededBy ? (
          <span className="text-sm text-slate-600">
            replaced by{" "}
            <Link className={link} href={`/certificates/${c.supersededBy.id}`}>
              {c.supersededBy.subjectCn ?? "a renewal"}
            </Link>{" "}
            from <DateText date={c.supersededBy.notBefore} />
          </span>
        ) : null}
        {c.isCA ? <Badge tone="violet">CA certificate</Badge> : null}
        {c.isSelfSigned ? <Badge tone="slate">self-signed</Badge> : null}
        <span className="text-sm text-slate-600">
          Expires <DateText date={c.notAfter} />
        </span>
      </div>
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Certificate">
          <Facts
            items={[
              ["Subject", c.subject],
              ["Issuer", c.issuer],
              ["Serial", <Mono key="s">{c.serialHex}</Mono>],
              ["Valid from", <DateText key="nb" date={c.notBefore} />],
              ["Valid to", <DateText key="na" date={c.notAfter} />],
              ["Validity", `${c.validityDays.toLocaleString("en")} days`],
              ["Signature", c.signatureAlgorithm],
              ["SHA-256", <Mono key="h">{c.sha256}</Mono>],
              ["SHA-1", <Mono key="h1">{c.sha1}</Mono>],
              [
                "Imported",
                <span key="i">
                  <DateText date={c.importedAt} /> via {c.importSource}
                </span>,
              ],
            ]}
          />
        </Card>
        <Card title="Key and rotation">
          <Facts
            items={[
              [
                "Key",
                <Link key="k" className={link} href={`/keys/${c.key.id}`}>
                  {c.key.algorithm} {c.key.bits ?? c.key.curve ?? ""}
                </Link>,
              ],
              ["SPKI SHA-256", <Mono key="spki">{c.key.spkiSha256}</Mono>],
              [
                "Custody",
                <Badge key="c" tone={c.key.custody === "hsm" || c.key.custody === "hardware-token" ? "green" : "amber"}>
                  {c.key.custody}
                </Badge>,
              ],
              ["Custody evidence", c.key.custodyEvidence],
              [
                "Key age",
                `${c.key.rotationAgeDays.toLocaleString("en")} days (first seen ${c.key.firstSeenAt.slice(0, 10)})`,
              ],
              ["Certificates on this key", c.key.certificateCount],
            ]}
          />
        </Card>
        <Card title="Revocation">
          <Facts
            items={[
              ["Status", <StatusBadge key="s" status={c.revocation.status} />],
              ["Source", c.revocation.source ?? (c.revocation.status === "unchecked" ? "not checked yet" : null)],
              ["Checked", c.revocation.checkedAt ? <DateText date={c.revocation.checkedAt} /> : null],
              ["Revoked at", c.revocation.revokedAt ? <DateText date={c.revocation.revokedAt} /> : null],
              ["Reason", c.revocation.reason],
              ["Next update", c.revocation.nextUpdate ? <DateText date={c.revocation.nextUpdate} /> : null],
              ["Last error", c.revocation.error],
              ["CRL", <List key="crl" values={c.crlUrls} empty="no CRL distribution point" />],
              ["OCSP", <List key="ocsp" values={c.ocspUrls} empty="no OCSP responder" />],
            ]}
          />
        </Card>
        <Card title="Chain">
          <ol className="space-y-2 text-sm">
            <li className="font-medium text-slate-900">
              {certificateName(c)} <span className="text-slate-500">(this certificate)</span>
            </li>
            {c.chain.map((p) => (
              <li key={p.id} className="flex items-center gap-2 pl-4">
                <span aria-hidden className="text-slate-500">
                  ↳
                </span>
                {p.isVisible ? <CertificateLink certificate={p} /> : <span>{certificateName(p)}</span>}
                <StatusBadge status={p.state} />
                {p.isSelfSigned ? <span className="text-xs text-slate-500">root</span> : null}
              </li>
            ))}
          </ol>
          {!c.isChainComplete ? (
            <p className="mt-3 text-sm text-amber-800">
              The chain stops at {c.chain.at(-1)?.subjectCn ?? c.issuerCn ?? c.issuer}: its issuer has not been
              imported. Import the issuing CA certificate to complete it.
            </p>
          ) : null}
          {c.issuedCount > 0 ? (
            <p className="mt-3 text-sm text-slate-600">
              Issued {c.issuedCount.toLocaleString("en")} certificate(s) in the inventory.
            </p>
          ) : null}
        </Card>
      </div>
      <OpenFindingsCard
        findings={c.findings}
        caption="Open findings of this certificate"
        empty="No open findings: this certificate passes every rule."
      />
      <Card title={`Signers using it (${c.signers.length})`}>
        {c.signers.length === 0 ? (
          <p className="text-sm text-slate-500">
            No signer uses this certificate. Link it to a signer when you import it (signet import --signer) so expiry
            alerts reach an owner.
          </p>
        ) : (
          <Table
            caption="Signers using this certificate"
            columns={["Signer", "Status", "Platform", "Primary owner", "Team", "Linked"]}
          >
            {c.signers.map((s) => (
              <tr key={s.id}>
                <Td>
                  <Link className={link} href={`/signers/${s.id}`}>
                    {s.name}
                  </Link>
                </Td>
                <Td>
                  <StatusBadge status={s.status} />
                </Td>
                <Td>{s.platform}</Td>
                <Td>
                  {s.primaryOwner ? (
                    <Link href={`/owners/people/${s.primaryOwner.id}`} className="hover:underline">
                      <OwnerCell owner={s.primaryOwner} />
                    </Link>
                  ) : (
                    <OwnerCell owner={null} />
                  )}
                </Td>
                <Td>
                  {s.team ? (
                    <Link className="hover:underline" href={`/owners/teams/${s.team.id}`}>
                      {s.team.name}
                    </Link>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td>
                  <DateText date={s.addedAt} />
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title="Extensions">
        <Facts
          items={[
            ["Extended key usage", <List key="eku" values={c.ekus} />],
            [
              "Key usage",
              <span key="ku">
                {c.keyUsage.join(", ") || "none"} {c.isKeyUsageCritical ? "(critical)" : "(not critical)"}
              </span>,
            ],
            ["CA issuers", <List key="aia" values={c.caIssuersUrls} />],
            ["Subject key id", c.subjectKeyId ? <Mono>{c.subjectKeyId}</Mono> : null],
            ["Authority key id", c.authorityKeyId ? <Mono>{c.authorityKeyId}</Mono> : null],
            ["Path length", c.pathLength],
            ["Subject alternative names", c.sans.length ? <Mono>{JSON.stringify(c.sans)}</Mono> : null],
            ["Policies", c.policies.length ? <Mono>{JSON.stringify(c.policies)}</Mono> : null],
            ["Sigstore / Fulcio", c.fulcio ? <Mono>{JSON.stringify(c.fulcio)}</Mono> : null],
          ]}
        />
      </Card>
      <Card title="History">
        <HistoryList events={c.history} empty="No recorded changes to this certificate yet." />
      </Card>
    </div>
  );
}
