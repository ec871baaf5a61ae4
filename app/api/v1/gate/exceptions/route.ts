import { z } from "zod";
import { route } from "@/lib/api/handler";
import { gateExceptionCreated, gateExceptionList } from "@/lib/api/responses/gate";
import { listGateExceptions } from "@/lib/db/gate/exceptions";
import { gateExceptionSchema } from "@/lib/domain/gate/exception";
import { createGateException } from "@/lib/services/create-gate-exception";

// Per-signer exceptions to a gate rule, with a reason and an end date (administrators).
export const GET = route(
  {
    summary: "List gate exceptions, live ones first (optionally one signer's)",
    responses: { 200: gateExceptionList },
    permission: "policy:manage",
    query: z.object({ signerId: z.string().trim().min(1).max(100).optional() }),
  },
  async ({ db, query }) => ({
    exceptions: await listGateExceptions(db, { now: new Date(), signerId: query.signerId }),
  }),
);

export const POST = route(
  {
    summary: "Except one signer from one gate rule until an end date, with a reason",
    responses: { 200: gateExceptionCreated },
    permission: "policy:manage",
    body: gateExceptionSchema,
  },
  async ({ db, body, actor }) => createGateException(db, body, { actor, now: new Date() }),
);
