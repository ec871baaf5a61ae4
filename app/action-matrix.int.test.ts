// The authorisation matrix for server actions, beside e2e/02-authz-matrix for pages and route
// handlers: every function exported by an app/**/actions.ts file, called as anonymous and as each
// role with a real session, is refused (401/403) or allowed as the table below says. Actions are
// public endpoints (anyone can post to one by its id), so each must check on its own.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { isWrappedAction } from "@/lib/api/action";
import { describeRoute } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";

// the request an action runs in: its headers carry the caller's session cookie
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} }));

type Expectation = "allow" | "403" | "401";
type Who = "anonymous" | "admin" | "analyst" | "owner" | "auditor";
type Row = Record<Who, Expectation>;

const ADMIN_ONLY: Row = { anonymous: "401", admin: "allow", analyst: "403", owner: "403", auditor: "403" };
const WRITERS: Row = { anonymous: "401", admin: "allow", analyst: "allow", owner: "403", auditor: "403" };
const AUDIT: Row = { anonymous: "401", admin: "allow", analyst: "403", owner: "403", auditor: "allow" };
const NOT_AUDITOR: Row = { anonymous: "401", admin: "allow", analyst: "allow", owner: "allow", auditor: "403" };
const ALL_SIGNED_IN: Row = { anonymous: "401", admin: "allow", analyst: "allow", owner: "allow", auditor: "allow" };
// first-run setup runs before anyone can sign in; once an admin exists it refuses everyone (below)
const PUBLIC: Row = { anonymous: "allow", admin: "allow", analyst: "allow", owner: "allow", auditor: "allow" };

/** Who may call each exported action ("file#export"): a new action without a row fails the first test. */
const MATRIX: Record<string, Row> = {
  "(app)/actions.ts#loadDemoAction": ADMIN_ONLY,
  "(app)/admin/actions.ts#createUserAction": ADMIN_ONLY,
  "(app)/admin/actions.ts#changeUserAccessAction": ADMIN_ONLY,
  "(app)/admin/tokens/actions.ts#createTokenAction": ADMIN_ONLY,
  "(app)/admin/webhooks/actions.ts#createWebhookAction": ADMIN_ONLY,
  "(app)/admin/webhooks/actions.ts#updateWebhookAction": ADMIN_ONLY,
  "(app)/admin/webhooks/actions.ts#pingWebhookAction": ADMIN_ONLY,
  "(app)/admin/webhooks/actions.ts#redeliverWebhookAction": ADMIN_ONLY,
  "(app)/admin/tokens/actions.ts#revokeTokenAction": ADMIN_ONLY,
  "(app)/admin/policy/actions.ts#savePolicyAction": ADMIN_ONLY,
  "(app)/discovery/actions.ts#decideDiscoveryAction": WRITERS,
  "(app)/admin/policy/actions.ts#createGateExceptionAction": ADMIN_ONLY,
  "(app)/admin/policy/actions.ts#liftGateExceptionAction": ADMIN_ONLY,
  "(app)/approvals/actions.ts#requestApprovalAction": NOT_AUDITOR,
  "(app)/approvals/actions.ts#approveApprovalAction": NOT_AUDITOR,
  "(app)/approvals/actions.ts#refuseApprovalAction": NOT_AUDITOR,
  "(app)/approvals/actions.ts#makeGrantJustInTimeAction": WRITERS,
  "(app)/audit/actions.ts#verifyAuditChainAction": AUDIT,
  "(app)/incidents/actions.ts#declareIncidentAction": WRITERS,
  "(app)/incidents/actions.ts#waiveTaskAction": WRITERS,
  "(app)/incidents/actions.ts#confirmDrillTaskAction": WRITERS,
  "(app)/incidents/actions.ts#acknowledgeIncidentAction": ALL_SIGNED_IN,
  "(app)/incidents/actions.ts#endDrillAction": WRITERS,
  "(app)/people/actions.ts#createPersonAction": WRITERS,
  "(app)/people/actions.ts#createTeamAction": WRITERS,
  "(app)/people/actions.ts#deactivatePersonAction": WRITERS,
  "(app)/people/actions.ts#reactivatePersonAction": WRITERS,
  "(app)/people/actions.ts#setCiHandlesAction": WRITERS,
  "(app)/people/actions.ts#setPersonTeamAction": WRITERS,
  "(app)/people/actions.ts#reassignAction": WRITERS,
  "(app)/signers/actions.ts#createSignerAction": WRITERS,
  "(app)/signers/actions.ts#updateSignerAction": WRITERS,
  "(app)/signers/actions.ts#changeStatusAction": WRITERS,
  "(app)/signers/actions.ts#addSignerCredentialAction": WRITERS,
  "(app)/signers/actions.ts#updateSignerCredentialAction": WRITERS,
  "(app)/signers/actions.ts#removeSignerCredentialAction": WRITERS,
  "setup/actions.ts#setupAction": PUBLIC,
};

