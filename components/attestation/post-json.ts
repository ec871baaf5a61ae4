import { useState } from "react";
import { readApiError } from "@/lib/api/error-body";

export type PostResult<T> =
  { ok: true; data: T } | { ok: false; message: string; issues: { path: string; message: string }[] };

/** POSTs JSON to one of Signet's API routes; returns the data or the server's safe message. */
export async function postJson<T = unknown>(url: string, body: unknown): Promise<PostResult<T>> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.ok) return { ok: true, data: (await res.json().catch(() => ({}))) as T };
    const { message, issues } = await readApiError(res);
    return { ok: false, message, issues };
  } catch {
    return { ok: false, message: "The server could not be reached; try again", issues: [] };
  }
}

/**
 * A form that POSTs: its busy flag, its error and the server's field issues (keyed by `issueKey` of
 * each issue's path). `post` calls `onOk` with the answer, or shows what the server refused.
 */
export function usePostForm(issueKey: (path: string) => string = (path) => path) {
  const [error, setError] = useState<string>();
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [isBusy, setBusy] = useState(false);
  async function post<T = unknown>(url: string, body: unknown, onOk: (data: T) => void) {
    setBusy(true);
    setError(undefined);
    const r = await postJson<T>(url, body);
    setBusy(false);
    if (r.ok) return onOk(r.data);
    setError(r.message);
    setIssues(Object.fromEntries(r.issues.map((i) => [issueKey(i.path), i.message])));
  }
  return { error, setError, issues, isBusy, post };
}
