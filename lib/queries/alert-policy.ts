import { queryOptions } from "@tanstack/react-query";
import type { loadAlertPolicyView } from "@/lib/db/alerts/alerts";
import { fetchJson } from "./query-client";

export type AlertPolicyView = Awaited<ReturnType<typeof loadAlertPolicyView>>;

// one view, like the overview: invalidating `all` refreshes it
export const alertPolicyKeys = { all: ["alert-policy"] as const };

export const alertPolicyQuery = () =>
  queryOptions({ queryKey: alertPolicyKeys.all, queryFn: () => fetchJson<AlertPolicyView>("/api/v1/alerts/policy") });
