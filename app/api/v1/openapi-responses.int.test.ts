// Every GET under /api/v1 that an API token may call, on the demo inventory, answers what its
// OpenAPI declaration says: route() holds each 2xx answer to its declared schema under test
// (lib/api/route-responses.ts) and answers 500 naming the mismatch otherwise. A new token-readable
// route is exercised here without a line of its own; give it a sample below if it needs a query.
import { beforeAll, expect, it } from "vitest";
import { describeRoute, tokenRequest } from "@/lib/api/testing/route-test";
import { openApiPath, routeHandlers } from "@/lib/api/openapi";
import type { Db } from "@/lib/db/client";
import { TOKEN_SCOPES } from "@/lib/domain/token-scopes";
import { loadDemoData } from "@/lib/services/load-demo-data";
import { recordScan } from "@/lib/services/record-scan";
import { artifactFacts } from "@/lib/scan";
import { setPolicy } from "@/lib/services/set-policy";
import { API_ROUTES, getOpenApiDocument } from "./openapi-routes";

const NOW = new Date();

/** Queries a route needs to answer 200 (the rest use their defaults). */
const QUERIES: Record<string, string> = {
  "/api/v1/certificates/[id]/revocation/impact": "date=2026-01-01",
  "/api/v1/signing-events": "signerId={signer}",
};

describeRoute("OpenAPI responses", (route) => {
  let db: Db;
  let token: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    db = route.db();
    // every scope a token may combine (signing-events stands alone and reads nothing)
    const all = TOKEN_SCOPES.filter((s) => s !== "signing-events").join(" ") as "read";
    ({ all: token } = await route.seedApiTokens({ all: { scope: all } }));
    await loadDemoData(db, { now: NOW, actor: { type: "system", label: "test" } });
    // a saved policy version (1) for /api/v1/policy/versions/[version]
    await setPolicy(
      db,
      { document: { keys: { rotationMaxAgeDays: 200 } } },
      { actor: { type: "system", label: "test" }, now: NOW },
    );
    const [certificate, key, finding, person, signer, approval] = await Promise.all([
      db.certificate.findFirstOrThrow({ select: { id: true } }),
      db.signingKey.findFirstOrThrow({ select: { id: true } }),
      db.finding.findFirstOrThrow({ select: { id: true } }),
      db.person.findFirstOrThrow({ select: { id: true } }),
      db.signingEvent.findFirstOrThrow({ select: { signerId: true } }),
      // the demo's open approval request
      db.approvalRequest.findFirstOrThrow({ select: { id: true } }),
    ]);
    // a scanned artifact for /api/v1/artifacts/[sha256]
    const scan = await recordScan(
      db,
      {
        files: [
          {
            facts: artifactFacts("release-notes.txt", new TextEncoder().encode("notes")),
            outcome: { kind: "unsigned", format: null, note: null },
          },
        ],
        actor: { type: "system", label: "test" },
        source: "upload",
      },
      { now: NOW },
    );
    ids = {
      certificate: certificate.id,
      key: key.id,
      finding: finding.id,
      person: person.id,
      signer: signer.signerId,
      artifact: scan.files[0].sha256,
      approval: approval.id,
    };
    // the demo data takes tens of seconds on a busy machine
  }, 300_000);

  /** A sample URL for a route pattern, a stored id of the right kind for each [id], and its params. */
  function sample(pattern: string): { url: string; params: Record<string, string> } {
    const kind = pattern.match(/\/api\/v1\/([^/]+)\/\[id\]/)?.[1];
    const idOf: Record<string, string> = {
      certificates: ids.certificate,
      keys: ids.key,
      findings: ids.finding,
      people: ids.person,
      signers: ids.signer,
      approvals: ids.approval,
    };
    const params: Record<string, string> = {};
    if (pattern.includes("[id]")) params.id = (kind && idOf[kind]) || `no-sample-id-for-${kind}`;
    if (pattern.includes("[resource]")) params.resource = "certificates";
    if (pattern.includes("[version]")) params.version = "1";
    if (pattern.includes("[sha256]")) params.sha256 = ids.artifact;
    const path = pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => params[name] ?? `no-sample-${name}`);
    const query = (QUERIES[pattern] ?? "").replace("{signer}", ids.signer);
    return { url: query ? `${path}?${query}` : path, params };
  }

  it("every token-readable GET answers 200 with a body its declared schema accepts", async () => {
    const problems: string[] = [];
    let called = 0;
    for (const { pattern, module } of API_ROUTES) {
      for (const [method, handler] of routeHandlers(module)) {
        if (method !== "GET" || !(handler.options.tokenScopes ?? []).length) continue;
        const { url, params } = sample(pattern);
        const res = await handler(tokenRequest(url, token), { params: Promise.resolve(params) });
        called++;
        if (res.status !== 200) problems.push(`GET ${url}: ${res.status} ${await res.text()}`);
      }
    }
    expect(problems).toEqual([]);
    expect(called).toBeGreaterThanOrEqual(17);
  }, 120_000);

  it("the document names each of these operations", () => {
    const paths = getOpenApiDocument().paths ?? {};
    for (const { pattern } of API_ROUTES) expect(Object.keys(paths)).toContain(openApiPath(pattern));
  });
});
