import { normalisePatch, scimJson, scimRoute } from "@/lib/api/scim";

export const dynamic = "force-dynamic";

// One SCIM 2.0 Group (docs/sso.md): read, replace (PUT), PATCH, delete. lib/api/scim.ts does the work.

export const GET = scimRoute({}, async ({ params, scim, scimmy }) =>
  scimJson(await new scimmy.Resources.Group(params.id).read(scim)),
);

export const PUT = scimRoute({ hasBody: true }, async ({ params, body, scim, scimmy }) =>
  scimJson(await new scimmy.Resources.Group(params.id).write(body, scim)),
);

export const PATCH = scimRoute({ hasBody: true }, async ({ params, body, scim, scimmy }) => {
  const patched = await new scimmy.Resources.Group(params.id).patch(normalisePatch(body ?? {}), scim);
  return patched ? scimJson(patched) : new Response(null, { status: 204 });
});

export const DELETE = scimRoute({}, async ({ params, scim, scimmy }) => {
  await new scimmy.Resources.Group(params.id).dispose(scim);
  return new Response(null, { status: 204 });
});
