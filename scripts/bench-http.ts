// npm run bench:http -- --load [--clients 50] [--seconds 60] [--certificates 5000] [--only sqlite|postgres]
//   [--port 3520] [--inline-parse]
// A load run through the real server (scripts/start.mjs on the built app): on a fresh database
// (demo data, an admin, an ingest token) `--clients` concurrent clients for `--seconds` on loopback,
// each looping over list pages (signed in) and signing-event ingestion (API token), while one
// upload of `--certificates` certificates runs from the tenth second. Prints requests, errors,
// p95 per kind (pages, events; under load, while the upload ran, and a same-run baseline of one
// client on the idle server, since the machine may be shared) and events lost (accepted with 201
// but not counted in the database afterwards: must be 0). PostgreSQL runs when TEST_POSTGRES_URL
// is set. Exits 1 on any error or lost event.
// --inline-parse sets SIGNET_PARSE_POOL=off in the server, to compare with uploads parsed on the
// request thread.
import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { getAuth } from "../lib/auth/auth";
import { closeDb, createDb, disconnectDb } from "../lib/db/client";
import type { DatabaseFlavour } from "../lib/db/adapters";
import { loadDemoData } from "../lib/services/load-demo-data";
import { availableFlavours, createTestDatabase } from "../lib/testing/databases";
import { createKeyPool, generateBulkLeaves } from "../lib/x509/testing/bulk-leaves";
import { createTestCas } from "../lib/x509/testing/test-ca";
import { countLoadEvents, seedLoadClients } from "./bench/seed-http-load";

const { values } = parseArgs({
  options: {
    load: { type: "boolean", default: false },
    clients: { type: "string", default: "50" },
    seconds: { type: "string", default: "60" },
    certificates: { type: "string", default: "5000" },
    only: { type: "string" },
    port: { type: "string", default: process.env.E2E_BASE_PORT ?? "3520" },
    "inline-parse": { type: "boolean", default: false },
  },
});
if (!values.load) {
  console.error("bench:http: only the load run exists so far: npm run bench:http -- --load");
  process.exit(2);
}
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const CERTIFICATES = Number(values.certificates);
const PORT = Number(values.port);
const UPLOAD_AT_MS = 10_000;
const BASELINE_SECONDS = 10;
const ROOT = path.resolve(import.meta.dirname, "..");
const PASSWORD = "load run passphrase 0427 kestrel";
const PAGES = ["/signers", "/certificates", "/findings", "/keys", "/people", "/"];
const DAY = 86_400_000;

type Sample = { kind: "page" | "event"; startedAt: number; endedAt: number; status: number };

async function certificateFiles(count: number): Promise<{ name: string; der: Uint8Array }[]> {
  const now = Date.now();
  const { intermediate: issuer } = await createTestCas({ key: "P-256", notBefore: new Date(now - 400 * DAY) });
  const keyPool = await createKeyPool(Math.min(500, count), "P-256");
  const files: { name: string; der: Uint8Array }[] = [];
  let i = 0;
  for (const leaf of generateBulkLeaves({
    issuer,
    count,
    keyPool,
    subject: (n) => `CN=load-signer-${n},O=Signet Load,C=US`,
    notBefore: (n) => new Date(now - ((n * 7) % 700) * DAY),
    notAfter: (n) => new Date(now - ((n * 7) % 700) * DAY + 365 * DAY),
  }))
    files.push({ name: `load-${String(i++).padStart(5, "0")}.cer`, der: leaf.der });
  return files;
}

let serverLog = () => "";

function startServer(url: string, env: Record<string, string>): Promise<ChildProcess> {
  const server = spawn(process.execPath, [path.join(ROOT, "scripts/start.mjs")], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: url, PORT: String(PORT), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  server.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  serverLog = () => log;
  return new Promise((resolve, reject) => {
    server.stdout?.on("data", (d: Buffer) => d.toString().includes("listening on") && resolve(server));
    server.on("exit", (code) =>
      reject(new Error(`the server exited (${code}) before listening:\n${log.slice(-2000)}`)),
    );
  });
}

async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null) return;
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
}

