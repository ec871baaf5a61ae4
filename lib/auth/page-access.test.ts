import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { taskRefusal } from "@/lib/domain/attestation";
import { can, ROLES, type Role } from "@/lib/domain/authz";
import { NAV_GROUPS } from "@/lib/domain/navigation";
import { matchRoute } from "@/lib/domain/route-pattern";
import {
  FRAME_PERMISSION,
  PAGE_ACCESS,
  PAGE_PATTERNS,
  refusalFor,
  userRefusalOf,
  type PagePattern,
} from "./page-access";
import type { CurrentUser } from "./session";

// PAGE_ACCESS is the one table of who may open which page: the pages are guarded by their entry
// and the 403 page explains from it. These tests hold the pages to it by reading their files.

const APP = path.resolve(import.meta.dirname, "../../app/(app)");

/** Every page.tsx under app/(app), by its route pattern. */
function pageFiles(dir = APP): { pattern: string; source: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pageFiles(full);
    if (entry.name !== "page.tsx") return [];
    const pattern = "/" + path.relative(APP, dir).split(path.sep).filter(Boolean).join("/");
    return [{ pattern, source: readFileSync(full, "utf8") }];
  });
}

const PAGES = pageFiles();
/** The ways a page names its entry: the guard itself, or the list and detail page shells that call it. */
const GUARD_CALL = /requirePageUser\("([^"]*)"\)|\bpage: "([^"]*)"|loadInventoryDetail\("([^"]*)"/g;
const namedPatterns = (source: string) => [...source.matchAll(GUARD_CALL)].map((m) => m[1] ?? m[2] ?? m[3]);

const user = (role: Role): CurrentUser => ({ id: "u1", name: "U", email: "u@example.com", role, personId: "p1" });
/** A concrete path for a pattern: each [param] filled in. */
const samplePath = (pattern: string) => pattern.replace(/\[(\w+)\]/g, "x-$1");

describe("PAGE_ACCESS, the pages' one table", () => {
  it("has one entry per page under app/(app), and none for a page that does not exist", () => {
    expect(PAGES.length).toBeGreaterThan(30);
    expect(PAGE_PATTERNS.slice().sort()).toEqual(PAGES.map((p) => p.pattern).sort());
  });

  it.each(PAGES.map((p) => [p.pattern, p.source]))("%s is guarded by its own entry", (pattern, source) => {
    const named = namedPatterns(source);
    expect(named.length, "the page calls requirePageUser, or a page shell given `page:`").toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set([pattern]));
    // a refusal must go through the table, or the 403 page cannot say why
    expect(source).not.toMatch(/\bforbidden\(/);
    for (const m of source.matchAll(/refusePage\("([^"]*)"\)/g)) {
      expect(m[1]).toBe(pattern);
      expect(PAGE_ACCESS[pattern as PagePattern].recordRefusal, "refusePage needs a recordRefusal").toBeDefined();
    }
  });

  it("lets every role into the frame, so nothing is refused outside it (app/forbidden.tsx gives no reason)", () => {
    for (const role of ROLES) expect(can(role, FRAME_PERMISSION), role).toBe(true);
  });

  it("gives each navigation link the permission of the page it opens", () => {
    for (const item of NAV_GROUPS.flatMap((g) => g.items)) {
      expect(PAGE_ACCESS[item.href as PagePattern]?.permission, item.href).toBe(item.permission);
    }
  });
});

describe("matchRoute", () => {
  it.each(PAGE_PATTERNS)("finds %s from a path it serves", (pattern) => {
    const match = matchRoute(samplePath(pattern), PAGE_PATTERNS);
    expect(match?.pattern).toBe(pattern);
    for (const [name, value] of Object.entries(match?.params ?? {})) expect(value).toBe(`x-${name}`);
  });

  it("prefers a static segment to a dynamic one, as Next's router does", () => {
    expect(matchRoute("/signers/new", PAGE_PATTERNS)?.pattern).toBe("/signers/new");
    expect(matchRoute("/signers/import", PAGE_PATTERNS)?.pattern).toBe("/signers/import");
    expect(matchRoute("/signers/new/edit", PAGE_PATTERNS)).toEqual({
      pattern: "/signers/[id]/edit",
      params: { id: "new" },
    });
    expect(matchRoute("/incidents/new", PAGE_PATTERNS)?.pattern).toBe("/incidents/new");
  });

  it("reads the path as proxy.ts passes it: query dropped, segments decoded", () => {
    expect(matchRoute("/admin?page=2", PAGE_PATTERNS)?.pattern).toBe("/admin");
    expect(matchRoute("/", PAGE_PATTERNS)?.pattern).toBe("/");
    expect(matchRoute("/?_rsc=abc", PAGE_PATTERNS)?.pattern).toBe("/");
    expect(matchRoute("/admin/", PAGE_PATTERNS)?.pattern).toBe("/admin");
    expect(matchRoute("/tasks/a%20b", PAGE_PATTERNS)?.params).toEqual({ id: "a b" });
  });

  it("answers null for a path no page serves, or one it cannot decode", () => {
    expect(matchRoute("/no/such/page", PAGE_PATTERNS)).toBeNull();
    expect(matchRoute("/tasks/%E0%A4%A", PAGE_PATTERNS)).toBeNull();
    expect(matchRoute("", ["/a"])).toBeNull();
  });
});

describe("the reasons the 403 page gives", () => {
  it("names the roles a page is open to and the user's role", async () => {
    const reason = "This page is open to the Administrator roles; you are signed in as Auditor.";
    expect(userRefusalOf("/admin", user("auditor"))).toBe(reason);
    expect(await refusalFor(user("auditor"), "/admin")).toBe(reason);
    expect(await refusalFor(user("owner"), "/signers/s1/edit?tab=x")).toBe(
      "This page is open to the Administrator or Security analyst roles; you are signed in as Signer owner.",
    );
  });

  it("gives a page's rule on the user once the role may open it", async () => {
    expect(await refusalFor(user("owner"), "/artifacts/abc")).toBe(
      "Artifact look-ups are for analysts, auditors and administrators.",
    );
    expect(await refusalFor(user("owner"), "/people/p2")).toMatch(/^Managing people is for the security team/);
    for (const role of ["admin", "analyst", "auditor"] as const) {
      expect(await refusalFor(user(role), "/artifacts/abc")).toBeNull();
      expect(userRefusalOf("/people/[id]", user(role))).toBeNull();
    }
  });

  it("answers null (the generic text) for a page everyone may open, and for an unknown path", async () => {
    for (const role of ROLES) {
      expect(await refusalFor(user(role), "/signers")).toBeNull();
      expect(await refusalFor(user(role), "/no/such/page")).toBeNull();
    }
  });
});

describe("taskRefusal, the task page's rule", () => {
  const task = (assignee: string, status: string) => ({ assignee: { id: assignee }, campaign: { status } });
  it("refuses another person's task before saying the campaign is closed", () => {
    expect(taskRefusal(task("p1", "closed"), "p2")).toEqual({
      code: "forbidden",
      message: "This attestation task is not yours",
    });
    expect(taskRefusal(task("p1", "open"), null)?.code).toBe("forbidden");
    expect(taskRefusal(task("p1", "closed"), "p1")).toEqual({ code: "conflict", message: "This campaign is closed" });
    expect(taskRefusal(task("p1", "open"), "p1")).toBeNull();
  });
});
