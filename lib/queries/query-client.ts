import { QueryClient, defaultShouldDehydrateQuery, isServer } from "@tanstack/react-query";

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
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new HttpError(res.status, message);
  }
  return (await res.json()) as T;
}
