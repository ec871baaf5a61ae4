"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/domain/zod";
import { action } from "@/lib/api/action";
import { approvalRequestSchema } from "@/lib/domain/approvals";
import { decideApproval, type ApprovalDecision } from "@/lib/services/decide-approval";
import { makeGrantJustInTime } from "@/lib/services/make-grant-just-in-time";
import { requestApproval } from "@/lib/services/request-approval";

/** Ask for a window on a just-in-time grant from the signer page; shows the new request. */
export const requestApprovalAction = action(
  {
    name: "requestApproval",
    permission: "approvals:request",
    input: approvalRequestSchema,
    // empty optional fields are left out (the schema is strict and an empty string is not a name)
    read: (form) =>
      Object.fromEntries(
        [...form.entries()].filter(([k, v]) => typeof v === "string" && v.trim() !== "" && !k.startsWith("$")),
      ),
  },
  async ({ db, input, actor, user, now }) => {
    const { id } = await requestApproval(db, input, { actor, user, scope: user, now });
    revalidatePath("/approvals");
    redirect(`/approvals/${id}`);
  },
);

const decisionInput = z.object({ id: z.string().min(1), note: z.string().trim().max(500).optional() });

/** Approving and refusing differ only in the decision and what the approver is told. */
function decisionAction(name: string, decision: ApprovalDecision, message: string) {
  return action(
    { name, permission: "approvals:decide", input: decisionInput },
    async ({ db, input, actor, user, now }) => {
      await decideApproval(db, { id: input.id, decision, note: input.note }, { actor, user, scope: user, now });
      revalidatePath(`/approvals/${input.id}`);
      return { message };
    },
  );
}

export const approveApprovalAction = decisionAction(
  "approveApproval",
  "approved",
  "Approved: the pipeline may sign within the window.",
);

export const refuseApprovalAction = decisionAction("refuseApproval", "refused", "Refused.");

/** One click on signer.standing-grant-unused (or a standing grant on the signer page). */
export const makeGrantJustInTimeAction = action(
  { name: "makeGrantJustInTime", permission: "inventory:write", input: z.object({ id: z.string().min(1) }) },
  async ({ db, input, actor, now }) => {
    const { signerId } = await makeGrantJustInTime(db, { privilegeId: input.id }, { actor, now });
    revalidatePath(`/signers/${signerId}`);
    return { message: "The grant is now just-in-time: the pipeline asks for an approved window before signing." };
  },
);
