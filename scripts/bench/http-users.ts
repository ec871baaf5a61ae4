import os from "node:os";
import { performance } from "node:perf_hooks";
import { getAuth } from "../../lib/auth/auth";
import { closeDb, createDb, disconnectDb } from "../../lib/db/client";
import { linkUserToPerson } from "../../lib/db/users/users";
import { memoryMiB, serverEnv, signInCookie, startServer, stopServer, type BenchServer } from "./http-server";
import { cpuTimes, percentile } from "./pipelines";
import { migrateAndSeedCached, settleAsServed, withBenchDatabases } from "./seed-inventory";
import { seedHttpUsers, type HttpUsersFixture } from "./seed-http-users";

// The users run of bench:http (scripts/bench-http.ts): the built server on a seeded bench inventory,
// driven by signed-in people, API readers and a pipeline, each a closed loop; latency per page and
// per API route against the issue's targets.

export type UsersRunOptions = {
  certificates: number;
  signers: number;
  clients: number;
  seconds: number;
  warmUpSeconds: number;
  thinkMs: number;
  only: string;
  port: number;
};

const PASSWORD = "load run passphrase 0427 kestrel";
const PAGE_TARGET_MS = 300;
const API_TARGET_MS = 150;
const ALONE_PASSES = 3;

type Kind = "page" | "api" | "ingest";
/** One request a client makes: `label` groups the figures (ids and search terms left out). */
type Call = { kind: Kind; label: string; path: (i: number) => string; auth: string; method?: "POST" };
type Sample = { label: string; kind: Kind; ms: number; status: number };

const nth = <T>(xs: readonly T[], i: number) => xs[i % xs.length];

/** What each sort of user does, in turn: the security team, an owner, an API reader. */
function callsOf(f: HttpUsersFixture, certificates: number) {
  const search = (i: number) => `build-${(i * 7919) % certificates}`;
  const security: Call[] = [
    ...["/", "/signers", "/certificates", "/findings", "/keys", "/owners"].map((p) => ({
      kind: "page" as const,
      label: `security ${p}`,
      path: () => p,
      auth: "admin",
    })),
    { kind: "page", label: "security /signers/[id]", path: (i) => `/signers/${nth(f.signerIds, i)}`, auth: "admin" },
    {
      kind: "page",
      label: "security /certificates/[id]",
      path: (i) => `/certificates/${nth(f.certificateIds, i)}`,
      auth: "admin",
    },
    {
      kind: "page",
      label: "security /certificates?q= (search)",
      path: (i) => `/certificates?q=${search(i)}`,
      auth: "admin",
    },
  ];
  const owner = (who: "small" | "lead"): Call[] => {
    const o = who === "small" ? f.smallOwner : f.lead;
    const auth = `owner-${who}`;
    return [
      ...["/", "/signers", "/certificates", "/findings"].map((p) => ({
        kind: "page" as const,
        label: `owner(${who}) ${p}`,
        path: () => p,
        auth,
      })),
      { kind: "page", label: `owner(${who}) /signers/[id]`, path: (i) => `/signers/${nth(o.signerIds, i)}`, auth },
      ...["/api/v1/overview", "/api/v1/signers", "/api/v1/certificates"].map((p) => ({
        kind: "api" as const,
        label: `owner(${who}) GET ${p}`,
        path: () => p,
        auth,
      })),
    ];
  };
  const reader: Call[] = [
    ...["overview", "signers", "certificates", "findings", "keys", "people", "owners"].map((r) => ({
      kind: "api" as const,
      label: `token GET /api/v1/${r}`,
      path: () => `/api/v1/${r}`,
      auth: "read",
    })),
    {
      kind: "api",
      label: "token GET /api/v1/signers/[id]",
      path: (i) => `/api/v1/signers/${nth(f.signerIds, i)}`,
      auth: "read",
    },
    {
      kind: "api",
      label: "token GET /api/v1/certificates/[id]",
      path: (i) => `/api/v1/certificates/${nth(f.certificateIds, i)}`,
      auth: "read",
    },
    {
      kind: "api",
      label: "token GET /api/v1/certificates?q= (search)",
      path: (i) => `/api/v1/certificates?q=${search(i)}`,
      auth: "read",
    },
  ];
  const pipeline: Call[] = [
    {
      kind: "ingest",
      label: "pipeline POST /api/v1/signing-events",
      path: () => "/api/v1/signing-events",
      auth: "ingest",
      method: "POST",
    },
  ];
  // ten users: four of the security team, two small owners, two team leads, two API readers
  const users = [security, owner("small"), reader, security, owner("lead")];
  return { users, pipeline };
}

