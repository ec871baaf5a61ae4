import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getCertificateDetail } from "@/lib/db/certificates/detail";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"] }, async ({ db, user, params }) => {
  const certificate = await getCertificateDetail(db, user ?? { role: "analyst", personId: null }, params.id, new Date());
  if (!certificate) throw notFound("Certificate");
  return certificate;
});
