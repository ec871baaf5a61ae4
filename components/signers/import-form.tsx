"use client";

import { useState } from "react";
import { readApiError } from "@/lib/api/error-body";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";

type Report = {
  isDryRun: boolean;
  summary: { rows: number; created: number; valid: number; errors: number; durationMs: number };
  rows: {
    row: number;
    name: string | null;
    status: string;
    id?: string;
    issues: { field: string; message: string }[];
  }[];
};

const SHOWN = 500;

export function SignerImportForm() {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  async function submit(form: HTMLFormElement, isDryRun: boolean) {
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError("Choose a CSV or JSON file first");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.set("file", file);
      const res = await fetch(`/api/v1/signers/import${isDryRun ? "?dryRun=1" : ""}`, { method: "POST", body });
      if (!res.ok) {
        setReport(null);
        setError((await readApiError(res)).message);
      } else setReport((await res.json()) as Report);
    } catch {
      setError("The server could not be reached");
    } finally {
      setBusy(false);
    }
  }

  const problems = report?.rows.filter((r) => r.status === "error") ?? [];
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          void submit(e.currentTarget, submitter?.value === "dry-run");
        }}
      >
        <label className="text-sm font-medium text-slate-700">
          File (CSV or JSON)
          <input type="file" name="file" accept=".csv,.json,text/csv,application/json" className="mt-1 block text-sm" />
        </label>
        <Button type="submit" value="dry-run" variant="secondary" disabled={isBusy}>
          Check only (dry run)
        </Button>
        <Button type="submit" value="import" disabled={isBusy}>
          {isBusy ? "Working…" : "Import"}
        </Button>
      </form>
      <FormError message={error ?? undefined} />
      {report ? (
        <div className="space-y-3" data-testid="import-report">
          <p role="status" className="text-sm text-slate-800">
            {report.isDryRun ? "Dry run, nothing written: " : ""}
            {report.summary.rows.toLocaleString("en")} rows ·{" "}
            {report.isDryRun
              ? `${report.summary.valid.toLocaleString("en")} would be created`
              : `${report.summary.created.toLocaleString("en")} created`}{" "}
            ·{" "}
            <span className={report.summary.errors ? "font-semibold text-red-700" : ""}>
              {report.summary.errors.toLocaleString("en")} refused
            </span>{" "}
            · {(report.summary.durationMs / 1000).toFixed(1)} s
          </p>
          {problems.length ? (
            <>
              <Table caption="Rows refused" columns={["Row", "Name", "Field", "Problem"]}>
                {problems.slice(0, SHOWN).flatMap((r) =>
                  r.issues.map((i, n) => (
                    <tr key={`${r.row}-${n}`}>
                      <Td>{n === 0 ? r.row : ""}</Td>
                      <Td>{n === 0 ? (r.name ?? "—") : ""}</Td>
                      <Td>
                        <code>{i.field}</code>
                      </Td>
                      <Td style={{ whiteSpace: "normal" }}>{i.message}</Td>
                    </tr>
                  )),
                )}
              </Table>
              {problems.length > SHOWN ? (
                <p className="text-xs text-slate-500">
                  First {SHOWN} of {problems.length} refused rows shown; the API answer has them all.
                </p>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
