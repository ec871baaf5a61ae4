import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getCertificateDetail } from "@/lib/db/certificates/detail";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"] }, async ({ db, scope, params }) => {
  const certificate = await getCertificateDetail(db, scope, params.id, new Date());
  if (!certificate) throw notFound("Certificate");
  return certificate;
});
