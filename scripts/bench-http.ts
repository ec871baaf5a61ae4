// npm run bench:http [-- --certificates 250000] [--signers N] [--clients 10] [--seconds 60] [--warm-up 10]
//   [--think-ms 0] [--only sqlite|postgres] [--port 3520]
// The users run (issue 18: measured as users feel it): the built server (scripts/start.mjs,
// SIGNET_JOBS=off) on the bench inventory of scripts/bench/seed-inventory.ts (`--certificates`,
// default 250,000, and `--signers`, default a tenth of them; the SQLite seed is cached between runs,
// PostgreSQL is seeded afresh into a database created and dropped on TEST_POSTGRES_URL's server, or
// 127.0.0.1:5432, and ANALYZEd). `--clients` users (default 10: four of the security team, two
// small owners with about five signers, two team leads owning one signer in twelve, two API
// readers with a read token), each a closed loop (the next request leaves when the previous answer
// arrived, or after a think time of 0.5–1.5 × `--think-ms`), plus one pipeline posting signing
// events with an ingest token. The security team loads /, /signers, /certificates, /findings, /keys, /owners, a signer, a
// certificate and a search; owners their overview, lists, a signer of theirs and the API calls of
// their pages; readers GET /api/v1 lists, details and a search. After a warm-up (every call once,
// then `--warm-up` seconds of the mix, then each call alone three times: its p50 printed as
// `alone`), `--seconds` of measurement: per page and per API route count, errors, p50/p95/max
// against the targets (page p95 ≤ 300 ms, API read ≤ 150 ms), the
// server's CPU per request and its RSS (peak VmHWM, and VmRSS sampled during the run). A closed
// loop keeps the server busy: latency there includes the queue behind the other users' requests.
// Exits 1 on any error (HTTP ≥ 300, network).
//
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
//
// Build first (the server serves .next): node -e "import('./scripts/build-if-needed.mjs').then(m=>m.buildIfNeeded())"
import "reflect-metadata";
import { parseArgs } from "node:util";
import { runLoad } from "./bench/http-load";
import { runUsers } from "./bench/http-users";

const { values } = parseArgs({
  options: {
    load: { type: "boolean", default: false },
    clients: { type: "string" },
    seconds: { type: "string", default: "60" },
    certificates: { type: "string" },
    signers: { type: "string" },
    "warm-up": { type: "string", default: "10" },
    "think-ms": { type: "string", default: "0" },
    only: { type: "string", default: "" },
    port: { type: "string", default: process.env.E2E_BASE_PORT ?? "3520" },
    "inline-parse": { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const port = Number(values.port);
let ok: boolean;
if (values.load) {
  ok = await runLoad({
    clients: Number(values.clients ?? 50),
    seconds,
    certificates: Number(values.certificates ?? 5000),
    only: values.only,
    port,
    isParseInline: values["inline-parse"],
  });
} else {
  const certificates = Number(values.certificates ?? 250_000);
  ok = await runUsers({
    certificates,
    signers: Number(values.signers ?? Math.round(certificates / 10)),
    clients: Number(values.clients ?? 10),
    seconds,
    warmUpSeconds: Number(values["warm-up"]),
    thinkMs: Number(values["think-ms"]),
    only: values.only,
    port,
  });
}
process.exit(ok ? 0 : 1);
