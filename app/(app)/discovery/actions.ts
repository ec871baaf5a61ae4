"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action } from "@/lib/api/action";
import { decideDiscoveredIdentity, discoveryDecisionSchema } from "@/lib/services/decide-discovered-identity";

/**
 * Links a discovered certificate or keyless identity to a signer, creates one for it, or marks it
 * known-external. The decided entry leaves the queue (and its form with it), so the outcome is said
 * where the person lands: a new signer's page, or the queue with a status line.
 */
export const decideDiscoveryAction = action(
  { name: "decideDiscovery", permission: "inventory:write", input: discoveryDecisionSchema },
  async ({ db, input, actor, now }) => {
    const decided = await decideDiscoveredIdentity(db, input, { actor, now });
    revalidatePath("/discovery");
    if (input.decision === "create-signer" && decided.signerId) redirect(`/signers/${decided.signerId}?created=1`);
    redirect(`/discovery?decided=${decided.state}`);
  },
);
