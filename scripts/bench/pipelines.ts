import fs from "node:fs";
import { performance } from "node:perf_hooks";

// Load shapes for benchmarks that stand in for CI pipelines calling the server (bench:gate):
// a closed loop (each pipeline asks again the moment its answer arrives: the server's capacity)
// and a paced, open loop (each pipeline asks at a fixed interval whatever the server does: what
// pipelines asking concurrently look like). Both tally latency, outcomes, errors and the server's
// CPU seconds over the requests they sent.

/** One request: its latency and the answer's label (the gate's decision, "ok"). */
export type Request = (i: number) => Promise<{ ms: number; decision: string }>;

export type Tally = {
  times: number[];
  outcomes: Record<string, number>;
  errors: number;
  firstError: string | null;
  /** paced: how late each request left against its schedule (the client's own lag) */
  lags: number[];
  user: number;
  system: number;
  seconds: number;
};

export const tally = (): Tally => ({
  times: [],
  outcomes: {},
  errors: 0,
  firstError: null,
  lags: [],
  user: 0,
  system: 0,
  seconds: 0,
});

/**
 * CPU seconds (user and system) a process has used so far, from /proc (Linux): the machine may be
 * shared, so the server's CPU per decision is the figure that compares between runs, not latency.
 */
export function cpuTimes(pid: number | undefined): { user: number; system: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 }; // clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The CPU seconds of the server processes together. */
function cpuOf(pids: (number | undefined)[]): { user: number; system: number } | null {
  const times = pids.map(cpuTimes);
  if (times.some((t) => t === null)) return null;
  return times.reduce((a, t) => ({ user: a!.user + t!.user, system: a!.system + t!.system }), { user: 0, system: 0 });
}

/** Runs `load`, adding its wall time and the server's CPU to `into`. */
async function timed(into: Tally, serverPids: (number | undefined)[], load: () => Promise<void>) {
  const before = cpuOf(serverPids);
  const wall = performance.now();
  await load();
  into.seconds += (performance.now() - wall) / 1000;
  const after = cpuOf(serverPids);
  if (before && after) {
    into.user += after.user - before.user;
    into.system += after.system - before.system;
  }
}

function record(into: Tally, r: { ms: number; decision: string }) {
  into.times.push(r.ms);
  into.outcomes[r.decision] = (into.outcomes[r.decision] ?? 0) + 1;
}

/** Requests from..to-1 from `pipelines` closed loops; a failed request fails the run. */
export async function closedLoop(
  into: Tally,
  request: Request,
  o: { from: number; to: number; pipelines: number; serverPids: (number | undefined)[] },
) {
  let next = o.from;
  await timed(into, o.serverPids, () =>
    Promise.all(
      Array.from({ length: o.pipelines }, async () => {
        while (next < o.to) record(into, await request(next++));
      }),
    ).then(() => undefined),
  );
}

/**
 * `count` requests (from `from` on) from `pipelines` open loops, each asking every `intervalMs`
 * (staggered across the interval) without waiting for its previous answer; failures are counted.
 */
export async function paced(
  into: Tally,
  request: Request,
  o: { from: number; count: number; pipelines: number; intervalMs: number; serverPids: (number | undefined)[] },
) {
  const start = performance.now() + 5;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
  const pipeline = async (p: number) => {
    const sent: Promise<void>[] = [];
    for (let k = 0; k * o.pipelines + p < o.count; k++) {
      const due = start + (p * o.intervalMs) / o.pipelines + k * o.intervalMs;
      await sleep(due - performance.now());
      into.lags.push(performance.now() - due);
      sent.push(
        request(o.from + k * o.pipelines + p).then(
          (r) => record(into, r),
          (error: unknown) => {
            into.errors++;
            into.firstError ??= error instanceof Error ? error.message : String(error);
          },
        ),
      );
    }
    await Promise.all(sent);
  };
  await timed(into, o.serverPids, () =>
    Promise.all(Array.from({ length: o.pipelines }, (_, p) => pipeline(p))).then(() => undefined),
  );
}

/** p50/p95/max, throughput, errors and the server's CPU per request. */
export function describeTally(t: Tally): string {
  const times = [...t.times].sort((a, b) => a - b);
  const answered = times.length;
  const per = (seconds: number) => ((seconds * 1000) / Math.max(1, answered + t.errors)).toFixed(2);
  const latency = answered
    ? `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times[answered - 1].toFixed(1)} ms`
    : "no answers";
  const lags = [...t.lags].sort((a, b) => a - b);
  const lag = lags.length ? `, client send lag p95 ${percentile(lags, 95).toFixed(1)} ms` : "";
  const errors = `${t.errors} errors${t.firstError ? ` (first: ${t.firstError})` : ""}`;
  return `${latency}, ${(answered / t.seconds).toFixed(0)} requests/s, ${errors}, server CPU ${per(t.user + t.system)} ms per request (system ${per(t.system)})${lag}`;
}
