import { performance } from "node:perf_hooks";
import { getAuth } from "../../lib/auth/auth";
import { closeDb, createDb, disconnectDb } from "../../lib/db/client";
import type { DatabaseFlavour } from "../../lib/db/adapters";
import { loadDemoData } from "../../lib/services/load-demo-data";
import { availableFlavours, createTestDatabase } from "../../lib/testing/databases";
import { createKeyPool, generateBulkLeaves } from "../../lib/x509/testing/bulk-leaves";
import { createTestCas } from "../../lib/x509/testing/test-ca";
import { serverEnv, signInCookie, startServer, stopServer, type BenchServer } from "./http-server";
import { countLoadEvents, seedLoadClients } from "./seed-http-load";

// The load run of bench:http (scripts/bench-http.ts --load): demo data, clients reading pages and
// posting signing events while one upload runs.

export type LoadRunOptions = {
  clients: number;
  seconds: number;
  certificates: number;
  only: string;
  port: number;
  isParseInline: boolean;
};

const UPLOAD_AT_MS = 10_000;
const BASELINE_SECONDS = 10;
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

async function run(flavour: DatabaseFlavour, files: { name: string; der: Uint8Array }[], o: LoadRunOptions) {
  const database = await createTestDatabase(flavour);
  const base = `http://127.0.0.1:${o.port}`;
  const env = serverEnv(base, o.isParseInline ? { SIGNET_PARSE_POOL: "off" } : {});
  Object.assign(process.env, env, { DATABASE_URL: database.url });
  delete (globalThis as { __signetAuth?: unknown }).__signetAuth;
  const db = createDb(database.url);
  let server: BenchServer | undefined;
  try {
    // what the clients read and write: the demo inventory, an admin with a password, an ingest token
    await loadDemoData(db, { now: new Date(), actor: { type: "system", label: "bench:http" } });
    const { user } = await getAuth().api.createUser({
      body: { email: "load@bench.example", password: PASSWORD, name: "Load Admin", role: "admin" },
    });
    const { token, signerIds } = await seedLoadClients(db, user.id);

    server = await startServer(database.url, o.port, env);
    const cookie = await signInCookie(base, "load@bench.example", PASSWORD);

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
    const deadline = started + o.seconds * 1000;

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
        console.error(`server log:\n${server?.log().slice(-3000)}`);
        return { status: 0, from: u0, to: performance.now(), imported: 0 };
      }
    })();

    await drive(o.clients, deadline, samples);
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
        `${flavour}: ${o.clients} clients × ${o.seconds} s, upload parse ${o.isParseInline ? "inline (SIGNET_PARSE_POOL=off)" : "on the worker pool"}`,
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
              `  server log (errors):\n${server
                ?.log()
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

/** The load run on each database with a test database (`only`: sqlite or postgres); false on any error or lost event. */
export async function runLoad(o: LoadRunOptions): Promise<boolean> {
  const flavours = availableFlavours().filter((f) => !o.only || f === o.only);
  const files = await certificateFiles(o.certificates);
  let ok = true;
  for (const flavour of flavours) ok = (await run(flavour, files, o)) && ok;
  return ok;
}
