"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action } from "@/lib/api/action";
import { signerCreateSchema, signerUpdateSchema, statusChangeSchema } from "@/lib/domain/signer-input";
import { changeSignerStatus } from "@/lib/services/change-signer-status";
import { createSigner } from "@/lib/services/create-signer";
import { updateSigner } from "@/lib/services/update-signer";
import { formFieldOf, signerFormToInput } from "@/components/signers/form-data";

// The signer form goes through the same zod schemas as POST/PATCH /api/v1/signers; a refused form
// gets its values back (action() sends them) and each issue beside its field.
const signerForm = { read: signerFormToInput, field: (path: string) => formFieldOf(path.split(".")) };
const idOf = (form: FormData) => String(form.get("id") ?? "");

export const createSignerAction = action(
  { name: "createSigner", permission: "inventory:write", input: signerCreateSchema, ...signerForm },
  async ({ db, input, actor, now }) => {
    const id = (await createSigner(db, input, { actor, now })).id;
    revalidatePath("/signers");
    redirect(`/signers/${id}?created=1`);
  },
);

export const updateSignerAction = action(
  { name: "updateSigner", permission: "inventory:write", input: signerUpdateSchema, ...signerForm },
  async ({ db, input, actor, now, form }) => {
    const id = idOf(form);
    await updateSigner(db, id, input, { actor, now });
    revalidatePath(`/signers/${id}`);
    redirect(`/signers/${id}?saved=1`);
  },
);

export const changeStatusAction = action(
  {
    name: "changeSignerStatus",
    permission: "inventory:write",
    input: statusChangeSchema,
    read: (form) => ({ status: form.get("status"), reason: String(form.get("reason") ?? "").trim() || undefined }),
    fields: [],
  },
  async ({ db, input, actor, now, form }) => {
    const id = idOf(form);
    const r = await changeSignerStatus(db, id, input, { actor, now });
    revalidatePath(`/signers/${id}`);
    return { message: `Signer is now ${r.status}${r.revokedTokens ? `; ${r.revokedTokens} API tokens revoked` : ""}` };
  },
);