async function runOne(flavour: "sqlite" | "postgres", url: string, o: UsersRunOptions): Promise<boolean> {
  const t0 = performance.now();
  const seeded = await migrateAndSeedCached(flavour, url, {
    now: new Date(),
    certificates: o.certificates,
    signers: o.signers,
    isCacheUsed: true,
  });
  const base = `http://127.0.0.1:${o.port}`;
  const env = serverEnv(base, { SIGNET_JOBS: "off" });
  // the accounts are made in this process through the same auth library the server uses
  Object.assign(process.env, env, { DATABASE_URL: url });
  delete (globalThis as { __signetAuth?: unknown }).__signetAuth;
  const db = createDb(url);
  let server: BenchServer | undefined;
  try {
    await settleAsServed(db, flavour);
    const account = async (email: string, name: string, role: "admin" | "owner") => {
      const { user } = await getAuth().api.createUser({ body: { email, password: PASSWORD, name, role } });
      await linkUserToPerson(db, user.id, email);
      return user.id;
    };
    const adminId = await account("security@bench.example", "Security Admin", "admin");
    const f = await seedHttpUsers(db, adminId, o);
    await account(f.smallOwner.email, "Small Owner", "owner");
    await account(f.lead.email, "Team Lead", "owner");
    const setupSeconds = (performance.now() - t0) / 1000;

    server = await startServer(url, o.port, env);
    const pid = server.child.pid;
    const headers: Record<string, Record<string, string>> = {
      admin: { cookie: await signInCookie(base, "security@bench.example", PASSWORD) },
      "owner-small": { cookie: await signInCookie(base, f.smallOwner.email, PASSWORD) },
      "owner-lead": { cookie: await signInCookie(base, f.lead.email, PASSWORD) },
      read: { authorization: `Bearer ${f.readToken}` },
      ingest: { authorization: `Bearer ${f.ingestToken}`, "content-type": "application/json" },
    };
    const { users, pipeline } = callsOf(f, o.certificates);
    let eventNo = 0;
    let networkErrors = 0;
    const errorAnswers: string[] = [];
    const send = async (call: Call, i: number, into: Sample[] | null) => {
      const n = call.method === "POST" ? eventNo++ : 0;
      const body =
        call.method === "POST"
          ? JSON.stringify({
              eventId: `bench-http-${flavour}-${Date.now()}-${n}`,
              signerId: nth(f.signerIds, n),
              artifactName: `bench-http-${n}.jar`,
              artifactDigest: `sha256:${n.toString(16).padStart(64, "0")}`,
              signedAt: new Date(Date.now() - 60_000).toISOString(),
            })
          : undefined;
      const s0 = performance.now();
      try {
        const res = await fetch(`${base}${call.path(i)}`, {
          method: call.method ?? "GET",
          headers: headers[call.auth],
          body,
          redirect: "manual",
        });
        const bytes = await res.arrayBuffer();
        const ms = performance.now() - s0;
        // a page that redirects (to sign-in) failed as much as one that answers 500
        if (res.status >= 300 && errorAnswers.length < 5)
          errorAnswers.push(`${call.label} ${res.status} ${Buffer.from(bytes).toString("utf8").slice(0, 200)}`);
        into?.push({ label: call.label, kind: call.kind, ms, status: res.status });
      } catch (error) {
        networkErrors++;
        if (errorAnswers.length < 5) errorAnswers.push(`${call.label}: ${String(error)}`);
      }
    };
    const drive = (deadline: number, into: Sample[] | null) => {
      // think times drawn from 0.5–1.5 × --think-ms, from a random start: equal pauses keep the
      // users in step, and they would arrive as one burst after each pause
      const think = (scale: number) =>
        o.thinkMs > 0 && new Promise((r) => setTimeout(r, o.thinkMs * scale * (0.5 + Math.random())));
      const loop = async (calls: Call[], c: number) => {
        await think(Math.random());
        for (let i = c; performance.now() < deadline; i++) {
          await send(calls[i % calls.length], Math.floor(i / calls.length) + c, into);
          await think(1);
        }
      };
      return Promise.all([...Array.from({ length: o.clients }, (_, c) => loop(nth(users, c), c)), loop(pipeline, 0)]);
    };

    // warm-up: every call once (the first request of a page loads its code), then the mix unmeasured
    for (const calls of [...users, pipeline]) for (const [k, call] of calls.entries()) await send(call, k, null);
    await drive(performance.now() + o.warmUpSeconds * 1000, null);
    networkErrors = 0;
    errorAnswers.length = 0;
    // each call alone on the warm server, three times: what the same request costs without the
    // queue behind the other users (the machine may be shared: judge the run by the ratio)
    const alone: Sample[] = [];
    for (let pass = 0; pass < ALONE_PASSES; pass++)
      for (const calls of new Set([...users, pipeline]))
        for (const [k, call] of calls.entries()) await send(call, pass * 7 + k, alone);

    const samples: Sample[] = [];
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, memoryMiB(pid, "VmRSS") ?? 0)), 500);
    const cpu0 = cpuTimes(pid);
    const started = performance.now();
    await drive(started + o.seconds * 1000, samples);
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const cpu1 = cpuTimes(pid);
    const load = os.loadavg();
    const hwm = memoryMiB(pid, "VmHWM");

    const rows = [...new Set(samples.map((s) => s.label))].map((label) => {
      const xs = samples.filter((s) => s.label === label);
      const times = xs.map((s) => s.ms).sort((a, b) => a - b);
      const kind = xs[0].kind;
      const target = kind === "page" ? PAGE_TARGET_MS : kind === "api" ? API_TARGET_MS : null;
      const p95 = percentile(times, 95);
      const idle = alone
        .filter((s) => s.label === label)
        .map((s) => s.ms)
        .sort((a, b) => a - b);
      return {
        label,
        kind,
        line:
          `  ${label.padEnd(46)} ${String(xs.length).padStart(5)} ${String(xs.filter((s) => s.status >= 300).length).padStart(4)}` +
          `  p50 ${percentile(times, 50).toFixed(0).padStart(5)}  p95 ${p95.toFixed(0).padStart(5)}  max ${times[times.length - 1].toFixed(0).padStart(5)} ms` +
          `  alone ${idle.length ? percentile(idle, 50).toFixed(0).padStart(4) : "   —"} ms` +
          (target === null ? "" : p95 <= target ? `  ok (≤ ${target})` : `  OVER (target ≤ ${target})`),
        isOver: target !== null && p95 > target,
      };
    });
    const order: Kind[] = ["page", "api", "ingest"];
    rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.label.localeCompare(b.label));
    const httpErrors = [...alone, ...samples].filter((s) => s.status >= 300).length;
    const errors = httpErrors + networkErrors;
    const cpuMs = cpu0 && cpu1 ? ((cpu1.user + cpu1.system - cpu0.user - cpu0.system) * 1000) / samples.length : NaN;
    console.log(
      [
        `\n=== ${flavour}: ${o.certificates.toLocaleString("en")} certificates, ${o.signers.toLocaleString("en")} signers ` +
          `(${seeded.isFromCache ? "seed from cache" : "seeded"}, set up in ${setupSeconds.toFixed(0)} s) ===`,
        `  ${o.clients} users + 1 pipeline, closed loops${o.thinkMs ? ` with ${o.thinkMs} ms think time (0.5–1.5×)` : ""}, ` +
          `${o.seconds} s after ${o.warmUpSeconds} s of warm-up: ${samples.length} requests (${(samples.length / elapsed).toFixed(1)}/s), ` +
          `server CPU ${cpuMs.toFixed(1)} ms per request`,
        `  ${"".padEnd(46)} count  err`,
        ...rows.map((r) => r.line),
        `  errors ${errors} (HTTP ≥ 300 ${httpErrors}, network ${networkErrors}); targets missed ${rows.filter((r) => r.isOver).length} of ${rows.filter((r) => r.kind !== "ingest").length}`,
        `  server RSS peak ${hwm?.toFixed(0) ?? "?"} MiB (VmHWM, whole life), ${peakRss.toFixed(0)} MiB sampled during the run; ` +
          `load average ${load.map((l) => l.toFixed(1)).join(" ")} on ${os.availableParallelism()} cores`,
        ...(errorAnswers.length ? [`  first errors:\n    ${errorAnswers.join("\n    ")}`] : []),
      ].join("\n"),
    );
    return errors === 0;
  } finally {
    if (server) await stopServer(server);
    await closeDb(db);
    await disconnectDb();
  }
}

/** The users run on each database (`only`: sqlite or postgres); false when any request failed. */
export async function runUsers(o: UsersRunOptions): Promise<boolean> {
  let ok = true;
  await withBenchDatabases(o.only, "bench:http", async (flavour, url) => {
    ok = (await runOne(flavour, url, o)) && ok;
  });
  return ok;
}
