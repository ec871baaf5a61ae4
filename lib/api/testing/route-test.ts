import { NextRequest } from "next/server";
import { afterAll, beforeAll } from "vitest";
import { generateApiToken } from "@/lib/api/tokens";
import { getAuth } from "@/lib/auth/auth";
import { createDb, disconnectDb, type Db } from "@/lib/db/client";
import type { Role } from "@/lib/domain/authz";
import type { TokenScope } from "@/lib/domain/token-scopes";
import { describeEachDatabase, type TestDatabaseHandle } from "@/lib/testing/databases";

// For integration tests that call route handlers through their real route() wrapper: the handlers
// open the database named by DATABASE_URL and authenticate the bearer token of the request.

/**
 * Points DATABASE_URL at `database` for the enclosing describe block (and puts it back after),
 * with a client of the test's own; call the returned function in a later beforeAll or a test.
 */
export function useRouteDatabase(database: TestDatabaseHandle): () => Db {
  let db: Db | undefined;
  let previousUrl: string | undefined;
  beforeAll(() => {
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
    // the auth library holds the database client it was made with: make it again on this database
    delete (globalThis as { __signetAuth?: unknown }).__signetAuth;
    process.env.SIGNET_SECRET ??= "route-test-secret-not-for-production-0123456789";
    db = createDb(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await disconnectDb();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });
  return () => {
    if (!db) throw new Error("useRouteDatabase: the database opens in beforeAll");
    return db;
  };
}

/** What a route test's body works with: its database, and seeders bound to it. */
export type RouteTest = {
  /** The test's own client on the route database, open from the block's first beforeAll on. */
  db(): Db;
  /** The database's flavour and URL. */
  database: TestDatabaseHandle;
  /** seedApiTokens on this database. */
  seedApiTokens<N extends string>(tokens: TokenSeeds<N>): Promise<Record<N, string>>;
  /** seedSignedInUser: a user of `role` signed in through the auth library. */
  seedSignedInUser(role: Role, email?: string): ReturnType<typeof seedSignedInUser>;
  /** seedSignedInOwner on this database: an owner signed in, linked to a new person. */
  seedSignedInOwner(person: { name: string; email: string }): ReturnType<typeof seedSignedInOwner>;
};

/**
 * The set-up every route test repeats: `describeEachDatabase(name)` with DATABASE_URL pointed at
 * each database (useRouteDatabase), and the seeders bound to that database.
 */
export function describeRoute(name: string, body: (route: RouteTest) => void): void {
  describeEachDatabase(name, (database) => {
    const db = useRouteDatabase(database);
    body({
      db,
      database,
      seedApiTokens: (tokens) => seedApiTokens(db(), tokens),
      seedSignedInUser,
      seedSignedInOwner: (person) => seedSignedInOwner(db(), person),
    });
  });
}

/** The second argument of a handler whose path has no dynamic segment. */
export const noParams = { params: Promise.resolve({}) };

type TokenSeeds<N extends string> = Record<N, { scope: TokenScope | `${TokenScope} ${string}`; signerId?: string }>;

/** An admin and the API tokens named in `tokens` (created by that admin); answers each token's secret. */
export async function seedApiTokens<N extends string>(db: Db, tokens: TokenSeeds<N>): Promise<Record<N, string>> {
  const admin = await db.user.create({
    data: { id: "admin-1", name: "Admin", email: "admin@acme.example", role: "admin" },
  });
  const secrets = {} as Record<N, string>;
  for (const name of Object.keys(tokens) as N[]) {
    const { scope, signerId = null } = tokens[name];
    const t = generateApiToken();
    await db.apiToken.create({
      data: { name, tokenHash: t.hash, prefix: t.prefix, scope, signerId, createdById: admin.id },
    });
    secrets[name] = t.token;
  }
  return secrets;
}

const TEST_PASSWORD = "route-test password 0123456789";

/**
 * A user of `role` made through the auth library and signed in with a password: answers their id
 * and the session cookie to send (see sessionRequest). The test's database must be the route database.
 */
export async function seedSignedInUser(role: Role, email = `${role}.${Date.now()}@route-test.example`) {
  const auth = getAuth();
  const { user } = await auth.api.createUser({ body: { email, password: TEST_PASSWORD, name: `Route ${role}`, role } });
  const res = await auth.api.signInEmail({ body: { email, password: TEST_PASSWORD }, asResponse: true });
  if (!res.ok) throw new Error(`seedSignedInUser: sign-in answered ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { id: user.id, email, cookie };
}

/** An owner signed in (seedSignedInUser) whose user is linked to a new person: answers its cookie and person id. */
export async function seedSignedInOwner(db: Db, person: { name: string; email: string }) {
  const { id: personId } = await db.person.create({ data: person });
  const owner = await seedSignedInUser("owner");
  await db.user.update({ where: { id: owner.id }, data: { personId } });
  return { cookie: owner.cookie, personId };
}

/** A handler's answer as its status and JSON body (typed by the test: JSON dates are strings). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the body's type is the test's claim, as with res.json()
export async function jsonAnswer<T = any>(
  response: Response | Promise<Response>,
): Promise<{ status: number; body: T }> {
  const res = await response;
  return { status: res.status, body: (await res.json()) as T };
}

type RequestInit = { method?: string; body?: BodyInit; contentType?: string };

/** A request to `url` (on http://localhost) authenticated with the API token `token`. */
/** A JSON request body and its content type, to spread into tokenRequest/sessionRequest's init. */
export function jsonBody(body: unknown): { body: string; contentType: string } {
  return { body: JSON.stringify(body), contentType: "application/json" };
}

export function tokenRequest(url: string, token: string, init: RequestInit = {}): NextRequest {
  return testRequest(url, { authorization: `Bearer ${token}` }, init);
}

/** A same-origin request to `url` from a browser signed in with the session `cookie` (seedSignedInUser). */
export function sessionRequest(url: string, cookie: string, init: RequestInit = {}): NextRequest {
  return testRequest(url, { cookie, origin: "http://localhost" }, init);
}

function testRequest(url: string, headers: Record<string, string>, init: RequestInit): NextRequest {
  return new NextRequest(`http://localhost${url}`, {
    method: init.method ?? "GET",
    headers: {
      ...headers,
      ...(init.contentType ? { "content-type": init.contentType } : {}),
    },
    body: init.body,
    // a streamed body needs it (Node's fetch); other bodies ignore it
    ...(init.body === undefined ? {} : { duplex: "half" }),
  } as ConstructorParameters<typeof NextRequest>[1]);
}
