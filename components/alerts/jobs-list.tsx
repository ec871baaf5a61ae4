"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DateText } from "@/components/ui/date-text";
import { EmptyState } from "@/components/ui/card";
import { formatDuration, formatInterval, summariseResult } from "@/components/alerts/job-format";
import { fetchJson } from "@/lib/queries/query-client";
import { jobKeys, jobsStatusQuery, type JobsStatus } from "@/lib/queries/jobs";
import { outboxKeys } from "@/lib/queries/outbox";

type Job = JobsStatus["jobs"][number];
type RunOutcome = { outcome: { status: "ok"; result: unknown } | { status: "failed"; error: string } };

function RunStatus({ status }: { status: string }) {
  if (status === "ok")
    return (
      <Badge tone="green">
        <span aria-hidden>✓</span>succeeded
      </Badge>
    );
  if (status === "failed")
    return (
      <Badge tone="red">
        <span aria-hidden>✕</span>failed
      </Badge>
    );
  if (status === "running")
    return (
      <Badge tone="blue">
        <span aria-hidden>↻</span>running
      </Badge>
    );
  return <Badge>{status}</Badge>;
}

function RunNow({ job }: { job: Job }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const run = useMutation({
    mutationFn: () => fetchJson<RunOutcome>(`/api/v1/jobs/${encodeURIComponent(job.name)}/run`, { method: "POST" }),
    onSuccess: ({ outcome }) => {
      setMessage(
        outcome.status === "ok"
          ? { isError: false, text: "Finished: succeeded" }
          : { isError: true, text: `Finished: failed — ${outcome.error}` },
      );
      // a run changes its own status; the alert and attestation jobs also queue or send email
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: jobKeys.status() }),
        queryClient.invalidateQueries({ queryKey: outboxKeys.all }),
      ]);
    },
    onError: (error) => setMessage({ isError: true, text: error.message }),
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        disabled={run.isPending}
        onClick={() => run.mutate()}
        aria-label={`Run now: ${job.name}`}
      >
        {run.isPending ? "Running…" : "Run now"}
      </Button>
      <p
        role="status"
        className={`max-w-[18rem] text-right text-xs ${message?.isError ? "text-red-700" : "text-emerald-700"}`}
      >
        {message?.text}
      </p>
    </div>
  );
}

function JobCard({ job }: { job: Job }) {
  const last = job.lastRun;
  const summary = last ? summariseResult(last.result) : "";
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={`job-${job.name}`}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 id={`job-${job.name}`} className="font-mono text-sm font-semibold text-slate-900">
            {job.name}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{job.description ?? "No description"}</p>
        </div>
        <RunNow job={job} />
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Interval</dt>
          <dd className="mt-1">{formatInterval(job.intervalMs)}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Last run</dt>
          <dd className="mt-1 space-y-1">
            {last ? (
              <>
                <div className="flex flex-wrap items-center gap-2">
                  <RunStatus status={last.status} />
                  {last.finishedAt ? (
                    <span className="text-xs text-slate-500">
                      {formatDuration(new Date(last.finishedAt).getTime() - new Date(last.startedAt).getTime())}
                    </span>
                  ) : null}
                </div>
                <DateText date={last.startedAt} className="block text-xs" />
                {summary ? <p className="text-xs text-slate-700">{summary}</p> : null}
                {last.error ? <p className="break-words text-xs text-red-800">{last.error}</p> : null}
              </>
            ) : (
              <span className="text-slate-500">never</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Next run</dt>
          <dd className="mt-1">
            <DateText date={job.nextRunAt} className="text-xs" />
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Lease</dt>
          <dd className="mt-1 text-xs">
            {job.lease ? (
              <>
                <span className="font-mono">{job.lease.owner}</span> until <DateText date={job.lease.leaseUntil} />
              </>
            ) : (
              <span className="text-slate-500">free</span>
            )}
          </dd>
        </div>
      </dl>
      {job.lastFailure && last?.status !== "failed" ? (
        <p className="mt-3 text-xs text-slate-600">
          Last failure <DateText date={job.lastFailure.at} />:{" "}
          <span className="text-red-800">{job.lastFailure.error}</span>
        </p>
      ) : null}
    </li>
  );
}

export function JobsList() {
  const query = useQuery(jobsStatusQuery());
  const data = query.data;
  if (query.isError)
    return (
      <p role="alert" className="text-sm text-red-700">
        Could not load the jobs: {query.error.message}
      </p>
    );
  if (!data) return null;
  return (
    <>
      <p className="mb-4 text-sm text-slate-600">
        {data.isSchedulerRunningHere
          ? "The scheduler runs in this instance."
          : "The scheduler does not run in this instance (SIGNET_JOBS=off): another instance or a cron job must run the jobs."}
      </p>
      {data.jobs.length === 0 ? (
        <EmptyState title="No jobs registered" />
      ) : (
        <ul className="space-y-4">
          {data.jobs.map((job) => (
            <JobCard key={job.name} job={job} />
          ))}
        </ul>
      )}
    </>
  );
}
