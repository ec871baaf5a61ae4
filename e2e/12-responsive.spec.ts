import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page, TestInfo } from "@playwright/test";
import { axeProblems, keep } from "./a11y";
import { apiAs, flavour } from "./helpers";
import { account, expect, test, type Account, type Role } from "./fixtures";

// Issue 17, "Done when": at 390×844 and 1440×900 the overview, each list and each detail page has
// no horizontal scroll and every declared key column (th[data-key-column]) is in view; an axe scan
// finds no serious or critical violation, on every page each role can open. Screenshots are kept
// as test artefacts. The full matrix runs on SQLite; PostgreSQL runs a smoke set (same pages for
// the administrator only) to keep CI short.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
// in this order: a page loads at the desktop's size, then the window shrinks to the phone's
const VIEWPORTS = [
  { name: "desktop", size: DESKTOP },
  { name: "phone", size: PHONE },
] as const;
const isFullMatrix = flavour === "sqlite";

const ACCOUNTS: Record<Role, Account> = {
  admin: { name: "", email: "", password: "", role: "admin" }, // the demo administrator, filled in below
  analyst: account("Ana Responsive", "analyst"),
  // a demo person with an account of their own (same account as 04-dashboard)
  owner: account("Carlos Mendes", "owner", { domain: "acme.example" }),
  auditor: account("Aud Responsive", "auditor"),
};

// One detail page per kind, found from its list's first link when the matrix opens the list. A list
// with a query (the teams tab) is opened after its page without one.
// `mayBeEmpty`: a list whose content depends on what other specs did first (an owner's tasks exist once a
// campaign covers their signers); every other list holds at least one row here.
const DETAILS: { list: string; link: RegExp; mayBeEmpty?: boolean }[] = [
  { list: "/signers", link: /^\/signers\/(?!new$|import$)[^/]+$/ },
  { list: "/certificates", link: /^\/certificates\/[^/]+$/ },
  { list: "/keys", link: /^\/keys\/[^/]+$/ },
  { list: "/findings", link: /^\/findings\/[^/]+$/ },
  { list: "/owners", link: /^\/owners\/people\/[^/]+$/ },
  { list: "/owners?kind=teams", link: /^\/owners\/teams\/[^/]+$/ },
  { list: "/campaigns", link: /^\/campaigns\/[^/]+$/ },
  { list: "/tasks", link: /^\/tasks\/[^/]+$/, mayBeEmpty: true },
  { list: "/admin/outbox", link: /^\/admin\/outbox\/[^/]+$/ },
  { list: "/incidents", link: /^\/incidents\/(?!new\b)[^/?]+$/ },
  { list: "/approvals", link: /^\/approvals\/[^/?]+$/, mayBeEmpty: true },
];

// Real signed samples (lib/scan/testdata): scanning them gives the artifact page, the recent scans and
// the discovery queue something to show (neither signer is registered in the demo data).
const SCAN_SAMPLES = ["fwupdx64.efi", "sigstore/v03-message.sigstore.json"].map((name) =>
  path.join(import.meta.dirname, "..", "lib", "scan", "testdata", name),
);
/** SHA-256 of fwupdx64.efi (lib/scan/testdata/README.md) */
const ARTIFACT_PAGE = "/artifacts/cc8bd5e99957e0c53786fd246c69d1a5a3044647cdb8fa2df8a2cff90474706d";

// pages the navigation does not list (artifact look-ups are not for owners)
const EXTRA_PAGES: Partial<Record<Role, string[]>> = {
  admin: [
    "/signers/new",
    "/incidents/new",
    "/admin/outbox",
    "/admin/alert-policy",
    "/revocation?view=failed",
    ARTIFACT_PAGE,
  ],
  analyst: [ARTIFACT_PAGE],
  auditor: [ARTIFACT_PAGE],
};

