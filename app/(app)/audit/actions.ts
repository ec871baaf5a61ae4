"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/api/action";
import { verifyAuditChainNow } from "@/lib/services/audit-chain-status";

export const verifyAuditChainAction = action(
  { name: "verifyAuditChain", permission: "audit:read" },
  async ({ db, actor }) => {
    const report = await verifyAuditChainNow(db, actor);
    revalidatePath("/audit");
    return { data: report };
  },
);
