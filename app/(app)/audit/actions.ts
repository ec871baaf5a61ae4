"use server";

import { revalidatePath } from "next/cache";
import { requireActionUser } from "@/lib/auth/action-guard";
import { userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { actionErrorState } from "@/lib/api/errors";
import { verifyAuditChainNow } from "@/lib/services/audit-chain-status";
import type { ChainVerifyState } from "@/components/audit/chain-panel";

export async function verifyAuditChainAction(_prev: ChainVerifyState): Promise<ChainVerifyState> {
  try {
    const user = await requireActionUser("audit:read");
    const report = await verifyAuditChainNow(getDb(), userActor(user));
    revalidatePath("/audit");
    return { report };
  } catch (error) {
    return actionErrorState(error, "verifyAuditChain");
  }
}
