import { z } from "@/lib/domain/zod";
import { route } from "@/lib/api/handler";
import { inventoryRead, policyChange } from "@/lib/api/route-presets";
import { policyInForce, policySaved } from "@/lib/api/responses/gate";
import { loadCurrentPolicy } from "@/lib/db/policy/policy";
import { queueFindingsReevaluation } from "@/lib/jobs/findings-job";
import { setPolicy } from "@/lib/services/set-policy";

// The findings and gate policy in force: its version, the stored document (overrides of the
// defaults) and the effective policy. PUT saves a new version (validated, audited, diffable) and
// starts the findings re-evaluation in the background.
export const GET = route(
  inventoryRead("The findings and gate policy in force: version, stored document, effective policy", policyInForce),
  async ({ db }) => {
    const current = await loadCurrentPolicy(db);
    return { version: current.version, document: current.document, effective: current.policy };
  },
);

const putBody = z.strictObject({
  // validated by the service against the one policy schema, so errors name the policy's own paths
  document: z.record(z.string(), z.unknown()),
  comment: z.string().trim().max(500).optional(),
});

export const PUT = route(
  policyChange("Save a new policy version and re-evaluate findings in the background", { 200: policySaved }, putBody),
  async ({ db, body, actor }) => {
    const result = await setPolicy(db, body, { actor, now: new Date() });
    queueFindingsReevaluation(db);
    return { ...result, reevaluation: "queued" };
  },
);
