"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { certificateKeys } from "@/lib/queries/certificates";
import { fetchJson } from "@/lib/queries/query-client";
import { readApiError } from "@/lib/api/error-body";
import { Button } from "@/components/ui/button";
import { FileDropzone } from "@/components/ui/file-dropzone";
import { ProgressBar } from "@/components/ui/progress-bar";
import { commonName, ImportResults, type UploadRow, type UploadStatus } from "./import-results";

// Uploads in chunks so one request stays under the server's file-count and byte limits and the
// progress bar moves; a failed request marks only its own files failed and the next chunk goes on.

const FILES_PER_REQUEST = 50;

type ServerFileResult = {
  file: string;
  status: Exclude<UploadStatus, "too-large">;
  certificates: { subject: string }[];
  error?: string;
};

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function chunk(files: File[], maxBytes: number): File[][] {
  const chunks: File[][] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= FILES_PER_REQUEST || bytes + file.size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

export function ImportUpload({ maxFileBytes, maxRequestBytes }: { maxFileBytes: number; maxRequestBytes: number }) {
  const inputId = useId();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [signerId, setSignerId] = useState("");
  const [rows, setRows] = useState<UploadRow[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [isUploading, setIsUploading] = useState(false);
  const [isDone, setIsDone] = useState(false);
  const signers = useQuery({
    queryKey: ["signers", "picker"],
    queryFn: () => fetchJson<{ rows: { id: string; name: string }[] }>("/api/v1/signers?pageSize=200"),
  });

  function choose(list: File[]) {
    setFiles(list);
    setRows([]);
    setProgress(null);
    setIsDone(false);
  }

  async function upload() {
    setIsUploading(true);
    setIsDone(false);
    const tooLarge = files.filter((f) => f.size > maxFileBytes);
    const accepted = files.filter((f) => f.size <= maxFileBytes);
    const results: UploadRow[] = tooLarge.map((f) => ({
      file: f.name,
      status: "too-large",
      subjects: [],
      error: `${formatSize(f.size)} is over the limit of ${formatSize(maxFileBytes)} per file; not uploaded`,
    }));
    setRows([...results]);
    // leave room for multipart framing under the request limit
    const chunks = chunk(accepted, Math.floor(maxRequestBytes * 0.9));
    let done = 0;
    setProgress({ done, total: accepted.length });
    for (const part of chunks) {
      const form = new FormData();
      for (const file of part) form.append("file", file, file.name);
      if (signerId) form.append("signerId", signerId);
      try {
        const res = await fetch("/api/v1/certificates", { method: "POST", body: form });
        if (!res.ok) throw new Error((await readApiError(res)).message);
        const body = (await res.json()) as { files: ServerFileResult[] };
        for (const r of body.files) {
          results.push({
            file: r.file,
            status: r.status,
            subjects: r.certificates.map((c) => commonName(c.subject)),
            error: r.error,
          });
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        for (const file of part) results.push({ file: file.name, status: "failed", subjects: [], error: message });
      }
      done += part.length;
      setProgress({ done, total: accepted.length });
      setRows([...results]);
    }
    await queryClient.invalidateQueries({ queryKey: certificateKeys.lists() });
    setIsUploading(false);
    setIsDone(true);
  }

  const count = (status: UploadStatus) => rows.filter((r) => r.status === status).length;

  return (
    <div className="space-y-4">
      <FileDropzone
        label="Certificate files"
        hint={`Drop files here or choose them. At most ${formatSize(maxFileBytes)} per file.`}
        files={files}
        disabled={isUploading}
        onFiles={choose}
        testId="import"
      />

      <div className="flex flex-wrap items-end gap-4">
        <div className="min-w-64">
          <label htmlFor={`${inputId}-signer`} className="block text-sm font-medium text-slate-700">
            Link to signer (optional)
          </label>
          <select
            id={`${inputId}-signer`}
            value={signerId}
            disabled={isUploading}
            onChange={(e) => setSignerId(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
          >
            <option value="">No signer</option>
            {signers.data?.rows.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {signers.isError ? (
            <p className="mt-1 text-xs text-red-700">Signers could not be loaded: {signers.error.message}</p>
          ) : null}
        </div>
        <Button type="button" onClick={upload} disabled={isUploading || files.length === 0}>
          {isUploading ? "Uploading…" : "Upload"}
        </Button>
      </div>

      {progress ? (
        <div>
          <ProgressBar label="Upload progress" done={progress.done} total={progress.total} />
          <p className="mt-1 text-sm text-slate-700" aria-live="polite" data-testid="import-progress">
            {progress.done} of {progress.total} files
          </p>
        </div>
      ) : null}

      {isDone ? (
        <p role="status" className="text-sm font-medium text-slate-800" data-testid="import-summary">
          Done: {count("imported")} imported, {count("already-known")} already known,{" "}
          {count("failed") + count("too-large")} failed, {count("refused-private-key")} refused (private key).
        </p>
      ) : null}

      {rows.length > 0 ? <ImportResults rows={rows} /> : null}
    </div>
  );
}
