import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { expect, type Page, type APIRequestContext, request as playwrightRequest } from "@playwright/test";

export type Credentials = { email: string; password: string };

export const flavour = process.env.E2E_FLAVOUR ?? "sqlite";
/** The first administrator, created by the setup page (01-foundation, or the `admin` fixture). */
export const ADMIN = { name: "Ada Admin", email: "ada.admin@example.test", password: "correct-horse-battery-staple" };
export const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

const shotDir = path.join("e2e", "screenshots", flavour);

/** Full-page screenshot under e2e/screenshots/<flavour>/ for people to look at. */
export async function shot(page: Page, name: string) {
  fs.mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, user: Credentials) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/**
 * Password sign-in through the endpoint rather than the form: the page's context gets the session
 * cookie, for a test about what comes after signing in.
 */
export async function signInThroughApi(page: Page, user: Credentials) {
  const res = await page.request.post("/api/auth/sign-in/email", {
    headers: { origin: baseURL },
    data: { email: user.email, password: user.password },
  });
  expect(res.status(), `sign-in of ${user.email}`).toBe(200);
}

/** An API client signed in as the given user (session cookie from the real sign-in endpoint). */
export async function apiAs(user: Credentials | null): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  if (user) {
    const res = await ctx.post("/api/auth/sign-in/email", { data: { email: user.email, password: user.password } });
    expect(res.status(), `sign-in of ${user.email}`).toBe(200);
  }
  return ctx;
}

/** A CSV body (RFC 4180) read with csv-parse: the header row and the records keyed by column. */
export function readCsv(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header = []] = parse(text, { to_line: 1 });
  // columns: true also refuses a record whose field count differs from the header's
  const records = parse<Record<string, string>>(text, { columns: true });
  return { header, records };
}
