// Runs mutated artifacts through one reader inside a worker whose heap is capped by the parent
// (resourceLimits), so an unbounded allocation ends the worker instead of passing unnoticed.
import "reflect-metadata";
import { parentPort, workerData } from "node:worker_threads";
import { forgetLoadedKeys } from "./cms";
import { READERS } from "./readers";
import type { ReadContext } from "./types";

export interface FuzzSample {
  name: string;
  bytes: Uint8Array;
  context?: ReadContext;
}

export interface FuzzJob {
  samples: FuzzSample[];
  cases: number;
  seed: number;
  /**
   * a case that costs more CPU than this is read again (twice at most) and keeps its cheapest
   * run: process CPU also counts the garbage collector's helper threads, so one read can show a
   * collection it did not cause; a reader that really is slow on a case is slow every time
   */
  recheckAboveCpuMs?: number;
}

export interface FuzzReport {
  cases: number;
  outcomes: Record<string, number>;
  /** cases the reader threw on (a reader bug: readers return malformed), first few */
  threw: { seed: number; caseIndex: number; message: string }[];
  maxWallMs: number;
  maxCpuMs: number;
  /** CPU of reading the dearest valid sample (cheapest of five reads): this machine's speed now */
  baselineCpuMs: number;
  /** CPU time of all cases together (process-wide: the parent thread idles meanwhile) */
  totalCpuMs: number;
  /** slowest case by CPU, to reproduce */
  slowest: { caseIndex: number; cpuMs: number; wallMs: number };
  peakHeapMb: number;
  totalMs: number;
}

/** xorshift32: the same seed gives the same mutations, so a failing case can be replayed. */
function random(seed: number) {
  let x = seed >>> 0 || 0x9e3779b9;
  return (n: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return n <= 0 ? 0 : x % n;
  };
}

const INTERESTING = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0xffffffff, 0x80000000];

/** One to four mutations: bit flips, byte overwrites, 32-bit lengths, inserts, deletes, cuts, copies. */
export function mutate(input: Uint8Array, rnd: (n: number) => number): Uint8Array {
  let b = input.slice();
  const rounds = 1 + rnd(4);
  for (let r = 0; r < rounds && b.length > 0; r++) {
    const at = rnd(b.length);
    switch (rnd(8)) {
      case 0:
        b[at] ^= 1 << rnd(8);
        break;
      case 1:
        for (let i = 0; i < 1 + rnd(8) && at + i < b.length; i++) b[at + i] = rnd(256);
        break;
      case 2: {
        const v = INTERESTING[rnd(INTERESTING.length)];
        if (at + 4 <= b.length) new DataView(b.buffer).setUint32(at, v, rnd(2) === 0);
        break;
      }
      case 3: {
        const insert = Uint8Array.from({ length: 1 + rnd(16) }, () => rnd(256));
        b = Uint8Array.from([...b.subarray(0, at), ...insert, ...b.subarray(at)]);
        break;
      }
      case 4:
        b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(Math.min(b.length, at + 1 + rnd(64)))]);
        break;
      case 5:
        b = b.slice(0, at);
        break;
      case 6: {
        const from = rnd(b.length);
        const length = Math.min(1 + rnd(32), b.length - from, b.length - at);
        b.copyWithin(at, from, from + length);
        break;
      }
      default:
        // DER-ish length bytes: long-form markers where lengths live
        b[at] = [0x80, 0x81, 0x82, 0x83, 0x84, 0x00][rnd(6)];
    }
  }
  return b;
}

const BASE64 = /^[A-Za-z0-9+/=_-]{8,}$/;
const JSON_INTERESTING: unknown[] = [null, 0, -1, 2 ** 53, 1e308, "", "x", true, [], {}, "9".repeat(400), [[[[[]]]]]];
type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/**
 * Structure-aware mutation of a JSON document (Sigstore bundles): byte mutations of JSON text
 * mostly end at the parser, so this changes one to three values instead: the bytes behind a base64
 * value (certificates, signatures, log proofs), a value's type or size, a deleted key, or a value
 * copied from elsewhere in the document.
 */
