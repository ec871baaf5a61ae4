// Schema-aware fuzzing of every JSON endpoint under app/api/v1: cases derived from each route's
// own zod schemas (route() keeps them on the handler), sent through the real route() wrapper on
// SQLite and PostgreSQL. Holds: no 5xx, and after every 4xx the database's row counts are as before.
// SIGNET_FUZZ_RUNS cases per endpoint (npm run test:security: 1,000; the suite's default: 15, to keep CI short).
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { z } from "@/lib/domain/zod";
import { importJson } from "@/app/api/v1/certificates/route";
import type { RouteOptions } from "@/lib/api/handler";
import { describeRoute, sessionRequest, tokenRequest } from "@/lib/api/testing/route-test";
import { arbitraryFor, hostileValue, queryArbitraryFor } from "@/lib/api/testing/zod-arbitrary";
import type { Db } from "@/lib/db/client";
import { signerCreateSchema } from "@/lib/domain/signer-input";
import { TOKEN_SCOPES } from "@/lib/domain/token-scopes";
import { listJobs } from "@/lib/jobs/registry";
import { loadDemoData } from "@/lib/services/load-demo-data";

const RUNS = Number(process.env.SIGNET_FUZZ_RUNS ?? 15);
/** Public handlers that read nothing from the request (no body, query or id), so nothing to fuzz. */
const INPUTLESS = new Set(["GET /api/v1/openapi.json"]);

/** A hostile value as query text; objects without a prototype have no toString. */
function asText(v: unknown): string {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}
const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

type Handler = ((req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  options?: RouteOptions<z.ZodType | undefined, z.ZodType | undefined>;
};
type Endpoint = { method: string; pattern: string; handler: Handler; body?: z.ZodType; query?: z.ZodType };

// Handlers that read their body themselves (multipart or JSON): the JSON form they accept.
const SELF_PARSED: Record<string, z.ZodType> = {
  "POST /api/v1/certificates": importJson,
  "POST /api/v1/signers/import": z.array(signerCreateSchema),
  // multipart only: any JSON body is refused with 415
  "POST /api/v1/scans": z.object({}),
};

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

const endpoints: Endpoint[] = [];
for (const file of routeFiles(API_DIR).sort()) {
  const pattern = `/api/v1${path
    .dirname(path.relative(API_DIR, file))
    .replace(/^\.$/, "")
    .replace(/^(?=.)/, "/")}`;
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
    const handler = mod[method];
    if (!handler) continue;
    const body = handler.options?.body ?? SELF_PARSED[`${method} ${pattern}`];
    endpoints.push({ method, pattern, handler, body, query: handler.options?.query });
  }
}

it("every /api/v1 handler goes through route(), so its schemas are known to this test", () => {
  const bare = endpoints
    .filter((e) => !e.handler.options && !INPUTLESS.has(`${e.method} ${e.pattern}`))
    .map((e) => `${e.method} ${e.pattern}`);
  expect(bare).toEqual([]);
  // a handler reading its own body must say here what JSON it accepts
  for (const file of routeFiles(API_DIR)) {
    if (
      !/req\.(json|text|formData|body|arrayBuffer)\b|readBodyCapped|readFile\(req\)/.test(fs.readFileSync(file, "utf8"))
    )
      continue;
    const pattern = `/api/v1/${path.dirname(path.relative(API_DIR, file))}`;
    expect(
      Object.keys(SELF_PARSED).some((k) => k.endsWith(` ${pattern}`)),
      pattern,
    ).toBe(true);
  }
});

/** One query for every table's row count. */
async function rowCounts(db: Db, flavour: string): Promise<Record<string, number>> {
  const tables = (
    flavour === "postgres"
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()",
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
  )
    .map((t) => t.name)
    .filter((n) => n !== "_prisma_migrations");
  const sql = `SELECT ${tables.map((t, i) => `(SELECT COUNT(*) FROM "${t}") AS c${i}`).join(", ")}`;
  const [row] = await db.$queryRawUnsafe<Record<string, bigint | number>[]>(sql);
  return Object.fromEntries(tables.map((t, i) => [t, Number(row[`c${i}`])]));
}

