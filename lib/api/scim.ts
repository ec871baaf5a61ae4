import SCIMMY from "scimmy";
import { z } from "@/lib/domain/zod";
import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import {
  findProvisionedPeople,
  findProvisionedTeams,
  PROVISIONING_READ_CAP,
  type ProvisionedPerson,
  type ProvisionedTeam,
} from "@/lib/db/people/provisioning";
import type { Actor } from "@/lib/domain/actor";
import { deactivatePerson } from "@/lib/services/deactivate-person";
import { provisionPerson } from "@/lib/services/provision-person";
import { provisionTeam } from "@/lib/services/provision-team";
import { AppError, reportError } from "./errors";
import { route, type RouteContext, type RouteHandler } from "./handler";

// SCIM 2.0 (RFC 7643/7644) for identity providers, under /api/scim/v2 (docs/sso.md). scimmy owns
// the protocol: schemas, filters (which it parses but does not apply: we call filter.match), PATCH
// operations, list responses and error messages. Users are Signet's people, Groups its teams; the
// changes go through the services (provision-person, provision-team, deactivate-person), audited.
// Authentication is route()'s: an API token with the `scim` scope (revocable, expiring, named in
// every audit event it causes), or a signed-in administrator.

const SCIM_TYPE_OF: Partial<Record<string, string>> = { validation: "invalidValue" };

export const SCIM_BASE_PATH = "/api/scim/v2";
const SCIM_CONTENT_TYPE = "application/scim+json";

type ScimContext = { db: Db; actor: Actor; now: Date };

type ScimUser = {
  id: string;
  externalId?: string;
  userName: string;
  displayName: string;
  name: { formatted: string };
  emails: { value: string; type: string; primary: boolean }[];
  active: boolean;
  groups?: { value: string; display: string }[];
  meta: { created: Date; lastModified: Date };
};

function toScimUser(p: ProvisionedPerson): ScimUser {
  return {
    id: p.id,
    ...(p.externalId ? { externalId: p.externalId } : {}),
    userName: p.email,
    displayName: p.name,
    name: { formatted: p.name },
    emails: [{ value: p.email, type: "work", primary: true }],
    active: p.isActive,
    ...(p.team ? { groups: [{ value: p.team.id, display: p.team.name }] } : {}),
    meta: { created: p.createdAt, lastModified: p.updatedAt },
  };
}

function toScimGroup(t: ProvisionedTeam) {
  return {
    id: t.id,
    displayName: t.name,
    members: t.members.map((m) => ({ value: m.id, display: m.name, type: "User" })),
    meta: { created: t.createdAt, lastModified: t.updatedAt },
  };
}

const emailSchema = z.string().trim().toLowerCase().email().max(320);

/** What Signet keeps of a SCIM User: a name to show, one email, the provider's id, still here or not. */
function personInputOf(instance: Record<string, unknown>) {
  const user = instance as {
    userName?: string;
    displayName?: string;
    externalId?: string;
    active?: boolean;
    name?: { formatted?: string; givenName?: string; familyName?: string };
    emails?: { value?: string; primary?: boolean }[];
  };
  const emails = user.emails ?? [];
  const email = emailSchema.safeParse((emails.find((e) => e.primary) ?? emails[0])?.value ?? user.userName);
  if (!email.success) throw new SCIMMY.Types.Error(400, "invalidValue", "A user needs an email (emails or userName)");
  const given = [user.name?.givenName, user.name?.familyName].filter(Boolean).join(" ");
  const name = (user.displayName || given || user.name?.formatted || email.data).trim().slice(0, 120);
  return { name, email: email.data, externalId: user.externalId?.trim() || null, isActive: user.active ?? true };
}

/**
 * The one equality lookup identity providers make before creating someone, done in the database
 * (userName is not case-exact in SCIM, which scimmy's filter.match does not know); null otherwise.
 */
function lookupOf(filter: SCIMMY.Types.Filter | undefined): { email?: string; externalId?: string } | null {
  if (!filter || filter.length !== 1) return null;
  const expression = filter[0] as Record<string, unknown>;
  const keys = Object.keys(expression);
  const [op, value] = (keys.length === 1 ? expression[keys[0]] : []) as [string?, unknown?];
  if (op !== "eq" || typeof value !== "string") return null;
  if (keys[0].toLowerCase() === "username") return { email: value };
  if (keys[0].toLowerCase() === "externalid") return { externalId: value };
  return null;
}

/**
 * Runs a handler's work with Signet's errors as SCIM errors: scimmy turns any other error thrown in a
 * handler into "404 not found", which would hide a refusal (409, 403) or a fault.
 */
async function asScim<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SCIMMY.Types.Error) throw error;
    const e = reportError(error, "SCIM request");
    // "uniqueness" only for a duplicate: a refusal such as the last administrator's is a plain 409
    const scimType = e.code === "conflict" ? (e.details?.isDuplicate ? "uniqueness" : null) : SCIM_TYPE_OF[e.code];
    throw new SCIMMY.Types.Error(e.status, scimType ?? null!, e.message);
  }
}

