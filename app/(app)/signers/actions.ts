"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "@/lib/domain/zod";
import { action } from "@/lib/api/action";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/services/audit";
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
type CredentialIds = ReturnType<typeof credentialIds>;

/** An add or an update from the credential form: `change` answers what to tell the person; then the signer page reloads. */
function credentialFormAction<S extends z.ZodType>(
  name: string,
  input: S,
  change: (db: Db, ids: CredentialIds, input: z.infer<S>, by: { actor: Actor; now: Date }) => Promise<string>,
) {
  return action(
    { name, permission: "inventory:write", input, ...credentialForm },
    async ({ db, input, actor, now, form }) => {
      const ids = credentialIds(form);
      // action() types the input through a conditional type that stays open for a generic schema
      const message = await change(db, ids, input as z.infer<S>, { actor, now });
      revalidatePath(`/signers/${ids.signerId}`);
      return { message };
    },
  );
}

export const addSignerCredentialAction = credentialFormAction(
  "addSignerCredential",
  signerCredentialCreateSchema,
  async (db, { signerId }, input, by) =>
    `Credential ${(await addSignerCredential(db, signerId, input, by)).name} added`,
);

export const updateSignerCredentialAction = credentialFormAction(
  "updateSignerCredential",
  signerCredentialUpdateSchema,
  async (db, ids, input, by) => {
    const r = await updateSignerCredential(db, ids, input, by);
    return r.changed.length ? `Credential ${r.credential.name} saved` : "Nothing changed";
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
