import { QueryClient, defaultShouldDehydrateQuery, isServer } from "@tanstack/react-query";
import { readApiError } from "@/lib/api/error-body";
import type { FieldIssue } from "@/lib/api/errors";

// One factory for the server (a fresh client per request) and the browser (one per tab).
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // prefetched data is fresh on first paint; don't refetch it immediately
        staleTime: 30_000,
        retry: (failureCount, error) => failureCount < 2 && !(error instanceof HttpError && error.status < 500),
      },
      dehydrate: {
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
}

let browserClient: QueryClient | undefined;
export function getQueryClient() {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** the server's per-field issues, so a form can show each under its field */
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** A value as it arrives through JSON: its dates become ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** fetch JSON from the API; failures carry the server's safe message. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  if (!res.ok) {
    const e = await readApiError(res);
    throw new HttpError(e.status, e.message, e.issues);
  }
  return (await res.json()) as T;
}
