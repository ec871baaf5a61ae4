"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action } from "@/lib/api/action";
import { signerCreateSchema, signerUpdateSchema, statusChangeSchema } from "@/lib/domain/signer-input";
import { changeSignerStatus } from "@/lib/services/change-signer-status";
import { createSigner } from "@/lib/services/create-signer";
import { updateSigner } from "@/lib/services/update-signer";
import {
  addSignerCredential,
  removeSignerCredential,
  updateSignerCredential,
} from "@/lib/services/manage-signer-credentials";
import { signerCredentialCreateSchema, signerCredentialUpdateSchema } from "@/lib/domain/signer-credentials";
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

// A signer's credentials (the table on the signer page): the same schemas as
// /api/v1/signers/[id]/credentials, so the form refuses a secret exactly as the API does.
const credentialForm = {
  read: (form: FormData) => {
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const optional = (name: string) => text(name) || null;
    return {
      kind: text("kind"),
      name: text("name"),
      location: optional("location"),
      expiresAt: optional("expiresAt"),
      lastRotatedAt: optional("lastRotatedAt"),
    };
  },
  fields: ["kind", "name", "location", "expiresAt", "lastRotatedAt"] as const,
};
const credentialIds = (form: FormData) => ({
  signerId: String(form.get("signerId") ?? ""),
  credentialId: String(form.get("credentialId") ?? form.get("id") ?? ""),
});

export const addSignerCredentialAction = action(
  {
    name: "addSignerCredential",
    permission: "inventory:write",
    input: signerCredentialCreateSchema,
    ...credentialForm,
  },
  async ({ db, input, actor, now, form }) => {
    const { signerId } = credentialIds(form);
    const c = await addSignerCredential(db, signerId, input, { actor, now });
    revalidatePath(`/signers/${signerId}`);
    return { message: `Credential ${c.name} added` };
  },
);

export const updateSignerCredentialAction = action(
  {
    name: "updateSignerCredential",
    permission: "inventory:write",
    input: signerCredentialUpdateSchema,
    ...credentialForm,
  },
  async ({ db, input, actor, now, form }) => {
    const ids = credentialIds(form);
    const r = await updateSignerCredential(db, ids, input, { actor, now });
    revalidatePath(`/signers/${ids.signerId}`);
    return { message: r.changed.length ? `Credential ${r.credential.name} saved` : "Nothing changed" };
  },
);

export const removeSignerCredentialAction = action(
  { name: "removeSignerCredential", permission: "inventory:write", fields: [] },
  async ({ db, actor, now, form }) => {
    const ids = credentialIds(form);
    await removeSignerCredential(db, ids, { actor, now });
    revalidatePath(`/signers/${ids.signerId}`);
    return { message: "Credential removed" };
  },
);
