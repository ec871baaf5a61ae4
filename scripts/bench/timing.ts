import { performance } from "node:perf_hooks";

/**
 * Calls `fn` `runs` times in a row: each call's wall time (ms, in call order) and this process's
 * CPU time per call (ms). On a shared machine wall time also measures the neighbours; CPU time
 * does not (SQLite's work is in this process, PostgreSQL's in its server).
 */
export async function timeCalls(runs: number, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const startedAt = performance.now();
    await fn(i);
    samples.push(performance.now() - startedAt);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { samples, cpuMsPerCall: (cpu.user + cpu.system) / 1000 / runs };
}
