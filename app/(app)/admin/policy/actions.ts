"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/domain/zod";
import { action, invalidField } from "@/lib/api/action";
import { gateExceptionSchema } from "@/lib/domain/gate/exception";
import { queueFindingsReevaluation } from "@/lib/jobs/findings-job";
import { createGateException } from "@/lib/services/create-gate-exception";
import { liftGateException } from "@/lib/services/lift-gate-exception";
import { setPolicy } from "@/lib/services/set-policy";

/** Saves the policy document as a new version; a refusal keeps the document as typed (values). */
export const savePolicyAction = action(
  {
    name: "savePolicy",
    permission: "policy:manage",
    input: z.object({ document: z.string(), comment: z.string().optional() }),
    read: (form) => ({ document: String(form.get("document") ?? ""), comment: String(form.get("comment") ?? "") }),
  },
  async ({ db, input, actor, now }) => {
    let document: unknown;
    try {
      document = JSON.parse(input.document);
    } catch {
      throw invalidField("document", "The policy is not valid JSON");
    }
    const saved = await setPolicy(db, { document, comment: input.comment ?? "" }, { actor, now });
    queueFindingsReevaluation(db);
    revalidatePath("/admin/policy");
    const changes = `${saved.changes.length} change${saved.changes.length === 1 ? "" : "s"}`;
    return { message: `Saved as version ${saved.version} (${changes}); findings are being re-evaluated.` };
  },
);

export const createGateExceptionAction = action(
  { name: "createGateException", permission: "policy:manage", input: gateExceptionSchema },
  async ({ db, input, actor, now }) => {
    await createGateException(db, input, { actor, now });
    revalidatePath("/admin/policy");
    return { message: "Exception recorded." };
  },
);

export const liftGateExceptionAction = action(
  { name: "liftGateException", permission: "policy:manage", input: z.object({ id: z.string().min(1) }) },
  async ({ db, input, actor, now }) => {
    await liftGateException(db, { id: input.id }, { actor, now });
    revalidatePath("/admin/policy");
    return { message: "Exception lifted." };
  },
);