type Problem = string;

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  // client lists show a skeleton until their query answers
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** Horizontal overflow of the page, and key columns outside the viewport or their scroll box. */
async function layoutProblems(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) {
      // name the outermost elements that stick out, so the failure says what to fix
      // (leaving out what sticks out inside a scroll box: a wide table in its own scroller widens nothing)
      const isInScroller = (el: HTMLElement) => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== "visible") return true;
        return false;
      };
      const culprits = [...document.querySelectorAll<HTMLElement>("main *, header *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
        .filter((el) => !isInScroller(el))
        .slice(0, 3)
        .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}">${(el.textContent ?? "").slice(0, 40)}`);
      out.push(
        `scrolls sideways: ${doc.scrollWidth}px wide in a ${window.innerWidth}px window; ${culprits.join(" | ")}`,
      );
    }
    for (const th of document.querySelectorAll<HTMLElement>("th[data-key-column]")) {
      if (!th.checkVisibility()) continue;
      const r = th.getBoundingClientRect();
      let box = { left: 0, right: window.innerWidth };
      for (let el = th.parentElement; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX !== "visible" && el !== doc && el !== document.body) {
          const b = el.getBoundingClientRect();
          box = { left: Math.max(box.left, b.left), right: Math.min(box.right, b.right) };
          break;
        }
      }
      const caption = th.closest("table")?.querySelector("caption")?.textContent ?? "table";
      if (r.left < box.left - 1 || r.right > box.right + 1)
        out.push(
          `key column "${th.textContent?.trim()}" of "${caption}" is out of view (${Math.round(r.left)}–${Math.round(r.right)} px, visible ${Math.round(box.left)}–${Math.round(box.right)} px)`,
        );
    }
    return out;
  });
}

/** The pages a role's navigation offers, then its extra pages. */
async function startingPages(page: Page, role: Role): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Main" });
  const lists = (
    await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))
  ).filter((href) => href.startsWith("/"));
  return [...new Set([...lists, ...(EXTRA_PAGES[role] ?? [])])];
}

/** The pages to check next because `path` was opened: its first detail page of each kind, its lists with a query. */
async function pagesFoundOn(page: Page, path: string): Promise<string[]> {
  const found: string[] = [];
  const details = DETAILS.filter((d) => d.list === path);
  if (details.length > 0) {
    const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    for (const d of details) {
      const detail = hrefs.find((h) => d.link.test(h));
      if (detail) found.push(detail);
    }
  }
  found.push(...DETAILS.filter((d) => d.list.startsWith(`${path}?`)).map((d) => d.list));
  return found;
}

/**
 * What the newer pages show, so each is checked with content on a phone, not only its empty state:
 * a scan of real signed samples (the artifact page, the recent scans, the discovery queue), a gate
 * decision and a drill on one of the owner's signers (owners see those of their own signers).
 * Idempotent: each is added only when missing.
 */
async function ensurePageData(admin: APIRequestContext, signer: { id: string; name: string }) {
  if ((await admin.get(`/api/v1${ARTIFACT_PAGE}`)).status() === 404)
    for (const file of SCAN_SAMPLES) {
      const buffer = fs.readFileSync(file);
      const name = path.basename(file);
      const scan = await admin.post("/api/v1/scans", {
        multipart: { file: { name, mimeType: "application/octet-stream", buffer } },
      });
      expect(scan.status(), `scan of ${name}`).toBe(200);
    }
  const decisions = await admin.get(`/api/v1/gate/decisions?signer=${signer.id}`);
  expect(decisions.status()).toBe(200);
  if (((await decisions.json()) as { total: number }).total === 0) {
    const asked = await admin.post("/api/v1/gate", {
      data: { signer: signer.name, environment: "production", action: "sign", triggeredBy: "e2e responsive matrix" },
    });
    expect(asked.status(), "a gate question").toBe(200);
  }
  const drills = await admin.get("/api/v1/incidents?mode=drill&pageSize=200");
  expect(drills.status()).toBe(200);
  const incidents = ((await drills.json()) as { rows: { subjectId: string }[] }).rows;
  if (!incidents.some((i) => i.subjectId === signer.id)) {
    const drill = await admin.post("/api/v1/incidents", {
      data: {
        mode: "drill",
        subjectType: "signer",
        subjectId: signer.id,
        suspectedAt: new Date().toISOString(),
        reason: "Responsive matrix: a drill so the incident pages have one to show",
      },
    });
    expect(drill.status(), `a drill on ${signer.name}`).toBe(201);
  }
}

const ROLES: Role[] = isFullMatrix ? ["admin", "analyst", "owner", "auditor"] : ["admin"];
// PostgreSQL: the overview, the largest lists and a signer page, for the administrator
const isSmokePage = (p: string) => ["/", "/signers", "/certificates", "/audit"].includes(p) || /^\/signers\/./.test(p);

