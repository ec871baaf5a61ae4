import type { ReactNode } from "react";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { Table, Td } from "@/components/ui/table";
import { CertificateLink } from "@/components/certificates/certificate-link";
import { isOlderThanDays } from "@/lib/domain/expiry";
import { rotationAgeDays } from "@/lib/domain/key-rotation";
import { certificateStatusView, type CertificateStatusView } from "@/lib/domain/certificate-status";
import { CUSTODY_LABELS, type CustodyType } from "@/lib/domain/signer-input";
import type { SignerDetail } from "@/lib/db/signers/detail";

type Owner = SignerDetail["primaryOwner"];

function Person({ person, role }: { person: Owner; role: string }) {
  if (!person) return <span className="text-slate-500">none</span>;
  return (
    <span>
      <span className={person.isActive ? "text-slate-900" : "text-slate-500 line-through"}>{person.name}</span>{" "}
      <span className="text-xs text-slate-500">{person.email}</span>
      {!person.isActive ? (
        <Badge tone="red" title={`The ${role} has left the company`}>
          left{person.deactivatedAt ? ` ${person.deactivatedAt.toISOString().slice(0, 10)}` : ""}
        </Badge>
      ) : null}
    </span>
  );
}

export function OwnershipPanel({ signer }: { signer: SignerDetail }) {
  const isOrphaned = !signer.primaryOwner || !signer.primaryOwner.isActive;
  return (
    <div className="space-y-3 text-sm">
      {isOrphaned ? (
        <div
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800"
          data-testid="orphaned-banner"
        >
          <strong>⚠ Orphaned.</strong>{" "}
          {signer.primaryOwner
            ? `The primary owner, ${signer.primaryOwner.name}, has left the company.`
            : "No primary owner is recorded."}{" "}
          Nobody is accountable for this signer: assign an active owner.
        </div>
      ) : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
        <dt className="text-slate-500">Primary owner</dt>
        <dd data-testid="primary-owner">
          <Person person={signer.primaryOwner} role="primary owner" />
        </dd>
        <dt className="text-slate-500">Backup owner</dt>
        <dd>
          <Person person={signer.backupOwner} role="backup owner" />
        </dd>
        <dt className="text-slate-500">Team</dt>
        <dd>
          {signer.team ? (
            <>
              {signer.team.name}{" "}
              {signer.team.email ? <span className="text-xs text-slate-500">{signer.team.email}</span> : null}
            </>
          ) : (
            <span className="text-slate-500">none</span>
          )}
        </dd>
      </dl>
    </div>
  );
}

export function FactsPanel({ signer, now }: { signer: SignerDetail; now: Date }) {
  const list = (xs: string[]) =>
    xs.length ? xs.map((x) => <Badge key={x}>{x}</Badge>) : <span className="text-slate-500">none</span>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
      <dt className="text-slate-500">Environments</dt>
      <dd className="flex flex-wrap gap-1">{list(signer.environments)}</dd>
      <dt className="text-slate-500">Artifact types</dt>
      <dd className="flex flex-wrap gap-1">{list(signer.artifactTypes)}</dd>
      <dt className="text-slate-500">Credential</dt>
      <dd>
        {signer.credentialType}
        {signer.credentialExpiresAt ? (
          <>
            {" "}
            · expires <DateText date={signer.credentialExpiresAt} now={now} />
          </>
        ) : null}
      </dd>
      {signer.keylessIssuer && signer.keylessSubjectPattern ? (
        <>
          <dt className="text-slate-500">Keyless identity</dt>
          <dd className="min-w-0 break-all">
            <code>{signer.keylessSubjectPattern}</code>
            <span className="text-slate-500"> from </span>
            <code>{signer.keylessIssuer}</code>
          </dd>
        </>
      ) : null}
      <dt className="text-slate-500">Last signed</dt>
      <dd>
        <DateText date={signer.lastUsedAt} now={now} />
      </dd>
      <dt className="text-slate-500">Registered</dt>
      <dd>
        <DateText date={signer.createdAt} now={now} />
      </dd>
      {signer.statusChangedAt && signer.status !== "active" ? (
        <>
          <dt className="text-slate-500">{signer.status === "suspended" ? "Suspended" : "Decommissioned"}</dt>
          <dd>
            <DateText date={signer.statusChangedAt} now={now} />
          </dd>
        </>
      ) : null}
      {signer.description ? (
        <>
          <dt className="text-slate-500">Description</dt>
          <dd className="whitespace-pre-wrap">{signer.description}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function PrivilegesTable({
  signer,
  now,
  unusedGrantDays,
  grantAction,
}: {
  signer: SignerDetail;
  now: Date;
  unusedGrantDays: number;
  /** a control for a standing grant in force (the page passes "Make just-in-time" to those who may) */
  grantAction?: (privilegeId: string, scope: string) => ReactNode;
}) {
  if (signer.privileges.length === 0) return <p className="text-sm text-slate-600">No grants recorded.</p>;
  return (
    <Table caption="Privileges" columns={["Scope", "Environment", "Granted", "Last exercised", "State", "Access"]}>
      {signer.privileges.map((p) => {
        const isUnused = !p.removedAt && isOlderThanDays(p.lastExercisedAt ?? p.grantedAt, now, unusedGrantDays);
        return (
          <tr key={p.id} className={p.removedAt ? "text-slate-500" : ""}>
            <Td>
              <code className={p.scope.includes("*") ? "text-orange-700" : ""}>{p.scope}</code>
              {p.scope.includes("*") ? (
                <>
                  {" "}
                  <Badge tone="orange">wildcard</Badge>
                </>
              ) : null}
            </Td>
            <Td>{p.environment}</Td>
            <Td>
              <DateText date={p.grantedAt} now={now} />
            </Td>
            <Td>
              {p.lastExercisedAt ? (
                <DateText date={p.lastExercisedAt} now={now} />
              ) : (
                <span className="text-slate-500">never</span>
              )}
            </Td>
            <Td>
              {p.removedAt ? (
                <>
                  removed <DateText date={p.removedAt} now={now} />
                </>
              ) : isUnused ? (
                <Badge tone="amber">unused &gt; {unusedGrantDays} d</Badge>
              ) : (
                <Badge tone="green">in use</Badge>
              )}
            </Td>
            <Td>
              {p.isJustInTime ? (
                <Badge tone="violet">just-in-time</Badge>
              ) : (
                <div className="flex items-center gap-2">
                  <Badge tone="slate">standing</Badge>
                  {!p.removedAt && grantAction ? grantAction(p.id, p.scope) : null}
                </div>
              )}
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}

/**
 * The signer's current certificates first; the ones a renewal superseded are folded into its
 * history below. Badges come from the one status model, so a revoked certificate never reads "valid".
 */
export function CertificatesTable({ signer, now }: { signer: SignerDetail; now: Date }) {
  if (signer.certificates.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No certificates linked. Import certificates for this signer, or add their fingerprints on the edit page.
      </p>
    );
  const rows = signer.certificates.map((c) => ({ ...c, view: certificateStatusView(c, now, signer.expiryBands) }));
  const current = rows.filter((c) => c.view.status !== "superseded");
  const history = rows.filter((c) => c.view.status === "superseded");
  return (
    <div className="space-y-3">
      {current.length ? (
        <SignerCertificateRows caption="Current certificates" rows={current} now={now} />
      ) : (
        <p className="text-sm text-slate-600">Every certificate of this signer has been superseded.</p>
      )}
      {history.length ? (
        <details data-testid="certificate-history">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">
            Earlier certificates, replaced by a renewal ({history.length})
          </summary>
          <div className="mt-2">
            <SignerCertificateRows caption="Earlier certificates" rows={history} now={now} />
          </div>
        </details>
      ) : null}
    </div>
  );
}

type SignerCertificateRow = SignerDetail["certificates"][number] & { view: CertificateStatusView };

function SignerCertificateRows({ caption, rows, now }: { caption: string; rows: SignerCertificateRow[]; now: Date }) {
  return (
    <Table caption={caption} columns={["Subject", "Issuer", "Status", "Revocation", "SHA-256"]}>
      {rows.map((c) => (
        <tr key={c.id}>
          <Td>
            <CertificateLink certificate={c} />
            {c.isSelfSigned ? (
              <>
                {" "}
                <Badge tone="amber">self-signed</Badge>
              </>
            ) : null}
          </Td>
          <Td>{c.issuerCn ?? "—"}</Td>
          <Td>
            <span className="inline-flex items-center gap-2">
              <StatusBadge status={c.view.status} /> <span className="text-xs text-slate-500">expires</span>{" "}
              <DateText date={c.notAfter} now={now} />
            </span>
          </Td>
          <Td>
            <StatusBadge status={c.revocationStatus} />
            {c.revokedAt ? (
              <span className="ml-1 text-xs text-slate-500">
                since {c.revokedAt.toISOString().slice(0, 10)}
                {c.revocationReason ? ` (${c.revocationReason})` : ""}
              </span>
            ) : null}
          </Td>
          <Td>
            <code className="text-xs" title={c.sha256}>
              {c.sha256.slice(0, 16)}…
            </code>
          </Td>
        </tr>
      ))}
    </Table>
  );
}

/** The custody the owner declared on the signer, with its evidence. */
export function DeclaredCustody({ signer, now }: { signer: SignerDetail; now: Date }) {
  const isDeclared = signer.custody !== "unknown";
  return (
    <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm" data-testid="declared-custody">
      <dt className="text-slate-500">Declared custody</dt>
      <dd>
        {isDeclared ? <CustodyBadge custody={signer.custody} /> : <span className="text-slate-500">not declared</span>}
        <span className="ml-2 text-xs text-slate-500">
          stands for the keys below that have no custody record of their own
        </span>
      </dd>
      <dt className="text-slate-500">Evidence</dt>
      <dd style={{ whiteSpace: "normal" }}>
        {signer.custodyEvidence ? (
          <>
            {signer.custodyEvidence}
            {signer.custodyAttestedAt ? (
              <span className="text-xs text-slate-500">
                {" "}
                · recorded <DateText date={signer.custodyAttestedAt} now={now} />
              </span>
            ) : null}
          </>
        ) : (
          <span className={isDeclared ? "text-amber-700" : "text-slate-500"}>
            {isDeclared ? "no evidence" : "none"}
          </span>
        )}
      </dd>
    </dl>
  );
}

function CustodyBadge({ custody, isDeclared = false }: { custody: string; isDeclared?: boolean }) {
  const isWeak = ["software-file", "unknown"].includes(custody);
  const label = CUSTODY_LABELS[custody as CustodyType] ?? custody;
  return (
    <Badge
      tone={isWeak ? "red" : "green"}
      title={isDeclared ? "Declared on the signer; the key has no custody record of its own" : undefined}
    >
      {isDeclared ? `${label} (declared)` : label}
    </Badge>
  );
}

export function KeysTable({ signer, now, rotationDays }: { signer: SignerDetail; now: Date; rotationDays: number }) {
  if (signer.keys.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No keys known yet (keys come with certificates): the declared custody above will count for them.
      </p>
    );
  return (
    <Table caption="Keys and custody" columns={["Key", "Custody", "Evidence", "Rotation age"]}>
      {signer.keys.map((k) => {
        const age = rotationAgeDays(k, now);
        // a key without a custody record of its own takes the signer's declaration (as the findings do)
        const isDeclared = k.custody === "unknown" && signer.custody !== "unknown";
        const c = isDeclared
          ? { custody: signer.custody, evidence: signer.custodyEvidence, at: signer.custodyAttestedAt }
          : { custody: k.custody, evidence: k.custodyEvidence, at: k.custodyAttestedAt };
        return (
          <tr key={k.id}>
            <Td>
              {k.algorithm}
              {k.bits ? ` ${k.bits}` : ""}
              {k.curve ? ` ${k.curve}` : ""}{" "}
              <code className="text-xs text-slate-500" title={k.spkiSha256}>
                {k.spkiSha256.slice(0, 12)}…
              </code>
            </Td>
            <Td>
              <CustodyBadge custody={c.custody} isDeclared={isDeclared} />
            </Td>
            <Td style={{ whiteSpace: "normal" }}>
              {c.evidence ? (
                <>
                  {c.evidence}
                  {c.at ? (
                    <span className="text-xs text-slate-500"> · recorded {c.at.toISOString().slice(0, 10)}</span>
                  ) : null}
                </>
              ) : (
                <span className="text-amber-700">no evidence</span>
              )}
            </Td>
            <Td>
              {age} days {age > rotationDays ? <Badge tone="orange">over {rotationDays} d</Badge> : null}
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}
