import { route } from "@/lib/api/handler";
import { policyChange } from "@/lib/api/route-presets";
import { gateExceptionLifted } from "@/lib/api/responses/gate";
import { liftGateException } from "@/lib/services/lift-gate-exception";

// Lifts (ends early) a gate exception.
export const DELETE = route(
  policyChange("Lift (end early) a gate exception", { 200: gateExceptionLifted }),
  async ({ db, params, actor }) => liftGateException(db, { id: params.id }, { actor, now: new Date() }),
);