describeRoute("schema-aware fuzzing of the API", (route) => {
  let db: Db;
  let token: string;
  let cookie: string;
  let ids: Record<string, string[]>;
  let counts: Record<string, number>;

  beforeAll(async () => {
    db = route.db();
    const signedIn = await route.seedSignedInUser("admin", "fuzzer@route-test.example");
    cookie = signedIn.cookie;
    ({ fuzzer: token } = await route.seedApiTokens({
      fuzzer: { scope: TOKEN_SCOPES.join(" ") as `read ${string}` },
      victim: { scope: "read" },
    }));
    await loadDemoData(db, { now: new Date(), actor: { type: "system", label: "fuzz test" } });
    for (const role of ["analyst", "owner", "auditor", "admin"] as const) await route.seedSignedInUser(role);
    const pick = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id).slice(0, 5);
    // ids a case may name: real ones (so validation past "not found" runs) and made-up ones; never
    // the fuzzer's own user or token, which a valid case could otherwise disable or revoke
    ids = {
      signers: await pick(db.signer.findMany({ select: { id: true } })),
      people: await pick(db.person.findMany({ select: { id: true } })),
      certificates: await pick(db.certificate.findMany({ select: { id: true } })),
      findings: await pick(db.finding.findMany({ select: { id: true } })),
      attestations: await pick(db.attestation.findMany({ select: { id: true } })),
      campaigns: await pick(db.attestationCampaign.findMany({ select: { id: true } })),
      "change-requests": await pick(db.changeRequest.findMany({ select: { id: true } })),
      outbox: await pick(db.outboxMessage.findMany({ select: { id: true } })),
      keys: await pick(db.signingKey.findMany({ select: { id: true } })),
      tokens: await pick(db.apiToken.findMany({ where: { name: { not: "fuzzer" } }, select: { id: true } })),
      users: await pick(db.user.findMany({ where: { id: { not: signedIn.id } }, select: { id: true } })),
      jobs: listJobs().map((j) => j.name),
      exports: ["certificates", "keys", "findings", "owners", "audit"],
    };
    counts = await rowCounts(db, route.database.flavour);
    // the demo load alone takes ~40 s on PostgreSQL on a quiet machine; several times that beside other work
  }, 900_000);

  const paramArbitrary = (pattern: string) => {
    const segments = [...pattern.matchAll(/([\w-]+)\/\[(\w+)\]/g)];
    return fc.record(
      Object.fromEntries(
        segments.map(([, parent, name]) => [
          name,
          fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...(ids[parent]?.length ? ids[parent] : ["none"])) },
            {
              weight: 1,
              arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("..", "%2e%2e", "0", "x".repeat(5000))),
            },
          ),
        ]),
      ),
    );
  };

  // raw bodies no schema describes: not JSON, the wrong type, or nothing at all
  const rawBody = fc.constantFrom(
    { body: "{", contentType: "application/json" },
    { body: '{"a":1}', contentType: "text/plain" },
    { body: "\ufeff{}", contentType: "application/json" },
    { body: "", contentType: "application/json" },
    { body: "null", contentType: "application/json" },
    { body: "[]", contentType: "application/json; charset=utf-16" },
    { body: "x".repeat(1024 * 1024 + 1), contentType: "application/json" },
  );

  for (const e of endpoints.filter((x) => x.body || x.query || x.pattern.includes("["))) {
    const name = `${e.method} ${e.pattern}`;
    it(`${name}: ${RUNS} cases, no 5xx, no rows written by a refusal`, { timeout: 0 }, async () => {
      const viaToken = Boolean(e.handler.options?.tokenScopes?.length);
      const body = e.body
        ? fc.oneof(
            {
              weight: 12,
              arbitrary: arbitraryFor(e.body).map((v) => ({
                body: JSON.stringify(v) ?? "",
                contentType: "application/json",
              })),
            },
            { weight: 1, arbitrary: rawBody },
          )
        : fc.constant(undefined);
      const query = e.query ? queryArbitraryFor(e.query) : fc.constant("");
      const extraQuery = fc.option(
        hostileValue.map((v) => `x=${encodeURIComponent(asText(v))}`),
        { freq: 10 },
      );
      await fc.assert(
        fc.asyncProperty(paramArbitrary(e.pattern), query, extraQuery, body, async (params, qs, extra, payload) => {
          const p = params as Record<string, string>;
          const url =
            e.pattern.replace(/\[(\w+)\]/g, (_, k: string) => encodeURIComponent(p[k])) +
            ([qs, extra].filter(Boolean).length ? `?${[qs, extra].filter(Boolean).join("&")}` : "");
          const init = { method: e.method, body: payload?.body, contentType: payload?.contentType };
          const req = viaToken ? tokenRequest(url, token, init) : sessionRequest(url, cookie, init);
          const res = await e.handler(req, { params: Promise.resolve(p) });
          await res.arrayBuffer();
          const after = await rowCounts(db, route.database.flavour);
          const before = counts;
          counts = after;
          expect(res.status, `${e.method} ${url}`).toBeLessThan(500);
          if (res.status < 400) return;
          // a refusal recorded on purpose (someone else's attestation task, a private key) is the one row allowed
          const audited = after.AuditEvent - before.AuditEvent;
          const refusals = audited
            ? await db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: audited, select: { action: true } })
            : [];
          expect(
            audited,
            `${e.method} ${url} answered ${res.status} and audited ${JSON.stringify(refusals)}`,
          ).toBeLessThanOrEqual(1);
          expect(
            refusals.every((r) => r.action.endsWith("-refused")),
            JSON.stringify(refusals),
          ).toBe(true);
          expect(after, `${e.method} ${url} answered ${res.status}`).toEqual({
            ...before,
            AuditEvent: after.AuditEvent,
          });
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
