"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { readApiError } from "@/lib/api/error-body";
import { scanKeys } from "@/lib/queries/scans";
import { Button } from "@/components/ui/button";
import { FileDropzone } from "@/components/ui/file-dropzone";
import { ProgressBar } from "@/components/ui/progress-bar";

// Uploads the chosen artifacts one request per file (POST /api/v1/scans), so the progress bar
// moves and a refused file (too large, a failed request) marks only its own row.

type SignatureRow = {
  location: string;
  signer: { name: string } | null;
  discovery: { state: string } | null;
  verification: { status: string; reason?: string };
  findings: string[];
};
type FileRow = {
  name: string;
  sha256: string | null;
  outcome: string;
  format: string | null;
  reason: string | null;
  signatures: SignatureRow[];
};

function formatSize(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MiB`;
}

function signerText(s: SignatureRow): string {
  if (s.signer) return s.signer.name;
  if (s.discovery?.state === "known-external") return "known-external";
  return "unregistered (in the discovery queue)";
}

export function ScanUpload({ maxFileBytes }: { maxFileBytes: number }) {
  const [files, setFiles] = useState<File[]>([]);
  const [rows, setRows] = useState<FileRow[]>([]);
  const [done, setDone] = useState<number | null>(null);
  const [isUploading, setIsUploading] = useState(false);
  const queryClient = useQueryClient();

  async function upload() {
    setIsUploading(true);
    const results: FileRow[] = [];
    setRows([]);
    setDone(0);
    for (const file of files) {
      if (file.size > maxFileBytes) {
        results.push({
          name: file.name,
          sha256: null,
          outcome: "too large",
          format: null,
          reason: `over ${formatSize(maxFileBytes)}; not uploaded`,
          signatures: [],
        });
      } else {
        const form = new FormData();
        form.append("file", file, file.name);
        try {
          const res = await fetch("/api/v1/scans", { method: "POST", body: form });
          if (!res.ok) throw new Error((await readApiError(res)).message);
          results.push(...((await res.json()) as { files: FileRow[] }).files);
        } catch (error) {
          results.push({
            name: file.name,
            sha256: null,
            outcome: "failed",
            format: null,
            reason: error instanceof Error ? error.message : String(error),
            signatures: [],
          });
        }
      }
      setDone(results.length);
      setRows([...results]);
    }
    setIsUploading(false);
    // the recent scans list shows the new scans
    await queryClient.invalidateQueries({ queryKey: scanKeys.lists() });
  }

  const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
  return (
    <div className="space-y-4">
      <FileDropzone
        label="Signed artifacts"
        hint={`Executables, packages, signatures, Sigstore bundles. Drop files here or choose them. At most ${formatSize(maxFileBytes)} per file.`}
        files={files}
        disabled={isUploading}
        onFiles={setFiles}
        testId="scan"
      />
      <Button type="button" onClick={upload} disabled={isUploading || files.length === 0}>
        {isUploading ? "Scanning…" : "Scan"}
      </Button>
      {done !== null ? (
        <div>
          <ProgressBar label="Scan progress" done={done} total={files.length} />
          <p className="mt-1 text-sm" aria-live="polite" data-testid="scan-progress">
            {done} of {files.length} files
            {isUploading
              ? ""
              : `: ${count("signed")} signed, ${count("unsigned")} unsigned, ${count("malformed")} malformed, ${count("failed") + count("too large")} failed`}
          </p>
        </div>
      ) : null}
      {rows.length > 0 ? (
        <table className="w-full text-left text-sm" data-testid="scan-results">
          <caption className="sr-only">Scan results, one row per file</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Outcome</th>
              <th scope="col">Signatures</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.name}-${i}`} className="border-t border-slate-200 align-top">
                <td className="py-1 pr-3">
                  {r.sha256 && r.outcome === "signed" ? <Link href={`/artifacts/${r.sha256}`}>{r.name}</Link> : r.name}
                </td>
                <td className="py-1 pr-3">
                  {r.outcome}
                  {r.format ? ` (${r.format})` : ""}
                  {r.reason ? `: ${r.reason}` : ""}
                </td>
                <td className="py-1">
                  {r.signatures.map((s) => (
                    <div key={s.location}>
                      {s.location}: {signerText(s)}; {s.verification.status}
                      {s.findings.length ? ` — ${s.findings.join(", ")}` : ""}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** "Who signed this?": a SHA-256 (or sha256:… digest) opens the artifact's page. */
export function ArtifactLookupForm() {
  const router = useRouter();
  const inputId = useId();
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("digest") ?? "")
      .trim()
      .toLowerCase()
      .replace(/^sha256:/, "");
    if (!/^[0-9a-f]{64}$/.test(value)) return setError("A SHA-256: 64 hex digits (sha256:… works too)");
    setError(null);
    router.push(`/artifacts/${value}`);
  }
  return (
    <form onSubmit={submit} role="search" aria-label="Who signed this?" className="flex flex-wrap items-end gap-2">
      {/* 24rem beside the button where there is room; on a phone the box takes the line and the button wraps below */}
      <div className="min-w-0 grow basis-full sm:basis-96">
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
          Artifact SHA-256
        </label>
        <input
          id={inputId}
          name="digest"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          aria-invalid={error ? true : undefined}
        />
        {error ? (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="secondary">
        Who signed this?
      </Button>
    </form>
  );
}
