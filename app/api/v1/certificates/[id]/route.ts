import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { getCertificateDetail } from "@/lib/db/certificates/detail";
import { certificateDetail } from "@/lib/api/responses/inventory";

export const GET = route(
  {
    summary: "One certificate with its chain, key, signers, findings and history",
    responses: { 200: certificateDetail },
    permission: "inventory:read",
    tokenScopes: ["read"],
  },
  async ({ db, scope, params }) => {
    const certificate = await getCertificateDetail(db, scope, params.id, new Date());
    if (!certificate) throw notFound("Certificate");
    return certificate;
  },
);
