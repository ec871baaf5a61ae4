import { route } from "@/lib/api/handler";
import { liftGateException } from "@/lib/services/lift-gate-exception";

// Lifts (ends early) a gate exception.
export const DELETE = route({ permission: "policy:manage" }, async ({ db, params, actor }) =>
  liftGateException(db, { id: params.id }, { actor, now: new Date() }),
);
