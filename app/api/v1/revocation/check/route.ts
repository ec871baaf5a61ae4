import { z } from "@/lib/domain/zod";
import { route } from "@/lib/api/handler";
import { checkRevocation } from "@/lib/services/check-revocation";
import { revocationCheck } from "@/lib/api/responses/inventory";

// POST: run the periodic revocation check now, for every certificate due (or the given ids).
const body = z.object({ certificateIds: z.array(z.string().min(1)).max(10_000).optional() });

export const POST = route(
  {
    summary: "Run the revocation check now (due certificates, or the ids given)",
    responses: { 200: revocationCheck },
    permission: "findings:triage",
    body,
  },
  async ({ db, actor, body }) => {
    return { summary: await checkRevocation(db, { certificateIds: body.certificateIds, now: new Date(), actor }) };
  },
);