test.describe.configure({ mode: "serial" });
// No trace (it cannot be switched off for some tests of a file only): the matrix names every problem
// itself and keeps its screenshots, and tracing ~70 page checks per role (a DOM snapshot at every step,
// axe's injected scripts) made it minutes slower.
test.use({ trace: "off" });

test.beforeAll(async ({ demoAdmin, adminApi, ensureAccounts }) => {
  ACCOUNTS.admin = { ...ACCOUNTS.admin, ...demoAdmin, name: "Ada Admin" };
  if (isFullMatrix) await ensureAccounts(ACCOUNTS.analyst, ACCOUNTS.owner, ACCOUNTS.auditor);
  // one of the owner's signers (their own scope answers), or any signer for the administrator's smoke set
  const api = isFullMatrix ? await apiAs(ACCOUNTS.owner) : adminApi;
  const signers = await api.get("/api/v1/signers?pageSize=1");
  expect(signers.status()).toBe(200);
  const [signer] = ((await signers.json()) as { rows: { id: string; name: string }[] }).rows;
  if (api !== adminApi) await api.dispose();
  await ensurePageData(adminApi, signer);
});

/** The checks of one page at one size: layout always, axe when asked, and a screenshot kept. */
async function checkAt(
  page: Page,
  testInfo: TestInfo,
  { where, shotName, withAxe }: { where: string; shotName: string; withAxe: boolean },
): Promise<Problem[]> {
  const problems = (await layoutProblems(page)).map((p) => `${where}: ${p}`);
  if (withAxe) problems.push(...(await axeProblems(page)).map((p) => `${where}: ${p}`));
  await keep(page, testInfo, shotName);
  return problems;
}

// One browser context per role, one navigation per page: each page is loaded once at the desktop size
// and checked, then the window shrinks to the phone's and it is checked again (the layout depends on
// CSS only: no component reads the window's size). Detail pages are found on the lists as they are
// checked, so no list is opened twice.
for (const role of ROLES) {
  test(`every page fits a phone and a desktop, key columns in view, no serious accessibility violation: ${role}`, async ({
    newPage,
  }, testInfo) => {
    test.setTimeout(isFullMatrix ? 600_000 : 240_000);
    const page = await newPage({ as: ACCOUNTS[role], viewport: DESKTOP });
    const pages = (await startingPages(page, role)).filter((p) => isFullMatrix || isSmokePage(p));
    expect(pages.length).toBeGreaterThan(3);
    const problems: Problem[] = [];
    for (let i = 0; i < pages.length; i++) {
      const path = pages[i];
      const before = problems.length;
      await page.setViewportSize(DESKTOP);
      const response = await page.goto(path);
      expect(response?.status(), `${path} as ${role}`).toBeLessThan(400);
      await settle(page);
      for (const found of await pagesFoundOn(page, path))
        if (!pages.includes(found) && (isFullMatrix || isSmokePage(found))) pages.push(found);
      for (const viewport of VIEWPORTS) {
        if (viewport.size !== DESKTOP) await page.setViewportSize(viewport.size);
        problems.push(
          ...(await checkAt(page, testInfo, {
            where: `${role} ${viewport.name} ${path}`,
            shotName: `${role}-${viewport.name}${path.replace(/[/?=&]+/g, "_")}`,
            // axe on both sizes for the administrator (every page), on the desktop for the other roles
            withAxe: viewport.name === "desktop" || role === "admin",
          })),
        );
      }
      // reported page by page, so a run cut short by its time limit still says what it found
      expect.soft(problems.slice(before), `${role} ${path}`).toEqual([]);
    }
    // every kind of detail page the role can open was found and checked
    // (the PostgreSQL smoke set keeps the signer page alone)
    const kinds = DETAILS.filter(
      (d) =>
        !d.mayBeEmpty &&
        (isFullMatrix || d.list === "/signers") &&
        pages.includes(d.list.split("?")[0]) &&
        pages.includes(d.list),
    );
    for (const d of kinds)
      expect(
        pages.some((p) => d.link.test(p)),
        `a detail page linked from ${d.list} as ${role}`,
      ).toBe(true);
    expect(problems, `pages checked: ${pages.join(" ")}`).toEqual([]);
  });
}

