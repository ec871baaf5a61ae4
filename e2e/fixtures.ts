import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContextOptions,
  type Page,
} from "@playwright/test";
import { ADMIN, apiAs, baseURL, signIn, type Credentials } from "./helpers";

// Fixtures that make each spec own its data: whatever a spec needs (the first administrator, the
// demo inventory, accounts of each role) is ensured here, idempotently, against the running
// server, so any spec passes alone on a fresh database and in any order after the others.
// Everything goes through the app's own pages, as a person would: the setup page for the first
// administrator, the overview's "Load demo data" button, the /admin form for accounts.
//
// Sign-ins are budgeted (SIGNET_LOGIN_ATTEMPTS_PER_MINUTE, see limits.ts): the checks below reuse
// one signed-in API client per worker instead of signing in again for each question.

export type Role = "admin" | "analyst" | "owner" | "auditor";
export type Account = Credentials & { name: string; role: Role };

/** The password of every account a spec makes: the app's policy accepts it for any of their names. */
const ACCOUNT_PASSWORD = "e2e-account-passphrase-0123";

/**
 * The account of `name` in `role`, its email the name as first.last at `domain`: acme.example is the
 * demo people's (prisma/demo/people.ts), so their account is linked to them; example.test is for
 * people a spec makes up.
 */
export function account(name: string, role: Role, { domain = "example.test" }: { domain?: string } = {}): Account {
  const local = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".");
  return { name, email: `${local}@${domain}`, password: ACCOUNT_PASSWORD, role };
}

const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  analyst: "Security analyst",
  owner: "Signer owner",
  auditor: "Auditor",
};
// a signer of prisma/demo/signers.ts: its presence tells the demo data from other signers
const DEMO_SIGNER = "security-lab-signer";

type TestFixtures = {
  /** The test's page, signed in (through the sign-in form) as the demo inventory's administrator. */
  adminPage: Page;
  /**
   * A page in a browser context of its own (another person beside `page`, a phone, a colour
   * scheme), signed in as `as` through the sign-in form when given; it waits for hydration as
   * `page` does, and its context is closed after the test.
   */
  newPage: (options?: BrowserContextOptions & { as?: Credentials }) => Promise<Page>;
};

type WorkerFixtures = {
  /** The first administrator; created through the setup page when the installation has none yet. */
  admin: Credentials;
  /** An API client signed in as that administrator, shared by the worker's checks and specs. */
  adminApi: APIRequestContext;
  /** The administrator of an installation whose inventory holds the demo data (prisma/demo). */
  demoAdmin: Credentials;
  /** Creates the accounts that do not exist yet (by the administrator, in /admin). */
  ensureAccounts: (...accounts: Account[]) => Promise<void>;
};

/** Whether the setup page still offers to create the first administrator. */
export async function isSetupOpen(): Promise<boolean> {
  const api = await apiAs(null);
  try {
    const res = await api.get("/setup", { maxRedirects: 0 });
    if (res.status() === 200) return true;
    const location = res.headers()["location"] ?? "";
    if (res.status() >= 300 && res.status() < 400 && location.includes("/sign-in")) return false;
    throw new Error(
      `GET /setup answered ${res.status()} ${location}: neither the setup page nor a redirect to sign-in`,
    );
  } finally {
    await api.dispose();
  }
}

/** Fills the setup page's form, as 01-foundation does; the app refuses it once an administrator exists. */
export async function completeSetup(page: Page, admin: Account | (Credentials & { name: string })) {
  await page.goto("/setup");
  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Confirm password").fill(admin.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page).toHaveURL(/\/sign-in\?setup=done/);
}

export type InventoryState = "empty" | "demo" | "other";

/** What the inventory holds: nothing, the demo data, or something else (then demo data cannot be loaded). */
export async function inventoryState(adminApi: APIRequestContext): Promise<InventoryState> {
  const overview = await adminApi.get("/api/v1/overview");
  expect(overview.status(), "GET /api/v1/overview as the administrator").toBe(200);
  // every overview number is a { count, href } tile (lib/db/inventory/overview.ts)
  const { signers, certificates } = (await overview.json()) as {
    signers: { total: { count: number } };
    certificates: { total: { count: number } };
  };
  if (signers.total.count === 0 && certificates.total.count === 0) return "empty";
  const found = await adminApi.get(`/api/v1/signers?q=${DEMO_SIGNER}`);
  const rows = ((await found.json()) as { rows: { name: string }[] }).rows;
  return rows.some((r) => r.name === DEMO_SIGNER) ? "demo" : "other";
}

