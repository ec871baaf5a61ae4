import { describe, expect, it } from "vitest";
import { currentNavHref, NAV_GROUPS, navFor } from "./navigation";

const admin = { role: "admin", personId: null } as const;

describe("main navigation", () => {
  it.each([
    ["/", "/"],
    ["/signers/abc/edit", "/signers"],
    ["/admin", "/admin"],
    ["/admin/tokens", "/admin/tokens"],
    // these lit up "Administration" before issue 17
    ["/admin/outbox", "/admin/jobs"],
    ["/admin/outbox/m1", "/admin/jobs"],
    ["/admin/alert-policy", "/admin/jobs"],
    // one people directory: its own pages and the person pages
    ["/owners/people/p1", "/owners"],
    ["/people/p1", "/owners"],
    ["/campaigns/c1", "/campaigns"],
    ["/signersx", null],
  ])("highlights the item of %s", (pathname, href) => {
    expect(currentNavHref(navFor(admin), pathname)).toBe(href);
  });

  it("groups items as Inventory, Governance, Administration, each item once", () => {
    expect(NAV_GROUPS.map((g) => g.label)).toEqual(["Inventory", "Governance", "Administration"]);
    const hrefs = NAV_GROUPS.flatMap((g) => g.items.map((i) => i.href));
    expect(new Set(hrefs).size).toBe(hrefs.length);
  });

  it("shows My tasks only to users linked to a person, and drops groups left empty", () => {
    const labels = (u: Parameters<typeof navFor>[0]) => navFor(u).flatMap((g) => g.items.map((i) => i.label));
    expect(labels(admin)).not.toContain("My tasks");
    expect(labels({ role: "admin", personId: "p1" })).toContain("My tasks");
    expect(labels({ role: "owner", personId: "p1" })).toContain("My tasks");
    expect(navFor({ role: "owner", personId: "p1" }).map((g) => g.label)).toEqual(["Inventory", "Governance"]);
    // auditors read campaigns (issue 17); owners do not
    expect(labels({ role: "auditor", personId: null })).toContain("Campaigns");
    expect(labels({ role: "owner", personId: "p1" })).not.toContain("Campaigns");
  });
});
