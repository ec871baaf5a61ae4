"use server";

import { headers } from "next/headers";
import { getAuth } from "@/lib/auth/auth";
import { getDb } from "@/lib/db/client";
import { actionErrorState } from "@/lib/api/errors";
import { passwordProblem } from "@/lib/domain/password-policy";
import { createFirstAdmin, firstAdminInput } from "@/lib/services/create-first-admin";

// values (never the password) come back so a form with errors keeps what the user typed
export type SetupState = { error?: string; fieldErrors?: Record<string, string>; isDone?: boolean; values?: { name: string; email: string } };

export async function setupAction(_prev: SetupState, form: FormData): Promise<SetupState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = firstAdminInput.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { fieldErrors, values };
  }
  const weak = passwordProblem(parsed.data.password, [parsed.data.name, parsed.data.email]);
  if (weak) return { fieldErrors: { password: weak }, values };
  if (form.get("password") !== form.get("confirm")) return { fieldErrors: { confirm: "The passwords do not match" }, values };
  try {
    const h = await headers();
    await createFirstAdmin(getDb(), getAuth(), parsed.data, { ip: h.get("x-forwarded-for") });
    return { isDone: true };
  } catch (error) {
    return { ...actionErrorState(error, "setup"), values };
  }
}
