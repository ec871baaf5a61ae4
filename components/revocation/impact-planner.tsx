"use client";

import { useId, useState, type FormEvent } from "react";
import { useIsHydrated } from "@/components/ui/use-is-hydrated";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";
import { revocationImpactCsvUrl, revocationImpactQuery, type ImpactEventView } from "@/lib/queries/revocation";
import { formatUtc } from "./deadline";
import { fromLocalInputValue, toLocalInputValue } from "./local-time";

const INPUT =
  "mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

/**
 * Which signatures a revocation at a chosen instant would invalidate: verifiers reject every
 * signature made at or after the revocation date, so a backdated revocation reaches into the past.
 */
export function ImpactPlanner({ certificateId }: { certificateId: string }) {
  const id = useId();
  const [input, setInput] = useState(() => toLocalInputValue(new Date()));
  const [date, setDate] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string>();
  // Until React has hydrated, a date typed into the server-rendered input would be reset to the
  // initial value and the button would submit the page natively: keep both disabled until then.
  const isReady = useIsHydrated();
  const impact = useQuery({
    ...revocationImpactQuery(certificateId, date ?? ""),
    enabled: date !== null,
    placeholderData: keepPreviousData,
  });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = fromLocalInputValue(input);
    if (!d) return setInputError("Choose a date and time.");
    setInputError(undefined);
    setDate(d.toISOString());
  };

  const data = impact.data;
  return (
    <div className="space-y-4" data-testid="impact-planner">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <div>
          <label htmlFor={`${id}-date`} className="block text-sm font-medium text-slate-700">
            Candidate revocation date (your local time)
          </label>
          <input
            id={`${id}-date`}
            type="datetime-local"
            className={INPUT}
            value={input}
            onChange={(e) => setInput(e.target.value)}
            disabled={!isReady}
          />
        </div>
        <button type="submit" className={buttonClass("secondary")} disabled={!isReady}>
          Show impact
        </button>
        {date ? (
          <a
            className={buttonClass("ghost", "text-indigo-700")}
            href={revocationImpactCsvUrl(certificateId, date)}
            download
          >
            Download CSV
          </a>
        ) : null}
      </form>
      <FormError message={inputError} />
      {impact.isError ? <FormError message={`Could not plan the impact: ${impact.error.message}`} /> : null}
      {date && !data && impact.isPending ? <p className="text-sm text-slate-500">Planning…</p> : null}
      {data ? (
        <>
          <p className="text-sm text-slate-700" aria-live="polite" data-testid="impact-summary">
            Revoked from <strong>{formatUtc(data.revocationDate)}</strong>:{" "}
            <strong className="text-red-700">{data.invalidated.length} invalidated</strong>,{" "}
            <strong className="text-emerald-700">{data.remainValid.length} stay valid</strong>
            {data.affectedSigners.length ? (
              <>
                {" "}
                — affected signers: {data.affectedSigners.map((s) => `${s.name} (${s.invalidatedCount})`).join(", ")}
              </>
            ) : null}
          </p>
          <ImpactTable
            title="Invalidated signatures"
            events={data.invalidated}
            empty="No signature made at or after this date."
          />
          <ImpactTable
            title="Signatures that stay valid"
            events={data.remainValid}
            empty="No signature made before this date."
          />
        </>
      ) : null}
    </div>
  );
}

function ImpactTable({ title, events, empty }: { title: string; events: ImpactEventView[]; empty: string }) {
  return (
    <section>
      <h4 className="mb-2 text-sm font-semibold text-slate-800">
        {title} ({events.length})
      </h4>
      {events.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <div className="max-h-80 overflow-y-auto">
          <Table caption={title} columns={["Artifact", "Environment", "Signed at", "Signer"]}>
            {events.map((e) => (
              <tr key={e.id}>
                <Td className="max-w-xs truncate" title={e.artifactDigest ?? undefined}>
                  {e.artifactName}
                </Td>
                <Td>{e.environment ?? "—"}</Td>
                <Td>{formatUtc(e.signedAt)}</Td>
                <Td>{e.signerName}</Td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}
