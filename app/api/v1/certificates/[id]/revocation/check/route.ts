import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { findRevocationState } from "@/lib/db/certificates/revocation-state";
import { findVisibleCertificate } from "@/lib/db/revocation/revocation";
import { checkRevocation } from "@/lib/services/check-revocation";
import { certificateRevocationCheck } from "@/lib/api/responses/inventory";

// POST: check this certificate's revocation status now (OCSP, then CRL) and return what was stored.
export const POST = route(
  {
    summary: "Check this certificate's revocation status now (OCSP, then CRL)",
    responses: { 200: certificateRevocationCheck },
    permission: "findings:triage",
  },
  async ({ db, user, actor, params }) => {
    const certificate = await findVisibleCertificate(db, params.id, user);
    if (!certificate) throw notFound("Certificate");
    const summary = await checkRevocation(db, { certificateIds: [certificate.id], now: new Date(), actor });
    return { summary, revocation: await findRevocationState(db, certificate.id) };
  },
);
