import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { apiAs } from "./helpers";
import { account, expect, test, type Account } from "./fixtures";
import { ROUTES, TOKEN_MATRIX_SCOPES, tokenExpectation, type Expectation } from "./route-matrix";

// Role × endpoint → allowed / 403 / 401, over every page and route handler in app/.
const ROLES = ["admin", "analyst", "owner", "auditor"] as const;
type MatrixRole = (typeof ROLES)[number];
const users = Object.fromEntries(ROLES.map((role) => [role, account(`Matrix ${role}`, role)])) as Record<
  MatrixRole,
  Account
>;

function routeFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const seg = /^\(.*\)$/.test(e.name) ? "" : `/${e.name}`;
      out.push(...routeFiles(p, prefix + seg));
    } else if (e.name === "page.tsx" || e.name === "route.ts") {
      out.push(`${e.name === "page.tsx" ? "PAGE" : "API"} ${prefix || "/"}`);
    }
  }
  return out;
}

test.describe.configure({ mode: "serial" });

test("the matrix covers every page and route handler that exists", () => {
  const files = routeFiles("app").sort();
  const covered = new Set(ROUTES.map((r) => `${r.kind} ${r.pattern}`));
  const missing = files.filter((f) => !covered.has(f));
  expect(missing, "routes without an authorisation expectation in e2e/route-matrix.ts").toEqual([]);
});

// a user of every role, made by the administrator in /admin (the installation and its first
// administrator come with the fixture: /setup is expected closed below)
test.beforeAll(async ({ ensureAccounts }) => {
  await ensureAccounts(...ROLES.map((role) => users[role]));
});

async function statusOf(
  api: APIRequestContext,
  method: string,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) {
  const res = await api.fetch(url, { method, data: body, maxRedirects: 0, headers });
  const location = res.headers()["location"] ?? "";
  return { status: res.status(), location };
}

function verdict(status: number, location: string): Expectation {
  if (status === 401 || ((status === 302 || status === 307 || status === 303) && location.includes("/sign-in")))
    return "401";
  if (status === 403) return "403";
  return "allow";
}

for (const who of ["anonymous", ...ROLES] as const) {
  test(`authorisation as ${who}`, async () => {
    const api = await apiAs(who === "anonymous" ? null : users[who]);
    const failures: string[] = [];
    for (const r of ROUTES) {
      const expected: Expectation = who === "anonymous" ? (r.anonymous ?? "401") : r.roles[who];
      for (const method of r.methods) {
        const { status, location } = await statusOf(api, method, r.sample, r.body);
        const got = verdict(status, location);
        if (got !== expected)
          failures.push(
            `${method} ${r.sample} as ${who}: expected ${expected}, got ${status}${location ? ` → ${location}` : ""}`,
          );
        if (status >= 500) failures.push(`${method} ${r.sample} as ${who}: server error ${status}`);
      }
    }
    expect(failures).toEqual([]);
    await api.dispose();
  });
}

// The same routes with an API token of each scope (least privilege, issue 14): a token made by the
// administrator in the API, sent as Authorization: Bearer, never a session.
for (const scope of TOKEN_MATRIX_SCOPES) {
  test(`authorisation as an API token with scope ${scope}`, async ({ adminApi }) => {
    const created = await adminApi.post("/api/v1/tokens", {
      data: { name: `matrix ${scope}`, scopes: [scope], expiresInDays: 1 },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const api = await apiAs(null);
    const failures: string[] = [];
    for (const r of ROUTES) {
      for (const method of r.methods) {
        const expected = tokenExpectation(r, method, scope);
        if (!expected) continue;
        const { status, location } = await statusOf(api, method, r.sample, r.body, {
          authorization: `Bearer ${token}`,
        });
        const got = verdict(status, location);
        if (got !== expected) failures.push(`${method} ${r.sample} with ${scope}: expected ${expected}, got ${status}`);
        if (status >= 500) failures.push(`${method} ${r.sample} with ${scope}: server error ${status}`);
      }
    }
    expect(failures).toEqual([]);
    await api.dispose();
  });
}
