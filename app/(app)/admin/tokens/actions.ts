"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/domain/zod";
import { action } from "@/lib/api/action";
import { createApiToken, tokenCreateSchema } from "@/lib/services/create-api-token";
import { revokeApiToken } from "@/lib/services/revoke-api-token";

/** Creates a token; the token itself is in this one answer only (data), never in a later read. */
export const createTokenAction = action(
  {
    name: "createToken",
    permission: "tokens:manage",
    input: tokenCreateSchema,
    read: (form) => {
      const scopes = form.getAll("scopes").map(String);
      return {
        name: form.get("name"),
        scopes,
        signerId:
          scopes.includes("signing-events") || scopes.includes("gate")
            ? String(form.get("signerId") ?? "") || null
            : null,
        expiresInDays: form.get("expiresInDays") || undefined,
      };
    },
  },
  async ({ db, input, actor, now }) => {
    const created = await createApiToken(db, input, { actor, now });
    revalidatePath("/admin/tokens");
    return { data: { token: created.token, name: created.name } };
  },
);

export const revokeTokenAction = action(
  { name: "revokeToken", permission: "tokens:manage", input: z.object({ id: z.string().min(1) }) },
  async ({ db, input, actor, now }) => {
    await revokeApiToken(db, input.id, { actor, now });
    revalidatePath("/admin/tokens");
    return { message: "Token revoked" };
  },
);
