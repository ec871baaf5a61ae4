import { scimJson, scimRoute } from "@/lib/api/scim";

export const dynamic = "force-dynamic";

// The SCIM schemas of the resource types served (RFC 7643's core User and Group).
export const GET = scimRoute({}, async ({ scimmy }) => scimJson(await new scimmy.Resources.Schema().read()));
