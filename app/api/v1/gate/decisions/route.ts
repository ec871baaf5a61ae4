import { z } from "zod";
import { route } from "@/lib/api/handler";
import { listGateDecisions } from "@/lib/db/gate/decisions";

const gateDecisionsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  signer: z.string().trim().min(1).max(100).optional(),
  outcome: z.enum(["allow", "warn", "deny"]).optional(),
  action: z.enum(["sign", "promote"]).optional(),
  environment: z.string().trim().min(1).max(63).optional(),
});

// The release gate's stored decisions, newest first (owners: about their own signers).
export const GET = route(
  { permission: "inventory:read", tokenScopes: ["read"], query: gateDecisionsQuery },
  async ({ db, scope, query }) => listGateDecisions(db, scope, query),
);