test("the phone navigation is a drawer: opens from the menu button, keeps focus, closes on Escape", async ({
  newPage,
}, testInfo) => {
  const page = await newPage({ as: ACCOUNTS.admin, viewport: DESKTOP });
  await page.setViewportSize(PHONE);
  await page.goto("/admin/outbox");
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(nav).toBeHidden();
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(nav).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  // the focus moved into the drawer and Tab keeps it there
  await expect(nav.locator(":focus")).toHaveCount(1);
  for (let i = 0; i < 25; i++) await page.keyboard.press("Tab");
  await expect(nav.locator(":focus")).toHaveCount(1);
  // grouped, and the outbox belongs to "Alerts & jobs" (it lit up "Administration" before)
  for (const group of ["Inventory", "Governance", "Administration"])
    await expect(nav.getByRole("heading", { name: group })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Alerts & jobs" })).toHaveAttribute("aria-current", "page");
  await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
  problemsMustBeEmpty(await axeProblems(page), "drawer open");
  await keep(page, testInfo, "admin-phone-drawer-open");
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  // following a link closes the drawer
  await menu.click();
  await nav.getByRole("link", { name: "Signers" }).click();
  await expect(page).toHaveURL(/\/signers$/);
  await expect(nav).toBeHidden();
  await page.setViewportSize(DESKTOP);
  await page.goto("/admin/alert-policy");
  await expect(nav.getByRole("link", { name: "Alerts & jobs" })).toHaveAttribute("aria-current", "page");
  await page.goto("/people");
  await expect(page).toHaveURL(/\/owners$/);
  await expect(nav.getByRole("link", { name: "People and teams" })).toHaveAttribute("aria-current", "page");
});

function problemsMustBeEmpty(problems: Problem[], where: string) {
  expect(problems, where).toEqual([]);
}

test("refusals and missing pages are styled and say why and what to do instead", async ({ newPage }, testInfo) => {
  const auditor = isFullMatrix ? ACCOUNTS.auditor : ACCOUNTS.admin;
  const page = await newPage({ as: auditor, viewport: DESKTOP });
  if (isFullMatrix) {
    const refused = await page.goto("/admin");
    expect(refused?.status()).toBe(403);
    const body = page.getByTestId("refusal-403");
    // the specific reason, every time: the 403 page derives it from the user and the path (lib/auth/page-access.ts),
    // whatever order Next renders it and the page in (it once showed the generic reason ~1 refusal in 20)
    await expect(body).toContainText("open to the Administrator roles; you are signed in as Auditor");
    await expect(body.getByRole("link", { name: "Go to the overview" })).toBeVisible();
    // the frame stays: the auditor can navigate on
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toBeVisible();
    problemsMustBeEmpty(await axeProblems(page), "403 page");
    await keep(page, testInfo, "auditor-403");
    // auditors read campaigns (they were refused before issue 17)
    expect((await page.goto("/campaigns"))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Start a campaign" })).toHaveCount(0);
    // refusals by a page's rule on the user, beyond the role's permission, say theirs too
    const owner = await newPage({ as: ACCOUNTS.owner, viewport: DESKTOP });
    for (const [path, reason] of [
      [`/artifacts/${"0".repeat(64)}`, "Artifact look-ups are for analysts, auditors and administrators."],
      ["/people/anyone", "Managing people is for the security team"],
    ]) {
      expect((await owner.goto(path))?.status(), path).toBe(403);
      await expect(owner.getByTestId("refusal-403")).toContainText(reason);
    }
  }
  // /certificates has a loading.tsx, so its 404 body streams after a 200 status: check the body there.
  // Two unknown addresses: a prerendered 404 page served again carried no CSP nonce, and from the
  // second one a server answered, the browser refused its scripts and it never hydrated.
  for (const [path, status] of [
    ["/certificates/no-such-certificate", 200],
    ["/no/such/page", 404],
    ["/no/such/page/either", 404],
  ] as const) {
    const missing = await page.goto(path);
    expect(missing?.status()).toBe(status);
    await expect(page.getByTestId("refusal-404")).toContainText("Check the address");
    problemsMustBeEmpty(await axeProblems(page), `404 page ${path}`);
    await keep(page, testInfo, `404${path.replace(/\//g, "_")}`);
  }
});
