import { NextResponse } from "next/server";
import { getOpenApiDocument } from "../openapi-routes";

export const dynamic = "force-dynamic";

// The OpenAPI 3.1 description of /api/v1. Public, like the code it is built from: it names
// operations, schemas and the scopes they need, and no data.
export async function GET() {
  return NextResponse.json(getOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
