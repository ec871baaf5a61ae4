import { queryOptions } from "@tanstack/react-query";
import type { loadAlertPolicyView } from "@/lib/db/alerts/alerts";
import { fetchJson } from "./query-client";

export type AlertPolicyView = Awaited<ReturnType<typeof loadAlertPolicyView>>;

export const alertPolicyKeys = {
  all: ["alert-policy"] as const,
  view: () => [...alertPolicyKeys.all, "view"] as const,
};

export const alertPolicyQuery = () =>
  queryOptions({
    queryKey: alertPolicyKeys.view(),
    queryFn: () => fetchJson<AlertPolicyView>("/api/v1/alerts/policy"),
  });
