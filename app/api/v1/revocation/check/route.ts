import { z } from "zod";
import { route } from "@/lib/api/handler";
import { checkRevocation } from "@/lib/services/check-revocation";

// POST: run the periodic revocation check now, for every certificate due (or the given ids).
const body = z.object({ certificateIds: z.array(z.string().min(1)).max(10_000).optional() });

export const POST = route({ permission: "findings:triage", body }, async ({ db, actor, body }) => {
  return { summary: await checkRevocation(db, { certificateIds: body.certificateIds, now: new Date(), actor }) };
});
