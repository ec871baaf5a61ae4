import { AppError, notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { inventoryRead } from "@/lib/api/route-presets";
import { EXPORTS, isExportName } from "@/lib/db/inventory/exports";
import { can } from "@/lib/domain/authz";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction } from "@/lib/db/client";
import { csv } from "@/lib/api/responses/common";

// GET /api/v1/exports/{certificates|keys|findings|owners|audit|gate-decisions}?<the list's filters>: a streamed
// CSV of every row the list shows with those filters (all pages), owner scoping applied. Exports
// are audited: they take inventory data out of the product.

export const GET = route(
  inventoryRead(
    "A list as CSV: certificates, keys, findings, owners or audit, with that list's filters",
    csv("every row the list shows with these filters"),
  ),
  async ({ req, db, user, scope, actor, params, ip }) => {
    const resource = params.resource;
    if (!isExportName(resource)) throw notFound("Export");
    if (resource === "audit" && !(user && can(user.role, "audit:read")))
      throw new AppError("forbidden", "Exporting the audit log needs the auditor or administrator role");
    const sp = req.nextUrl.searchParams;
    const now = new Date();
    const stream = await EXPORTS[resource].ofQuery(db, scope, sp, now);
    await withTransaction(db, (tx) =>
      recordAudit(tx, {
        actor,
        action: "inventory.exported",
        targetType: "export",
        targetId: resource,
        summary: `Exported ${resource} as CSV${sp.size ? ` (${sp.toString()})` : ""}`,
        ip,
      }),
    );
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="signet-${resource}-${now.toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
