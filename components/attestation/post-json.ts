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
    const json = (await res.json().catch(() => ({}))) as {
      error?: { message?: string; issues?: { path: string; message: string }[] };
    };
    if (res.ok) return { ok: true, data: json as T };
    return {
      ok: false,
      message: json.error?.message ?? `The server answered ${res.status}`,
      issues: json.error?.issues ?? [],
    };
  } catch {
    return { ok: false, message: "The server could not be reached; try again", issues: [] };
  }
}
