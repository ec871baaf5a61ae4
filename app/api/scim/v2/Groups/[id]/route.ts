import { scimItemRoutes } from "@/lib/api/scim";

export const dynamic = "force-dynamic";

// One SCIM 2.0 Group (docs/sso.md): read, replace (PUT), PATCH, delete. lib/api/scim.ts does the work.
export const { GET, PUT, PATCH, DELETE } = scimItemRoutes("Group");
