"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { DateText } from "@/components/ui/date-text";
import type { Column } from "@/components/tables/data-table";
import { InventoryList, useInventoryList } from "@/components/tables/inventory-list";
import { countLabel } from "@/components/tables/list-frame";
import type { FormAction } from "@/lib/api/action-state";
import type { DiscoveryListRow } from "@/lib/db/artifacts/discovery";
import { DISCOVERY_STATES, discoveryFiltersSchema, type DiscoveryFilters } from "@/lib/domain/inventory-filters";
import { discoveryListQuery } from "@/lib/queries/discovery";
import { DiscoveryDecisions } from "./discovery-forms";

const TITLES: Record<DiscoveryFilters["state"], string> = {
  new: "New",
  linked: "Linked",
  "known-external": "Known-external",
};

// what the queue says after a decision (the action redirects here with ?decided=…)
const DECIDED: Record<string, string> = {
  linked: "Linked to the signer: its signatures now name it.",
  "known-external": "Marked known-external: its signatures no longer raise signer.unregistered.",
};

const LINK = "text-indigo-700 underline hover:text-indigo-900";

const identityTitle = (r: DiscoveryListRow) =>
  `${r.kind === "keyless" ? "Keyless identity" : "Certificate"}: ${r.label}`;

function Identity({ r }: { r: DiscoveryListRow }) {
  return (
    <div className="space-y-1 wrap-anywhere">
      <div className="font-medium text-slate-900">{identityTitle(r)}</div>
      {r.kind === "keyless" ? (
        <div className="text-xs text-slate-600 break-all">
          <span className="font-medium">OIDC issuer</span> {r.keylessIssuer}
        </div>
      ) : null}
      {r.certificate ? (
        <div className="text-xs text-slate-600">
          {r.certificate.subject || "(empty subject)"} — issued by {r.certificate.issuer}; SHA-256{" "}
          <code>{r.certificate.sha256.slice(0, 16)}…</code>
          {r.certificate.isCA ? " (a CA certificate)" : ""}
        </div>
      ) : null}
    </div>
  );
}

function Seen({ r }: { r: DiscoveryListRow }) {
  return (
    <div className="text-sm">
      {r.signatureCount} signature{r.signatureCount === 1 ? "" : "s"}
      <div className="text-xs">
        first <DateText date={r.firstSeenAt} />
      </div>
      <div className="text-xs">
        last <DateText date={r.lastSeenAt} />
      </div>
      {r.latestArtifact ? (
        <div className="text-xs break-all">
          latest:{" "}
          <Link href={`/artifacts/${r.latestArtifact.sha256}`} className={LINK}>
            {r.latestArtifact.name}
          </Link>
        </div>
      ) : null}
    </div>
  );
}

function Decision({ r }: { r: DiscoveryListRow }) {
  if (r.state === "known-external") return <>known-external: {r.note}</>;
  return (
    <>
      linked to{" "}
      {r.signerId ? (
        <Link href={`/signers/${r.signerId}`} className={LINK}>
          {r.signerName ?? "its signer"}
        </Link>
      ) : (
        "a signer that was since removed"
      )}
    </>
  );
}

/**
 * The discovery queue: one state at a time (a tab, in the URL), each entry with what it is, where it
 * was seen, and the three decisions (new entries) or the decision taken.
 */
export function DiscoveryList({
  decide,
  signers,
  people,
}: {
  decide: FormAction;
  signers: { id: string; name: string }[];
  people: { id: string; name: string }[];
}) {
  const list = useInventoryList(discoveryFiltersSchema, discoveryListQuery);
  const { filters, hrefFor } = list;
  const data = list.query.data;
  const decided = useSearchParams().get("decided");
  const isNew = filters.state === "new";
  const columns: Column<DiscoveryListRow>[] = [
    { id: "identity", label: "Identity", priority: 1, render: (r) => <Identity r={r} /> },
    { id: "seen", label: "Seen", priority: 2, render: (r) => <Seen r={r} /> },
    {
      id: "decision",
      label: isNew ? "Decide" : "Decision",
      priority: 1,
      // the forms wrap into the room a phone leaves beside the identity (which breaks its long DNs anywhere)
      wrap: "words",
      render: (r) =>
        r.state === "new" ? (
          <DiscoveryDecisions identityId={r.id} label={r.label} action={decide} signers={signers} people={people} />
        ) : (
          <Decision r={r} />
        ),
    },
  ];
  return (
    <>
      {decided && DECIDED[decided] ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {DECIDED[decided]}
        </p>
      ) : null}
      <nav aria-label="Queue state" className="mb-4 flex flex-wrap gap-2 text-sm">
        {DISCOVERY_STATES.map((s) => (
          <Link
            key={s}
            href={hrefFor({ state: s, page: 1 })}
            aria-current={s === filters.state ? "page" : undefined}
            className={`rounded-md border px-3 py-1 ${s === filters.state ? "border-indigo-600 bg-indigo-50 font-medium" : "border-slate-300"}`}
          >
            {TITLES[s]}
            {data ? ` (${data.counts[s].toLocaleString("en")})` : ""}
          </Link>
        ))}
      </nav>
      <InventoryList
        list={list}
        fields={[]}
        count={(page) => `${countLabel(page, "entry", "entries")} ${TITLES[filters.state].toLowerCase()}`}
        what="the discovery queue"
        empty={{
          none: {
            title: isNew ? "Nothing to decide" : `No ${TITLES[filters.state].toLowerCase()} entries`,
            text: (
              <>
                Scan artifacts on the{" "}
                <Link href="/scans" className={LINK}>
                  scans page
                </Link>{" "}
                or with <code>signet scan --server</code>.
              </>
            ),
          },
        }}
        table={{ caption: "Discovered identities", columns }}
      />
    </>
  );
}