const p95 = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
};
const countBy = (xs: Sample[]) => {
  const out: Record<string, number> = {};
  for (const x of xs) out[`${x.kind} ${x.status}`] = (out[`${x.kind} ${x.status}`] ?? 0) + 1;
  return out;
};
const ms = (n: number) => (Number.isNaN(n) ? "—" : `${Math.round(n)} ms`);

async function run(flavour: DatabaseFlavour, files: { name: string; der: Uint8Array }[]) {
  const database = await createTestDatabase(flavour);
  const base = `http://127.0.0.1:${PORT}`;
  const env: Record<string, string> = {
    SIGNET_SECRET: "load-run-secret-".padEnd(48, "x"),
    SIGNET_BASE_URL: base,
    SIGNET_ENV: "local",
    NEXT_TELEMETRY_DISABLED: "1",
    ...(values["inline-parse"] ? { SIGNET_PARSE_POOL: "off" } : {}),
  };
  Object.assign(process.env, env, { DATABASE_URL: database.url });
  delete (globalThis as { __signetAuth?: unknown }).__signetAuth;
  const db = createDb(database.url);
  let server: ChildProcess | undefined;
  try {
    // what the clients read and write: the demo inventory, an admin with a password, an ingest token
    await loadDemoData(db, { now: new Date(), actor: { type: "system", label: "bench:http" } });
    const { user } = await getAuth().api.createUser({
      body: { email: "load@bench.example", password: PASSWORD, name: "Load Admin", role: "admin" },
    });
    const { token, signerIds } = await seedLoadClients(db, user.id);

    server = await startServer(database.url, env);
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: "load@bench.example", password: PASSWORD }),
    });
    if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}`);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");

    let eventNo = 0;
    let eventsAccepted = 0;
    let networkErrors = 0;
    const errorBodies: string[] = [];
    /** `clients` loops of alternating page reads and event posts until `deadline`, into `into` */
    const drive = (clients: number, deadline: number, into: Sample[]) => {
      const client = async (c: number) => {
        for (let i = 0; performance.now() < deadline; i++) {
          const isEvent = (i + c) % 2 === 0;
          const s0 = performance.now();
          try {
            let res: Response;
            if (isEvent) {
              const n = eventNo++;
              res = await fetch(`${base}/api/v1/signing-events`, {
                method: "POST",
                headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
                body: JSON.stringify({
                  eventId: `load-${flavour}-${n}`,
                  signerId: signerIds[n % signerIds.length],
                  artifactName: `load-artifact-${n}.jar`,
                  artifactDigest: `sha256:${n.toString(16).padStart(64, "0")}`,
                  signedAt: new Date(Date.now() - 60_000).toISOString(),
                }),
              });
              if (res.status === 201) eventsAccepted++;
            } else {
              res = await fetch(`${base}${PAGES[(i + c) % PAGES.length]}`, { headers: { cookie }, redirect: "manual" });
            }
            const bytes = await res.arrayBuffer();
            if (res.status >= 400 && errorBodies.length < 3)
              errorBodies.push(`${res.status} ${Buffer.from(bytes).toString("utf8").slice(0, 300)}`);
            into.push({
              kind: isEvent ? "event" : "page",
              startedAt: s0,
              endedAt: performance.now(),
              status: res.status,
            });
          } catch {
            networkErrors++;
          }
        }
      };
      return Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
    };

    // warm up (the first request of each page loads its code), then a same-run baseline: one
    // client on the idle server (the machine may be shared; judge the load figures by the ratio)
    for (const page of PAGES)
      await (await fetch(`${base}${page}`, { headers: { cookie }, redirect: "manual" })).arrayBuffer();
    const idle: Sample[] = [];
    await drive(1, performance.now() + BASELINE_SECONDS * 1000, idle);

    const samples: Sample[] = [];
    const started = performance.now();
    const deadline = started + SECONDS * 1000;

    const upload = (async () => {
      await new Promise((r) => setTimeout(r, UPLOAD_AT_MS));
      const form = new FormData();
      for (const f of files) form.append("file", new Blob([Buffer.from(f.der)]), f.name);
      const u0 = performance.now();
      try {
        const res = await fetch(`${base}/api/v1/certificates`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
          body: form,
        });
        const body = (await res.json()) as { summary?: { certificatesImported?: number }; error?: unknown };
        if (res.status !== 200) console.error(`upload answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
        return {
          status: res.status,
          from: u0,
          to: performance.now(),
          imported: body.summary?.certificatesImported ?? 0,
        };
      } catch (error) {
        console.error(`upload failed: ${String(error)} ${String((error as Error).cause ?? "")}`);
        console.error(`server log:\n${serverLog().slice(-3000)}`);
        return { status: 0, from: u0, to: performance.now(), imported: 0 };
      }
    })();

    await drive(CLIENTS, deadline, samples);
    const up = await upload;
    const stored = await countLoadEvents(db, "load-artifact-");

    const isDuring = (s: Sample) => s.endedAt > up.from && s.startedAt < up.to;
    const lat = (xs: Sample[]) => xs.map((s) => s.endedAt - s.startedAt);
    const ofKind = (xs: Sample[], kind: Sample["kind"]) => xs.filter((s) => s.kind === kind);
    const errorsOf = (xs: Sample[]) => xs.filter((s) => s.status >= 400).length;
    const errors = errorsOf(samples) + networkErrors + (up.status === 200 ? 0 : 1);
    // the clients stop at the deadline; the upload may run on after it
    const elapsed = (Math.max(...samples.map((x) => x.endedAt), deadline) - started) / 1000;
    const kindLine = (kind: Sample["kind"]) => {
      const all = ofKind(samples, kind);
      const base = p95(lat(ofKind(idle, kind)));
      const load = p95(lat(all));
      return (
        `  ${kind === "page" ? "pages " : "events"} ${String(all.length).padStart(6)} requests, ${errorsOf(all)} errors; ` +
        `p95 ${ms(load)} under load (${(load / base).toFixed(1)}× the idle ${ms(base)}), ` +
        `${ms(p95(lat(all.filter(isDuring))))} while the upload ran`
      );
    };
    console.log(
      [
        `${flavour}: ${CLIENTS} clients × ${SECONDS} s, upload parse ${values["inline-parse"] ? "inline (SIGNET_PARSE_POOL=off)" : "on the worker pool"}`,
        `  requests ${samples.length} (${(samples.length / elapsed).toFixed(1)}/s); errors ${errors} (HTTP ≥ 400 ${errorsOf(samples)}, network ${networkErrors}, upload ${up.status === 200 ? 0 : 1})`,
        `  baseline: 1 client × ${BASELINE_SECONDS} s on the idle server, ${idle.length} requests (${(idle.length / BASELINE_SECONDS).toFixed(1)}/s)`,
        kindLine("page"),
        kindLine("event"),
        `  slowest request while the upload ran ${ms(Math.max(0, ...lat(samples.filter(isDuring))))}`,
        `  upload of ${files.length} certificates: ${up.status}, ${up.imported} imported in ${((up.to - up.from) / 1000).toFixed(1)} s`,
        `  events accepted ${eventsAccepted}, stored ${stored}, lost ${eventsAccepted - stored}`,
        ...(errorsOf(samples) > 0
          ? [
              `  error statuses ${JSON.stringify(countBy(samples.filter((x) => x.status >= 400)))}`,
              `  first error answers:\n    ${errorBodies.join("\n    ")}`,
              `  server log (errors):\n${serverLog()
                .split("\n")
                .filter((l) => /error|fail/i.test(l))
                .slice(0, 8)
                .join("\n")}`,
            ]
          : []),
      ].join("\n"),
    );
    return eventsAccepted - stored === 0 && errors === 0;
  } finally {
    if (server) await stopServer(server);
    await closeDb(db);
    await disconnectDb();
    await database.cleanup();
  }
}

const flavours = availableFlavours().filter((f) => !values.only || f === values.only);
const files = await certificateFiles(CERTIFICATES);
let ok = true;
for (const flavour of flavours) ok = (await run(flavour, files)) && ok;
process.exit(ok ? 0 : 1);
