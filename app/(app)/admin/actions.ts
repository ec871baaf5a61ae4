"use server";

import { revalidatePath } from "next/cache";
import { getAuth } from "@/lib/auth/auth";
import { requireActionUser } from "@/lib/auth/action-guard";
import { userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { actionErrorState } from "@/lib/api/errors";
import { passwordProblem } from "@/lib/domain/password-policy";
import type { UserAccessFormState } from "@/lib/api/action-state";
import { changeUserAccess, userAccessChangeSchema } from "@/lib/services/change-user-access";
import { createUser, createUserInput } from "@/lib/services/create-user";

export type FormState = { error?: string; fieldErrors?: Record<string, string>; message?: string };

export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const user = await requireActionUser("users:manage");
    const parsed = createUserInput.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const i of parsed.error.issues) fieldErrors[String(i.path[0])] ??= i.message;
      return { fieldErrors };
    }
    const weak = passwordProblem(parsed.data.password, [parsed.data.name, parsed.data.email]);
    if (weak) return { fieldErrors: { password: weak } };
    await createUser(getDb(), getAuth(), parsed.data, userActor(user));
    revalidatePath("/admin");
    return { message: `User ${parsed.data.email} created` };
  } catch (error) {
    return actionErrorState(error, "createUser");
  }
}

const DONE: Record<string, string> = {
  "change-role": "Role changed",
  disable: "User disabled",
  enable: "User re-enabled",
};

/** Change role, disable or re-enable one user (the users list in /admin); the answer shows in that row. */
export async function changeUserAccessAction(_prev: UserAccessFormState, form: FormData): Promise<UserAccessFormState> {
  const userId = String(form.get("userId") ?? "");
  try {
    const user = await requireActionUser("users:manage");
    const parsed = userAccessChangeSchema.safeParse({
      action: form.get("action"),
      ...(form.get("action") === "change-role" ? { role: form.get("role") } : {}),
      ...(form.get("action") === "disable" ? { reason: String(form.get("reason") ?? "").trim() || undefined } : {}),
    });
    if (!parsed.success) return { userId, error: parsed.error.issues[0].message, nonce: Date.now() };
    const r = await changeUserAccess(getDb(), userId, parsed.data, { actor: userActor(user), now: new Date() });
    revalidatePath("/admin");
    return { userId, message: r.isChanged ? DONE[parsed.data.action] : "Nothing to change", nonce: Date.now() };
  } catch (error) {
    return { userId, ...actionErrorState(error, "changeUserAccess"), nonce: Date.now() };
  }
}
