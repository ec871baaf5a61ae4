"use server";

import { headers } from "next/headers";
import { action, invalidField } from "@/lib/api/action";
import { getAuth } from "@/lib/auth/auth";
import { refuseWeakPassword } from "@/lib/api/password-field";
import { createFirstAdmin, firstAdminInput } from "@/lib/services/create-first-admin";

// Public: it runs before anyone can sign in, and createFirstAdmin refuses once setup is done.
// A refused form gets its name and email back (never the password: action() leaves it out).
export const setupAction = action(
  { name: "setup", permission: "public", input: firstAdminInput },
  async ({ db, input, form }) => {
    refuseWeakPassword(input);
    if (form.get("password") !== form.get("confirm")) throw invalidField("confirm", "The passwords do not match");
    const h = await headers();
    await createFirstAdmin(db, getAuth(), input, { ip: h.get("x-forwarded-for") });
    return { data: { isDone: true } };
  },
);