export function mutateJson(input: Uint8Array, rnd: (n: number) => number): Uint8Array {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(input));
  } catch {
    return mutate(input, rnd);
  }
  const slots: Slot[] = [];
  const walk = (value: unknown) => {
    if (value === null || typeof value !== "object") return;
    for (const key of Object.keys(value)) {
      const parent = value as Record<string, unknown>;
      slots.push({ parent, key: Array.isArray(value) ? Number(key) : key });
      walk(parent[key]);
    }
  };
  walk(doc);
  if (slots.length === 0) return mutate(input, rnd);
  const rounds = 1 + rnd(3);
  for (let r = 0; r < rounds; r++) {
    const { parent, key } = slots[rnd(slots.length)];
    const target = parent as Record<string | number, unknown>;
    const value = target[key];
    switch (rnd(4)) {
      case 0:
        if (typeof value === "string" && BASE64.test(value))
          target[key] = Buffer.from(mutate(new Uint8Array(Buffer.from(value, "base64")), rnd)).toString("base64");
        else if (typeof value === "string")
          target[key] = new TextDecoder().decode(mutate(new TextEncoder().encode(value), rnd));
        else target[key] = JSON_INTERESTING[rnd(JSON_INTERESTING.length)];
        break;
      case 1:
        target[key] = JSON_INTERESTING[rnd(JSON_INTERESTING.length)];
        break;
      case 2:
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete target[key];
        break;
      default: {
        const other = slots[rnd(slots.length)];
        // a copy: the value may be an ancestor of this slot
        target[key] = structuredClone((other.parent as Record<string | number, unknown>)[other.key]);
      }
    }
  }
  return new TextEncoder().encode(JSON.stringify(doc));
}

async function run(job: FuzzJob): Promise<FuzzReport> {
  const report: FuzzReport = {
    cases: 0,
    outcomes: {},
    threw: [],
    maxWallMs: 0,
    maxCpuMs: 0,
    baselineCpuMs: 0,
    totalCpuMs: 0,
    slowest: { caseIndex: -1, cpuMs: 0, wallMs: 0 },
    peakHeapMb: 0,
    totalMs: 0,
  };
  // warm-up, not counted: the first reads pay for JIT compilation and lazy module set-up; the
  // last rounds also give the baseline, the dearest unmutated sample's cheapest read
  const cheapest = job.samples.map(() => Infinity);
  for (let round = 0; round < 8; round++)
    for (const [n, sample] of job.samples.entries()) {
      const { cpuMs, error } = await measured(sample, sample.bytes);
      // a valid sample the reader throws on is a bug too (and would make a meaningless baseline)
      if (error !== undefined) throw error;
      if (round >= 3) cheapest[n] = Math.min(cheapest[n], cpuMs);
    }
  report.baselineCpuMs = Math.max(...cheapest);
  const started = performance.now();
  for (let i = 0; i < job.cases; i++) {
    const rnd = random(job.seed + i * 2654435761);
    const sample = job.samples[i % job.samples.length];
    // JSON samples: every other case changes values rather than bytes
    const bytes =
      sample.name.endsWith(".json") && i % 2 === 1 ? mutateJson(sample.bytes, rnd) : mutate(sample.bytes, rnd);
    const first = await measured(sample, bytes);
    let { cpuMs, wallMs } = first;
    const runs = [first];
    // a rerun starts cold (no key cached from the first read), so an input that is expensive to
    // load stays expensive; the rerun's CPU counts toward the reader's total too
    for (let again = 0; again < 2 && job.recheckAboveCpuMs !== undefined && cpuMs > job.recheckAboveCpuMs; again++) {
      forgetLoadedKeys();
      const rerun = await measured(sample, bytes);
      runs.push(rerun);
      report.totalCpuMs += rerun.cpuMs;
      if (rerun.cpuMs < cpuMs) ({ cpuMs, wallMs } = rerun);
    }
    const { kind } = first;
    const thrown = runs.find((r) => r.error !== undefined);
    if (thrown && report.threw.length < 5)
      report.threw.push({
        seed: job.seed,
        caseIndex: i,
        message: thrown.error instanceof Error ? (thrown.error.stack ?? thrown.error.message) : String(thrown.error),
      });
    report.totalCpuMs += cpuMs;
    report.outcomes[kind] = (report.outcomes[kind] ?? 0) + 1;
    report.maxWallMs = Math.max(report.maxWallMs, wallMs);
    if (cpuMs > report.maxCpuMs) {
      report.maxCpuMs = cpuMs;
      report.slowest = { caseIndex: i, cpuMs, wallMs };
    }
    if (i % 256 === 0) report.peakHeapMb = Math.max(report.peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20);
    report.cases++;
  }
  report.totalMs = performance.now() - started;
  return report;
}

/** One read of a case with its CPU and wall time; a throw is kept as `error` (kind "threw"). */
async function measured(sample: FuzzSample, bytes: Uint8Array) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  let kind: string;
  let error: unknown;
  try {
    kind = await readOne(sample.name, bytes, sample.context);
  } catch (e) {
    kind = "threw";
    error = e ?? new Error("threw undefined");
  }
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { kind, error, cpuMs: (used.user + used.system) / 1000, wallMs };
}

async function readOne(name: string, bytes: Uint8Array, context: ReadContext = {}) {
  const reader = READERS.find((r) => r.recognises(name, bytes.subarray(0, 4096)));
  return reader ? (await reader.read(name, bytes, context)).kind : "unrecognised";
}

parentPort?.postMessage(await run(workerData as FuzzJob));
