import { listConfig, scimJson, scimRoute } from "@/lib/api/scim";

export const dynamic = "force-dynamic";

// SCIM 2.0 Groups (docs/sso.md): list with a filter, create. lib/api/scim.ts does the work.

export const GET = scimRoute({}, async ({ req, scim, scimmy }) =>
  scimJson(await new scimmy.Resources.Group(undefined, listConfig(req)).read(scim)),
);

export const POST = scimRoute({ hasBody: true }, async ({ body, scim, scimmy }) => {
  const created = (await new scimmy.Resources.Group().write(body, scim)) as { meta?: { location?: string } };
  return scimJson(created, 201, created.meta?.location ? { location: created.meta.location } : {});
});
