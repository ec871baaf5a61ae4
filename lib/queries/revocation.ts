import { queryOptions, type QueryClient } from "@tanstack/react-query";
import type { RevocationState } from "@/lib/db/certificates/revocation-state";
import type { RevocationCheckCounts, RevocationReason, RevocationRequestKind } from "@/lib/domain/revocation";
import type { ImpactEvent, RevocationImpact } from "@/lib/domain/revocation-impact";
import type { RevocationPage, RevocationRow } from "@/lib/db/revocation/revocation-queue";
import { revocationFiltersSchema } from "@/lib/domain/inventory-filters";
import { certificateKeys } from "./certificates";
import { apiList } from "./list-query";
import { fetchJson, type Jsonified } from "./query-client";

// Revocation status, requests and impact of one certificate (the revocation panel). Dates arrive
// as ISO strings.

export type RevocationRequestView = {
  id: string;
  kind: RevocationRequestKind;
  reason: RevocationReason;
  requestedAt: string;
  deadlineAt: string;
  status: "open" | "confirmed" | "closed";
  confirmedAt: string | null;
  note: string | null;
  deadline: "met" | "open" | "overdue";
};

/** A certificate's revocation columns as the API sends them, with its requests. */
export type RevocationStatusView = { certificateId: string } & Jsonified<RevocationState> & {
    requests: RevocationRequestView[];
  };

export type CheckNowResult = {
  summary: RevocationCheckCounts;
  revocation: Omit<RevocationStatusView, "certificateId" | "requests"> | null;
};

export type ImpactEventView = Jsonified<ImpactEvent>;
export type RevocationImpactView = Jsonified<RevocationImpact>;

export type RecordRevocationInput = {
  kind: RevocationRequestKind;
  reason: RevocationReason;
  requestedAt: string;
  revokedAt?: string;
  note?: string;
};

const base = (id: string) => `/api/v1/certificates/${encodeURIComponent(id)}/revocation`;

export const revocationKeys = {
  all: ["revocation"] as const,
  certificate: (id: string) => [...revocationKeys.all, "certificate", id] as const,
  status: (id: string) => [...revocationKeys.certificate(id), "status"] as const,
  impact: (id: string, date: string) => [...revocationKeys.certificate(id), "impact", date] as const,
};

/** The /revocation list: requests or failed checks (GET /api/v1/revocation). */
export const { keys: revocationListKeys, query: revocationListQuery } = apiList<
  RevocationRow,
  typeof revocationFiltersSchema,
  RevocationPage
>("revocation-list", revocationFiltersSchema, "/api/v1/revocation");

export const revocationStatusQuery = (id: string) =>
  queryOptions({ queryKey: revocationKeys.status(id), queryFn: () => fetchJson<RevocationStatusView>(base(id)) });

/** `date`: an ISO 8601 instant with an offset. */
export const revocationImpactQuery = (id: string, date: string) =>
  queryOptions({
    queryKey: revocationKeys.impact(id, date),
    queryFn: () =>
      fetchJson<RevocationImpactView>(`${base(id)}/impact?${new URLSearchParams({ date, format: "json" })}`),
  });

export function revocationImpactCsvUrl(id: string, date: string): string {
  return `${base(id)}/impact?${new URLSearchParams({ format: "csv", date })}`;
}

export function checkRevocationNow(id: string): Promise<CheckNowResult> {
  return fetchJson<CheckNowResult>(`${base(id)}/check`, { method: "POST", body: "{}" });
}

export function recordRevocationRequest(
  id: string,
  input: RecordRevocationInput,
): Promise<{ request: RevocationRequestView }> {
  return fetchJson(base(id), { method: "POST", body: JSON.stringify(input) });
}

/**
 * What a check or a recorded revocation changes: this certificate's revocation status and its
 * detail (which shows the status), and the /revocation list. The impact plan depends only on
 * signing events, so it stays.
 */
export function invalidateAfterRevocationChange(queryClient: QueryClient, id: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: revocationKeys.status(id) }),
    queryClient.invalidateQueries({ queryKey: certificateKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: revocationListKeys.lists() }),
  ]);
}
