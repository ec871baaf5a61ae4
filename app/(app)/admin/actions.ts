"use server";

import { revalidatePath } from "next/cache";
import { getAuth } from "@/lib/auth/auth";
import { action } from "@/lib/api/action";
import { refuseWeakPassword } from "@/lib/api/password-field";
import { changeUserAccess, userAccessChangeSchema } from "@/lib/services/change-user-access";
import { createUser, createUserInput } from "@/lib/services/create-user";

export const createUserAction = action(
  { name: "createUser", permission: "users:manage", input: createUserInput },
  async ({ db, input, actor }) => {
    refuseWeakPassword(input);
    await createUser(db, getAuth(), input, actor);
    revalidatePath("/admin");
    return { message: `User ${input.email} created` };
  },
);

const DONE: Record<string, string> = {
  "change-role": "Role changed",
  disable: "User disabled",
  enable: "User re-enabled",
  "set-role-manual": "Role source changed",
};

/** Change role, disable or re-enable one user (the users list in /admin); the answer shows in that row. */
export const changeUserAccessAction = action(
  {
    name: "changeUserAccess",
    permission: "users:manage",
    input: userAccessChangeSchema,
    read: (form) => ({
      action: form.get("action"),
      ...(form.get("action") === "change-role" ? { role: form.get("role") } : {}),
      ...(form.get("action") === "disable" ? { reason: String(form.get("reason") ?? "").trim() || undefined } : {}),
      ...(form.get("action") === "set-role-manual" ? { isRoleManual: form.get("isRoleManual") === "true" } : {}),
    }),
    fields: [],
  },
  async ({ db, input, actor, now, form }) => {
    const r = await changeUserAccess(db, String(form.get("userId") ?? ""), input, { actor, now });
    revalidatePath("/admin");
    return { message: r.isChanged ? DONE[input.action] : "Nothing to change" };
  },
);
