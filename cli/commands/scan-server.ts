import { UsageError } from "../io";

// Talking to Signet from `signet scan --server` and `signet who-signed`: the address (--server or
// SIGNET_URL) and the token (SIGNET_TOKEN only, never an argument: it would land in shell history).

export type Server = { base: string; token: string };
export type ScanUpload = { name: string; bytes: Uint8Array };

export function serverOf(option: string | undefined, scope = "ingest"): Server {
  const base = option ?? process.env.SIGNET_URL;
  if (!base || !/^https?:\/\//.test(base))
    throw new UsageError("give Signet's address: --server or SIGNET_URL (http(s)://…)");
  const token = process.env.SIGNET_TOKEN;
  if (!token) throw new UsageError(`set SIGNET_TOKEN to an API token with the scope ${scope}`);
  return { base, token };
}

type ScanAnswer = {
  summary: Record<"signed" | "unsigned" | "malformed" | "failed" | "discovered", number>;
  files: { name: string; outcome: string; reason: string | null }[];
};

export async function postScanGroup(server: Server, files: ScanUpload[]): Promise<ScanAnswer | { error: string }> {
  const form = new FormData();
  for (const f of files) form.append("file", new Blob([new Uint8Array(f.bytes)]), f.name);
  return request<ScanAnswer>(server, "/api/v1/scans", { method: "POST", body: form });
}

export async function request<T>(
  server: Server,
  path: string,
  init: RequestInit = {},
): Promise<T | { error: string; status?: number }> {
  let res: Response;
  try {
    res = await fetch(new URL(path, server.base), {
      ...init,
      headers: { authorization: `Bearer ${server.token}` },
      signal: AbortSignal.timeout(300_000),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return { error: `Signet could not be reached (${err.cause?.code ?? err.message})` };
  }
  const payload = (await res.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
  if (!res.ok || !payload)
    return { error: `HTTP ${res.status}: ${payload?.error?.message ?? "no answer"}`, status: res.status };
  return payload;
}
