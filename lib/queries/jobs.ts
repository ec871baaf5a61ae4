import { queryOptions } from "@tanstack/react-query";
import type { getJobsStatus } from "@/lib/jobs/status";
import { fetchJson } from "./query-client";

export type JobsStatus = Awaited<ReturnType<typeof getJobsStatus>>;

export const jobKeys = {
  all: ["jobs"] as const,
  status: () => [...jobKeys.all, "status"] as const,
};

export const jobsStatusQuery = () =>
  // leases and next runs move on their own: keep the page current while it is open
  queryOptions({
    queryKey: jobKeys.status(),
    queryFn: () => fetchJson<JobsStatus>("/api/v1/jobs"),
    refetchInterval: 15_000,
  });