/** Clicks the overview's "Load demo data" (offered to administrators while the inventory is empty). */
export async function loadDemoDataFromOverview(page: Page) {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "The inventory is empty" })).toBeVisible();
  await page.getByRole("button", { name: "Load demo data" }).click();
  await expect(page.getByText("Orphaned signers")).toBeVisible({ timeout: 180_000 });
}

/** Waits until React has hydrated the page's document (app/providers.tsx marks the root then). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true", undefined, {
    timeout: 60_000,
  });
}

/**
 * A page loaded by goto, reload, goBack or goForward is used only once React has hydrated it: on a
 * loaded machine a click before hydration submits a server action's form natively and its answer
 * is lost, and a value filled in before hydration can be lost with the server-rendered node React
 * replaces. (A navigation inside the app keeps the hydrated document: nothing to wait for.)
 */
export function navigationWaitsForHydration(page: Page): Page {
  const waitsForHydration =
    <A extends unknown[]>(navigate: (...args: A) => ReturnType<Page["goto"]>) =>
    async (...args: A) => {
      const response = await navigate(...args);
      if ((response?.headers()["content-type"] ?? "").includes("text/html")) await waitForHydration(page);
      return response;
    };
  page.goto = waitsForHydration(page.goto.bind(page));
  page.reload = waitsForHydration(page.reload.bind(page));
  page.goBack = waitsForHydration(page.goBack.bind(page));
  page.goForward = waitsForHydration(page.goForward.bind(page));
  return page;
}

/** A page of its own in a new context (`options` added to the project's), with the same hydration wait. */
async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL, ...options });
  return navigationWaitsForHydration(await context.newPage());
}

/** A page of its own for a worker fixture (signing in as someone else), closed when `fn` ends. */
async function withPage<T>(browser: Browser, fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await openPage(browser);
  try {
    return await fn(page);
  } finally {
    await page.context().close();
  }
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  page: async ({ page }, provide) => {
    await provide(navigationWaitsForHydration(page));
  },

  newPage: async ({ browser }, provide) => {
    const pages: Page[] = [];
    await provide(async ({ as, ...options } = {}) => {
      const page = await openPage(browser, options);
      pages.push(page);
      if (as) await signIn(page, as);
      return page;
    });
    for (const page of pages) await page.context().close();
  },

  adminPage: async ({ page, demoAdmin }, provide) => {
    await signIn(page, demoAdmin);
    await provide(page);
  },

  admin: [
    async ({ browser }, use) => {
      if (await isSetupOpen()) await withPage(browser, (page) => completeSetup(page, ADMIN));
      await use(ADMIN);
    },
    { scope: "worker" },
  ],

  adminApi: [
    async ({ admin }, use) => {
      // signs in: fails here, clearly, when the installation's administrator is someone else
      const api = await apiAs(admin);
      await use(api);
      await api.dispose();
    },
    { scope: "worker" },
  ],

  demoAdmin: [
    async ({ browser, admin, adminApi }, use) => {
      let state = await inventoryState(adminApi);
      if (state === "empty") {
        await withPage(browser, async (page) => {
          await signIn(page, admin);
          await loadDemoDataFromOverview(page);
        });
        state = await inventoryState(adminApi);
      }
      // the app loads demo data only into an empty inventory: a spec that writes signers or
      // certificates must therefore ask for demoAdmin before it writes
      expect(state, "the inventory holds the demo data (it loads only into an empty inventory)").toBe("demo");
      await use(admin);
    },
    { scope: "worker", timeout: 240_000 },
  ],

  ensureAccounts: [
    async ({ browser, admin }, use) => {
      await use(async (...accounts) => {
        await withPage(browser, async (page) => {
          await signIn(page, admin);
          for (const account of accounts) {
            await page.goto("/admin");
            const row = page.locator("tbody tr", { hasText: account.email });
            if ((await row.count()) === 0) {
              await page.getByLabel("Name").fill(account.name);
              await page.getByLabel("Email").fill(account.email);
              // exact: each row of the users list has its own "Role of …" select
              await page.getByLabel("Role", { exact: true }).selectOption(account.role);
              await page.getByLabel("Initial password").fill(account.password);
              await page.getByRole("button", { name: "Create user" }).click();
              await expect(page.getByRole("status")).toContainText(account.email);
            } else {
              // made earlier in this run (another spec, or this one before a retry): same role expected
              await expect(row).toContainText(ROLE_LABELS[account.role]);
            }
          }
        });
      });
    },
    { scope: "worker" },
  ],
});

export { expect };
