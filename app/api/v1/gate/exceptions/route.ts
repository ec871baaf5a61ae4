import { z } from "@/lib/domain/zod";
import { route } from "@/lib/api/handler";
import { policyChange } from "@/lib/api/route-presets";
import { listRoute } from "@/lib/api/list-route";
import { gateExceptionCreated, gateExceptionList } from "@/lib/api/responses/gate";
import { listGateExceptionPage, listGateExceptions } from "@/lib/db/gate/exceptions";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";
import { gateExceptionSchema } from "@/lib/domain/gate/exception";
import { createGateException } from "@/lib/services/create-gate-exception";

// Per-signer exceptions to a gate rule, with a reason and an end date (administrators). The policy page's
// read model, { rows (each with its state), total, page, pageSize }; `exceptions` (up to 200, as before
// paging) stays for older callers.
export const GET = listRoute(
  "List gate exceptions, live ones first, paged (optionally one signer's)",
  {
    filters: pageOnlySchema.extend({ signerId: z.string().trim().min(1).max(100).optional() }),
    page: gateExceptionList,
    permission: "policy:manage",
  },
  async ({ db, query }) => {
    const now = new Date();
    const [page, exceptions] = await Promise.all([
      listGateExceptionPage(db, query, now),
      listGateExceptions(db, { now, signerId: query.signerId }),
    ]);
    return { ...page, exceptions };
  },
);

export const POST = route(
  policyChange(
    "Except one signer from one gate rule until an end date, with a reason",
    { 200: gateExceptionCreated },
    gateExceptionSchema,
  ),
  async ({ db, body, actor }) => createGateException(db, body, { actor, now: new Date() }),
);
