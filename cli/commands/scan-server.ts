import { UsageError } from "../io";

// Talking to Signet from the commands that call its API (`scan --server`, `who-signed`, `gate`,
// `request-approval`): the address (an option or SIGNET_URL) and the token (SIGNET_TOKEN only,
// never an argument: it would land in shell history).

export type Server = { base: string; token: string };
export type ScanUpload = { name: string; bytes: Uint8Array };

export function serverOf(option: string | undefined, scope = "ingest", optionName = "--server"): Server {
  const base = option ?? process.env.SIGNET_URL;
  if (!base || !/^https?:\/\//.test(base))
    throw new UsageError(`give Signet's address: ${optionName} or SIGNET_URL (http(s)://…)`);
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

/** The human who triggered the pipeline run: --triggered-by, else the CI's own actor variable. */
export function triggeringHuman(option: string | undefined, env: NodeJS.ProcessEnv = process.env) {
  return option ?? env.GITHUB_ACTOR ?? env.GITLAB_USER_LOGIN ?? env.BUILD_REQUESTEDFOR;
}

export type JsonAnswer<T> =
  { status: number; ok: boolean; payload: (T & { error?: { message: string } }) | null } | { unreachable: string };

/** POSTs a JSON body: Signet's status and answer, or why it could not be reached (network, timeout). */
export async function postJson<T>(
  server: Server,
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<JsonAnswer<T>> {
  let res: Response;
  try {
    res = await fetch(new URL(path, server.base), {
      method: "POST",
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return {
      unreachable:
        err.name === "TimeoutError" ? `no answer in ${timeoutMs / 1000} s` : (err.cause?.code ?? err.message),
    };
  }
  const payload = (await res.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
  return { status: res.status, ok: res.ok, payload };
}
