"use server";

import { revalidatePath } from "next/cache";
import { getAuth } from "@/lib/auth/auth";
import { requireActionUser } from "@/lib/auth/action-guard";
import { userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { actionErrorState } from "@/lib/api/errors";
import { passwordProblem } from "@/lib/domain/password-policy";
import { changeRoleInput, changeUserRole, createUser, createUserInput } from "@/lib/services/create-user";

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

export async function changeRoleAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const user = await requireActionUser("users:manage");
    const input = changeRoleInput.parse(Object.fromEntries(form));
    await changeUserRole(getDb(), input, userActor(user));
    revalidatePath("/admin");
    return { message: "Role changed" };
  } catch (error) {
    return actionErrorState(error, "changeRole");
  }
}
