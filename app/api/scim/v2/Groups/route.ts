import { scimCollectionRoutes } from "@/lib/api/scim";

export const dynamic = "force-dynamic";

// SCIM 2.0 Groups (docs/sso.md): list with a filter, create. lib/api/scim.ts does the work.
export const { GET, POST } = scimCollectionRoutes("Group");
