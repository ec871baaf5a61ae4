import Link from "next/link";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import {
  countDiscoveryQueue,
  DISCOVERY_STATES,
  listDiscoveryQueue,
  type DiscoveryState,
} from "@/lib/db/artifacts/discovery";
import { listPersonOptions } from "@/lib/db/people/people";
import { listSignerOptions } from "@/lib/db/signers/signers";
import { DiscoveryDecisions } from "@/components/artifacts/discovery-forms";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { decideDiscoveryAction } from "./actions";

export const metadata = { title: "Discovery queue" };

const TITLES: Record<DiscoveryState, string> = { new: "New", linked: "Linked", "known-external": "Known-external" };

const DECIDED: Record<string, string> = {
  linked: "Linked to the signer: its signatures now name it.",
  "known-external": "Marked known-external: its signatures no longer raise signer.unregistered.",
};

export default async function DiscoveryPage({
  searchParams,
}: {
  searchParams: Promise<{ state?: string; decided?: string }>;
}) {
  await requirePageUser("inventory:write");
  const { state: requested, decided } = await searchParams;
  const state: DiscoveryState = DISCOVERY_STATES.includes(requested as DiscoveryState)
    ? (requested as DiscoveryState)
    : "new";
  const db = getDb();
  const [rows, counts, signers, people] = await Promise.all([
    listDiscoveryQueue(db, { state }),
    countDiscoveryQueue(db),
    listSignerOptions(db),
    listPersonOptions(db),
  ]);
  return (
    <>
      <PageHeader
        title="Discovery queue"
        description="Certificates and keyless identities found signing scanned artifacts that no registered signer uses. Link each to its signer, create one in a click, or mark it known-external (a vendor's signature)."
      />
      {decided && DECIDED[decided] ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {DECIDED[decided]}
        </p>
      ) : null}
      <nav aria-label="Queue state" className="mb-4 flex flex-wrap gap-2 text-sm">
        {DISCOVERY_STATES.map((s) => (
          <Link
            key={s}
            href={`/discovery?state=${s}`}
            aria-current={s === state ? "page" : undefined}
            className={`rounded-md border px-3 py-1 ${s === state ? "border-indigo-600 bg-indigo-50 font-medium" : "border-slate-300"}`}
          >
            {TITLES[s]} ({counts[s]})
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title={state === "new" ? "Nothing to decide" : `No ${TITLES[state].toLowerCase()} entries`}>
          Scan artifacts on the <Link href="/scans">scans page</Link> or with <code>signet scan --server</code>.
        </EmptyState>
      ) : (
        <ul className="space-y-4" aria-label="Discovered identities">
          {rows.map((r) => (
            <li key={r.id}>
              <Card title={`${r.kind === "keyless" ? "Keyless identity" : "Certificate"}: ${r.label}`}>
                <dl className="mb-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm md:grid-cols-2">
                  {r.kind === "keyless" ? (
                    <>
                      <dt className="font-medium">OIDC issuer</dt>
                      <dd className="break-all">{r.keylessIssuer}</dd>
                    </>
                  ) : null}
                  {r.certificate ? (
                    <>
                      <dt className="font-medium">Certificate</dt>
                      <dd className="break-all">
                        {r.certificate.subject || "(empty subject)"} — issued by {r.certificate.issuer}; SHA-256{" "}
                        <code>{r.certificate.sha256.slice(0, 16)}…</code>
                        {r.certificate.isCA ? " (a CA certificate)" : ""}
                      </dd>
                    </>
                  ) : null}
                  <dt className="font-medium">Seen</dt>
                  <dd>
                    {r.signatureCount} signature{r.signatureCount === 1 ? "" : "s"}, first{" "}
                    <DateText date={r.firstSeenAt} />, last <DateText date={r.lastSeenAt} />
                    {r.latestArtifact ? (
                      <>
                        {" "}
                        (latest: <Link href={`/artifacts/${r.latestArtifact.sha256}`}>{r.latestArtifact.name}</Link>)
                      </>
                    ) : null}
                  </dd>
                  {r.state !== "new" ? (
                    <>
                      <dt className="font-medium">Decision</dt>
                      <dd>
                        {r.state === "linked" ? (
                          <>
                            linked to{" "}
                            {r.signerId ? (
                              <Link href={`/signers/${r.signerId}`}>{r.signerName ?? "its signer"}</Link>
                            ) : (
                              "a signer that was since removed"
                            )}
                          </>
                        ) : (
                          `known-external: ${r.note}`
                        )}
                      </dd>
                    </>
                  ) : null}
                </dl>
                {r.state === "new" ? (
                  <DiscoveryDecisions
                    identityId={r.id}
                    label={r.label}
                    action={decideDiscoveryAction}
                    signers={signers}
                    people={people}
                  />
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
