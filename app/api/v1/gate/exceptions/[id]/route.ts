import { route } from "@/lib/api/handler";
import { gateExceptionLifted } from "@/lib/api/responses/gate";
import { liftGateException } from "@/lib/services/lift-gate-exception";

// Lifts (ends early) a gate exception.
export const DELETE = route(
  {
    summary: "Lift (end early) a gate exception",
    responses: { 200: gateExceptionLifted },
    permission: "policy:manage",
  },
  async ({ db, params, actor }) => liftGateException(db, { id: params.id }, { actor, now: new Date() }),
);
