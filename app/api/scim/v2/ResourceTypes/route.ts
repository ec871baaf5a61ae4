import { scimJson, scimRoute } from "@/lib/api/scim";

export const dynamic = "force-dynamic";

// The SCIM resource types served: User (Signet's people) and Group (its teams).
export const GET = scimRoute({}, async ({ scimmy }) => scimJson(await new scimmy.Resources.ResourceType().read()));
