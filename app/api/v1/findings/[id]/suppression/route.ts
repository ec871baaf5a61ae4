import { route } from "@/lib/api/handler";
import { suppressFinding, suppressFindingInput } from "@/lib/services/suppress-finding";

// POST { reason, until: "YYYY-MM-DD" }: accept the risk until that day (admin, analyst)
export const POST = route({ permission: "findings:triage", body: suppressFindingInput }, async ({ db, actor, body, params, ip }) =>
  suppressFinding(db, { ...body, findingId: params.id, actor, ip }, { now: new Date() }),
);