const notFound = (what: string, id: string) => new SCIMMY.Types.Error(404, null!, `${what} ${id} not found`);

/**
 * A GET of Users or Groups: the one with the request's id (404 when there is none), or all of them,
 * matched against the request's filter by scimmy unless `find` answered the filter in the database.
 * `find` reads by id, or (no id) the whole list.
 */
async function readResources<Row, Out>(
  resource: { id?: string; filter?: SCIMMY.Types.Filter },
  what: "User" | "Group",
  source: {
    find: (where: { id: string } | null) => Promise<Row[]>;
    toScim: (row: Row) => Out;
    isFilterAnswered: boolean;
  },
): Promise<Out | Out[]> {
  if (resource.id) {
    const [row] = await source.find({ id: resource.id });
    if (!row) throw notFound(what, resource.id);
    return source.toScim(row);
  }
  const all = (await source.find(null)).map(source.toScim);
  return resource.filter && !source.isFilterAnswered ? resource.filter.match(all) : all;
}

let isDeclared = false;

/** Declares Users and Groups with scimmy once per process, with their handlers and the service provider config. */
function declareScim() {
  if (isDeclared) return;
  isDeclared = true;
  const basepath = `${getConfig().baseUrl}${SCIM_BASE_PATH}`;
  SCIMMY.Config.set({
    documentationUri: `${getConfig().baseUrl}/docs/sso.md`,
    patch: true,
    filter: { supported: true, maxResults: PROVISIONING_READ_CAP },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Signet API token",
        description: "An API token with the scim scope, sent as Authorization: Bearer",
        primary: true,
      },
    ],
  });
  SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .egress((resource, ctx: ScimContext) =>
      asScim(async () => {
        const lookup = lookupOf(resource.filter);
        return readResources(resource, "User", {
          find: (where) => findProvisionedPeople(ctx.db, where ?? lookup ?? {}),
          toScim: toScimUser,
          isFilterAnswered: lookup !== null,
        });
      }),
    )
    .ingress((resource, instance, ctx: ScimContext) =>
      asScim(async () => {
        const input = personInputOf(instance as unknown as Record<string, unknown>);
        const id = await provisionPerson(ctx.db, resource.id ?? null, input, ctx);
        const [person] = await findProvisionedPeople(ctx.db, { id });
        return toScimUser(person);
      }),
    )
    .degress((resource, ctx: ScimContext) =>
      asScim(async () => {
        // Signet never deletes a person: their signers must show as orphaned. A deleted user has left.
        const [person] = await findProvisionedPeople(ctx.db, { id: resource.id! });
        if (!person) throw notFound("User", resource.id!);
        if (person.isActive)
          await deactivatePerson(ctx.db, person.id, { ...ctx, reason: "Deleted by the identity provider (SCIM)" });
      }),
    );
  SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .egress((resource, ctx: ScimContext) =>
      asScim(async () => {
        return readResources(resource, "Group", {
          find: (where) => findProvisionedTeams(ctx.db, where ?? {}),
          toScim: toScimGroup,
          isFilterAnswered: false,
        });
      }),
    )
    .ingress((resource, instance, ctx: ScimContext) =>
      asScim(async () => {
        const group = instance as unknown as { displayName: string; members?: { value: string }[] };
        const memberIds = (group.members ?? []).map((m) => m.value);
        const id = await provisionTeam(ctx.db, resource.id ?? null, { name: group.displayName, memberIds }, ctx);
        const [team] = await findProvisionedTeams(ctx.db, { id });
        return toScimGroup(team);
      }),
    )
    .degress(() => {
      throw new SCIMMY.Types.Error(409, null!, "Signet keeps teams (they may own signers): remove the team in Signet");
    });
  for (const r of [
    SCIMMY.Resources.User,
    SCIMMY.Resources.Group,
    SCIMMY.Resources.Schema,
    SCIMMY.Resources.ResourceType,
    SCIMMY.Resources.ServiceProviderConfig,
  ])
    r.basepath(basepath);
}

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": SCIM_CONTENT_TYPE, ...headers } });
}

function scimError(status: number, detail: string, scimType?: string): Response {
  const body = { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status), detail };
  return scimJson(scimType ? { ...body, scimType } : body, status);
}

/** Any error as a SCIM Error message: scimmy's carry their own status; Signet's keep route()'s mapping. */
function toScimError(error: unknown): Response | null {
  if (error instanceof SCIMMY.Types.Error) return scimError(error.status, error.message, error.scimType || undefined);
  if (error instanceof AppError)
    return scimError(error.status, error.message, error.details?.isDuplicate ? "uniqueness" : undefined);
  return null;
}

