import { route } from "@/lib/api/handler";
import { inventoryWrite } from "@/lib/api/route-presets";
import { gateAnswer } from "@/lib/api/responses/gate";
import { gateRequestSchema } from "@/lib/domain/gate/request";
import { decideGateRequest } from "@/lib/services/decide-gate";

// The release gate: may this signer sign, or may this signed artifact be promoted, to this
// environment, now? Answers allow | warn | deny with reasons (rule ids), the policy version and the
// stored decision's id. Token scope "gate" (bound to a signer: only about that signer).
// docs/pipelines.md shows it in CI.
export const POST = route(
  inventoryWrite(
    "Ask the release gate whether a signer may sign, or a signed artifact be promoted, to an environment",
    ["gate"],
    { 200: gateAnswer },
    gateRequestSchema,
  ),
  async ({ db, body, actor, token, ip }) => decideGateRequest(db, body, { actor, token, now: new Date(), ip }),
);