const APP = import.meta.dirname;
function actionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? actionFiles(p) : e.name === "actions.ts" ? [p] : [];
  });
}

/** The TypeScript sources of app/, components/ and lib/ (where a "use server" module could sit). */
function sourceFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === "node_modules" || e.name === "generated" ? [] : walk(p);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
    });
  return ["app", "components", "lib"].flatMap((d) => walk(path.join(root, d)));
}

type Action = (...args: unknown[]) => Promise<unknown>;
const actions: { key: string; fn: Action }[] = [];
for (const file of actionFiles(APP).sort()) {
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(mod))
    if (typeof value === "function") actions.push({ key: `${path.relative(APP, file)}#${name}`, fn: value as Action });
}

it("every exported server action has a row in the matrix (and every row an action)", () => {
  expect(actions.map((a) => a.key).sort()).toEqual(Object.keys(MATRIX).sort());
});

// issue 17: "no server action without the wrapper". action() authenticates, authorises, parses and
// maps errors in one place; an action written by hand would have to repeat all of it correctly.
it("every exported server action is made by action(), and server actions live only in actions.ts files", () => {
  expect(actions.filter((a) => !isWrappedAction(a.fn)).map((a) => a.key)).toEqual([]);
  const serverModules = sourceFiles(path.join(APP, "..")).filter((f) =>
    /^\s*["']use server["']/m.test(fs.readFileSync(f, "utf8")),
  );
  expect(serverModules.map((f) => path.relative(APP, f)).filter((f) => !f.endsWith("actions.ts"))).toEqual([]);
});

/** A refusal by the action's own check, whatever shape the action answers it in (state, throw, redirect). */
function verdictOf(outcome: unknown): Expectation {
  const digest = (outcome as { digest?: unknown } | null)?.digest;
  if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT"))
    return digest.includes("/sign-in") ? "401" : "allow";
  const text = outcome instanceof Error ? outcome.message : JSON.stringify(outcome ?? null);
  if (/session has ended|sign in again/i.test(text)) return "401";
  if (/Your role \(\w+\) may not/.test(text)) return "403";
  return "allow";
}

async function call(fn: Action, form: FormData): Promise<unknown> {
  try {
    // (prev, form) and (form) actions both get the form where they read it; none reads `prev`
    return await fn(form, form);
  } catch (error) {
    return error;
  }
}

describeRoute("server actions: authorisation matrix", (route) => {
  let db: Db;
  const cookies: Partial<Record<Who, string>> = { anonymous: "" };

  beforeAll(async () => {
    db = route.db();
    for (const role of ["admin", "analyst", "owner", "auditor"] as const)
      cookies[role] = (await route.seedSignedInUser(role, `matrix.${role}@action-test.example`)).cookie;
  });

  for (const who of ["anonymous", "owner", "auditor", "analyst", "admin"] as const) {
    it(`as ${who}: each action refused or allowed as the matrix says`, { timeout: 300_000 }, async () => {
      request.headers = new Headers(cookies[who] ? { cookie: cookies[who] } : {});
      const got: Record<string, Expectation> = {};
      const want: Record<string, Expectation> = {};
      for (const { key, fn } of actions) {
        const before = await db.auditEvent.count();
        got[key] = verdictOf(await call(fn, new FormData()));
        want[key] = MATRIX[key][who];
        // a refused action changes nothing (no audit row either: a refused action call is not an event)
        if (got[key] !== "allow") expect(await db.auditEvent.count(), key).toBe(before);
      }
      expect(got).toEqual(want);
    });
  }

  describe("setup, once an administrator exists", () => {
    it("refuses a complete first-admin form from anyone, signed in or not", async () => {
      const { setupAction } = await import("@/app/setup/actions");
      const users = await db.user.count();
      for (const who of ["anonymous", "owner", "admin"] as const) {
        request.headers = new Headers(cookies[who] ? { cookie: cookies[who] } : {});
        const form = new FormData();
        const password = "a perfectly strong passphrase 0427";
        for (const [k, v] of Object.entries({
          name: "Mallory",
          email: "mallory@evil.example",
          password,
          confirm: password,
        }))
          form.set(k, v);
        const state = (await setupAction({}, form)) as { error?: string; isDone?: boolean };
        expect(state.isDone, who).toBeFalsy();
        expect(state.error, who).toMatch(/already set up/);
      }
      expect(await db.user.count()).toBe(users);
    });
  });
});
