import { scimJson, scimRoute } from "@/lib/api/scim";

export const dynamic = "force-dynamic";

// What this SCIM service supports (PATCH, filters; no bulk, sort or ETags), and how to authenticate.
export const GET = scimRoute({}, async ({ scimmy }) =>
  scimJson(await new scimmy.Resources.ServiceProviderConfig().read()),
);
