"use server";

import type { SignerFormState } from "@/lib/api/action-state";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { actionErrorState } from "@/lib/api/errors";
import { requireActionUser } from "@/lib/auth/action-guard";
import { userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { signerCreateSchema, signerUpdateSchema, statusChangeSchema } from "@/lib/domain/signer-input";
import { changeSignerStatus } from "@/lib/services/change-signer-status";
import { createSigner } from "@/lib/services/create-signer";
import { updateSigner } from "@/lib/services/update-signer";
import { formFieldOf, signerFormToInput } from "@/components/signers/form-data";

/** values: what was submitted, so a refused form shows it again (React resets forms after an action) */

function submitted(form: FormData) {
  return { values: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])), nonce: Date.now() };
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) out[formFieldOf(i.path)] ??= i.message;
  return out;
}

export async function createSignerAction(_prev: SignerFormState, form: FormData): Promise<SignerFormState> {
  let id: string;
  try {
    const user = await requireActionUser("inventory:write");
    const parsed = signerCreateSchema.safeParse(signerFormToInput(form));
    if (!parsed.success) return { error: "Check the highlighted fields", fieldErrors: fieldErrorsOf(parsed.error), ...submitted(form) };
    id = (await createSigner(getDb(), parsed.data, { actor: userActor(user), now: new Date() })).id;
  } catch (error) {
    return { ...actionErrorState(error, "createSigner"), ...submitted(form) };
  }
  revalidatePath("/signers");
  redirect(`/signers/${id}?created=1`);
}

export async function updateSignerAction(_prev: SignerFormState, form: FormData): Promise<SignerFormState> {
  const id = String(form.get("id") ?? "");
  try {
    const user = await requireActionUser("inventory:write");
    const parsed = signerUpdateSchema.safeParse(signerFormToInput(form));
    if (!parsed.success) return { error: "Check the highlighted fields", fieldErrors: fieldErrorsOf(parsed.error), ...submitted(form) };
    await updateSigner(getDb(), id, parsed.data, { actor: userActor(user), now: new Date() });
  } catch (error) {
    return { ...actionErrorState(error, "updateSigner"), ...submitted(form) };
  }
  revalidatePath(`/signers/${id}`);
  redirect(`/signers/${id}?saved=1`);
}

export async function changeStatusAction(_prev: SignerFormState, form: FormData): Promise<SignerFormState> {
  const id = String(form.get("id") ?? "");
  try {
    const user = await requireActionUser("inventory:write");
    const parsed = statusChangeSchema.safeParse({ status: form.get("status"), reason: String(form.get("reason") ?? "").trim() || undefined });
    if (!parsed.success) return { error: parsed.error.issues[0].message };
    const r = await changeSignerStatus(getDb(), id, parsed.data, { actor: userActor(user), now: new Date() });
    revalidatePath(`/signers/${id}`);
    return { message: `Signer is now ${r.status}${r.revokedTokens ? `; ${r.revokedTokens} API tokens revoked` : ""}` };
  } catch (error) {
    return actionErrorState(error, "changeSignerStatus");
  }
}
