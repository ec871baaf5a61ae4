import { found } from "@/lib/api/errors";
import { inventoryRead } from "@/lib/api/route-presets";
import { route } from "@/lib/api/handler";
import { getCertificateDetail } from "@/lib/db/certificates/detail";
import { certificateDetail } from "@/lib/api/responses/inventory";

export const GET = route(
  inventoryRead("One certificate with its chain, key, signers, findings and history", certificateDetail),
  async ({ db, scope, params }) => found(await getCertificateDetail(db, scope, params.id, new Date()), "Certificate"),
);
