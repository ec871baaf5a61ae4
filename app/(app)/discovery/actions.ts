"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/api/action";
import { decideDiscoveredIdentity, discoveryDecisionSchema } from "@/lib/services/decide-discovered-identity";

/** Links a discovered certificate or keyless identity to a signer, creates one for it, or marks it known-external. */
export const decideDiscoveryAction = action(
  { name: "decideDiscovery", permission: "inventory:write", input: discoveryDecisionSchema },
  async ({ db, input, actor, now }) => {
    const decided = await decideDiscoveredIdentity(db, input, { actor, now });
    revalidatePath("/discovery");
    return {
      message:
        decided.state === "known-external"
          ? "Marked known-external."
          : input.decision === "create-signer"
            ? `Signer ${input.name} created and linked.`
            : "Linked to the signer.",
    };
  },
);
