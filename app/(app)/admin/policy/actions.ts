"use server";

import { revalidatePath } from "next/cache";
import type { PolicyFormState } from "@/lib/api/action-state";
import { actionErrorState } from "@/lib/api/errors";
import { requireActionUser } from "@/lib/auth/action-guard";
import { userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { gateExceptionSchema } from "@/lib/domain/gate/exception";
import { queueFindingsReevaluation } from "@/lib/jobs/findings-job";
import { createGateException } from "@/lib/services/create-gate-exception";
import { liftGateException } from "@/lib/services/lift-gate-exception";
import { setPolicy } from "@/lib/services/set-policy";

export async function savePolicyAction(_prev: PolicyFormState, form: FormData): Promise<PolicyFormState> {
  const text = String(form.get("document") ?? "");
  try {
    const user = await requireActionUser("policy:manage");
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return { document: text, error: "The policy is not valid JSON", fieldErrors: { document: "Not valid JSON" } };
    }
    const saved = await setPolicy(
      getDb(),
      { document, comment: String(form.get("comment") ?? "") },
      { actor: userActor(user), now: new Date() },
    );
    queueFindingsReevaluation(getDb());
    revalidatePath("/admin/policy");
    return {
      document: text,
      message: `Saved as version ${saved.version} (${saved.changes.length} change${saved.changes.length === 1 ? "" : "s"}); findings are being re-evaluated.`,
    };
  } catch (error) {
    return { document: text, ...actionErrorState(error, "savePolicy") };
  }
}

export async function createGateExceptionAction(_prev: PolicyFormState, form: FormData): Promise<PolicyFormState> {
  try {
    const user = await requireActionUser("policy:manage");
    const parsed = gateExceptionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
    await createGateException(getDb(), parsed.data, { actor: userActor(user), now: new Date() });
    revalidatePath("/admin/policy");
    return { message: "Exception recorded." };
  } catch (error) {
    return actionErrorState(error, "createGateException");
  }
}

export async function liftGateExceptionAction(form: FormData): Promise<void> {
  const user = await requireActionUser("policy:manage");
  await liftGateException(getDb(), { id: String(form.get("id") ?? "") }, { actor: userActor(user), now: new Date() });
  revalidatePath("/admin/policy");
}
