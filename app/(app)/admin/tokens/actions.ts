"use server";

import type { TokenFormState } from "@/lib/api/action-state";
import { revalidatePath } from "next/cache";
import { actionErrorState } from "@/lib/api/errors";
import { requireActionUser } from "@/lib/auth/action-guard";
import { userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { createApiToken, tokenCreateSchema } from "@/lib/services/create-api-token";
import { revokeApiToken } from "@/lib/services/revoke-api-token";

/** token: the new token, returned to this one response only */

export async function createTokenAction(_prev: TokenFormState, form: FormData): Promise<TokenFormState> {
  try {
    const user = await requireActionUser("tokens:manage");
    const scopes = form.getAll("scopes").map(String);
    const parsed = tokenCreateSchema.safeParse({
      name: form.get("name"),
      scopes,
      signerId:
        scopes.includes("signing-events") || scopes.includes("gate")
          ? String(form.get("signerId") ?? "") || null
          : null,
      expiresInDays: form.get("expiresInDays") || undefined,
    });
    if (!parsed.success)
      return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
    const created = await createApiToken(getDb(), parsed.data, {
      actor: { type: "user", id: user.id, label: user.email, role: user.role },
      now: new Date(),
    });
    revalidatePath("/admin/tokens");
    return { token: created.token, tokenName: created.name };
  } catch (error) {
    return actionErrorState(error, "createToken");
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const user = await requireActionUser("tokens:manage");
  await revokeApiToken(getDb(), String(form.get("id") ?? ""), { actor: userActor(user), now: new Date() });
  revalidatePath("/admin/tokens");
}