/** Query parameters of a list request, as scimmy takes them. */
export function listConfig(req: NextRequest) {
  const q = req.nextUrl.searchParams;
  const number = (name: string) => {
    const n = Number(q.get(name));
    return q.has(name) && Number.isInteger(n) ? n : undefined;
  };
  return {
    ...(q.get("filter") ? { filter: q.get("filter")! } : {}),
    ...(q.get("attributes") ? { attributes: q.get("attributes")! } : {}),
    ...(q.get("excludedAttributes") ? { excludedAttributes: q.get("excludedAttributes")! } : {}),
    ...(q.get("sortBy") ? { sortBy: q.get("sortBy")! } : {}),
    ...(q.get("sortOrder") ? { sortOrder: q.get("sortOrder")! } : {}),
    startIndex: number("startIndex"),
    count: number("count"),
  };
}

/**
 * Microsoft Entra ID sends PATCH values of boolean attributes as the strings "True" and "False"
 * (its documented SCIM quirk): read them as booleans before scimmy checks the types.
 */
export function normalisePatch(body: Record<string, unknown>) {
  const operations = Array.isArray(body.Operations) ? (body.Operations as Record<string, unknown>[]) : [];
  const bool = (v: unknown) => (typeof v === "string" && /^(true|false)$/i.test(v) ? v.toLowerCase() === "true" : v);
  return {
    ...body,
    Operations: operations.map((op) => {
      if (typeof op.path === "string" && op.path.toLowerCase() === "active") return { ...op, value: bool(op.value) };
      if (op.value && typeof op.value === "object" && !Array.isArray(op.value) && "active" in op.value)
        return { ...op, value: { ...op.value, active: bool((op.value as { active: unknown }).active) } };
      return op;
    }),
  } as Parameters<SCIMMY.Types.Resource["patch"]>[0];
}

export const scimBodySchema = z.record(z.string(), z.unknown());

type ScimHandler<B> = (
  ctx: RouteContext<B, undefined> & { scim: ScimContext; scimmy: typeof SCIMMY },
) => Promise<Response>;

/**
 * A SCIM route: route()'s authentication (token scope `scim`, or a signed-in administrator), a
 * JSON body when `hasBody`, and every answer in SCIM's form, errors included.
 */
export function scimRoute(options: { hasBody?: boolean }, handler: ScimHandler<Record<string, unknown> | undefined>) {
  const inner: RouteHandler = route(
    {
      permission: "users:manage",
      tokenScopes: ["scim"],
      ...(options.hasBody ? { body: scimBodySchema } : {}),
    },
    async (ctx) => {
      declareScim();
      try {
        return await handler({
          ...ctx,
          body: ctx.body as Record<string, unknown> | undefined,
          scim: { db: ctx.db, actor: ctx.actor, now: new Date() },
          scimmy: SCIMMY,
        });
      } catch (error) {
        const answer = toScimError(error);
        if (answer) return answer;
        throw error;
      }
    },
  );
  return async (req: NextRequest, segment: { params: Promise<Record<string, string>> }) => {
    const res = await inner(req, segment);
    if (res.ok || res.headers.get("content-type")?.startsWith(SCIM_CONTENT_TYPE)) return res;
    // route()'s own refusals (authentication, scope, body): the same status and message, SCIM's form
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return scimError(res.status, body?.error?.message ?? res.statusText);
  };
}

type ResourceName = "User" | "Group";

/** GET (list with a filter) and POST (create) of /Users or /Groups. */
export function scimCollectionRoutes(name: ResourceName) {
  return {
    GET: scimRoute({}, async ({ req, scim }) =>
      scimJson(await new SCIMMY.Resources[name](undefined, listConfig(req)).read(scim)),
    ),
    POST: scimRoute({ hasBody: true }, async ({ body, scim }) => {
      const created = (await new SCIMMY.Resources[name]().write(body, scim)) as { meta?: { location?: string } };
      return scimJson(created, 201, created.meta?.location ? { location: created.meta.location } : {});
    }),
  };
}

/** GET, PUT (replace), PATCH and DELETE of one /Users/{id} or /Groups/{id}. */
export function scimItemRoutes(name: ResourceName) {
  return {
    GET: scimRoute({}, async ({ params, scim }) => scimJson(await new SCIMMY.Resources[name](params.id).read(scim))),
    PUT: scimRoute({ hasBody: true }, async ({ params, body, scim }) =>
      scimJson(await new SCIMMY.Resources[name](params.id).write(body, scim)),
    ),
    PATCH: scimRoute({ hasBody: true }, async ({ params, body, scim }) => {
      const patched = await new SCIMMY.Resources[name](params.id).patch(normalisePatch(body ?? {}), scim);
      return patched ? scimJson(patched) : new Response(null, { status: 204 });
    }),
    DELETE: scimRoute({}, async ({ params, scim }) => {
      await new SCIMMY.Resources[name](params.id).dispose(scim);
      return new Response(null, { status: 204 });
    }),
  };
}
