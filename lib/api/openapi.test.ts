// The OpenAPI document covers every route under app/api/v1, and each operation says what it answers.
// A new route fails here until its route({ … }) declares a summary and its 2xx responses and the
// route file is listed in app/api/v1/openapi-routes.ts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, getOpenApiDocument } from "@/app/api/v1/openapi-routes";
import { HTTP_METHODS, OPENAPI_PATH, openApiPath, routeHandlers } from "./openapi";
import { responseBodies } from "./route-responses";

const API_DIR = path.join(process.cwd(), "app/api/v1");

/** URL patterns of the route files on disk: /api/v1/signers/[id]. */
function routePatterns(dir = API_DIR, prefix = "/api/v1"): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return routePatterns(path.join(dir, e.name), `${prefix}/${e.name}`);
    return e.name === "route.ts" ? [prefix] : [];
  });
}

/** Exported HTTP methods of a route file, read from its source (what Next serves). */
function exportedMethods(pattern: string): string[] {
  const file = path.join(process.cwd(), "app", pattern.replace(/^\//, ""), "route.ts");
  const source = fs.readFileSync(file, "utf8");
  return HTTP_METHODS.filter((m) => new RegExp(`export (const|async function) ${m}\\b`).test(source));
}

describe("OpenAPI document", () => {
  const document = getOpenApiDocument() as unknown as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    components?: Record<string, Record<string, unknown>>;
  };

  it("lists every route file under app/api/v1", () => {
    const onDisk = routePatterns()
      .filter((p) => p !== OPENAPI_PATH)
      .sort();
    const listed = API_ROUTES.map((r) => r.pattern).sort();
    expect(listed, "app/api/v1/openapi-routes.ts must list each route file once").toEqual(onDisk);
  });

  it("describes every method each route exports, through route()", () => {
    const problems: string[] = [];
    for (const { pattern, module } of API_ROUTES) {
      const described = routeHandlers(module).map(([m]) => m);
      for (const method of exportedMethods(pattern)) {
        if (!described.includes(method as (typeof HTTP_METHODS)[number]))
          problems.push(`${method} ${pattern}: not a route() handler`);
        const op = document.paths[openApiPath(pattern)]?.[method.toLowerCase()];
        if (!op) problems.push(`${method} ${pattern}: missing from the document`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every operation has a summary and a schema for each 2xx JSON response", () => {
    const problems: string[] = [];
    for (const { pattern, module } of API_ROUTES) {
      for (const [method, handler] of routeHandlers(module)) {
        const where = `${method} ${pattern}`;
        const o = handler.options;
        if (!o.summary) problems.push(`${where}: no summary`);
        const declared = Object.entries(o.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        if (declared.length === 0) problems.push(`${where}: declares no 2xx response`);
        for (const [status, d] of declared)
          for (const body of responseBodies(d!))
            if (body.contentType === "application/json" && !body.schema)
              problems.push(`${where}: ${status} has no schema`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("is OpenAPI 3.1 whose references resolve and whose operation ids are unique", () => {
    expect(document.openapi).toBe("3.1.0");
    const text = JSON.stringify(document);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/([^/]+)\/([^"]+)"/g)];
    for (const [, kind, name] of refs) expect(document.components?.[kind]?.[name], `${kind}/${name}`).toBeDefined();
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [p, item] of Object.entries(document.paths)) {
      const params = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(item) as { parameters?: { in: string; name: string }[] }[]) {
        const declared = (op.parameters ?? []).filter((x) => x.in === "path").map((x) => x.name);
        expect(declared.sort(), p).toEqual([...params].sort());
      }
    }
  });
});
