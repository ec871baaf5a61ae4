"use server";

import { revalidatePath } from "next/cache";
import { toAppError } from "@/lib/api/errors";
import { requireActionUser } from "@/lib/auth/action-guard";
import { userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { deactivatePerson } from "@/lib/services/deactivate-person";
import { addPerson, addTeam, personCreateSchema, teamCreateSchema } from "@/lib/services/manage-people";
import { reassignOwnership, reassignSchema } from "@/lib/services/reassign-ownership";

export type PeopleFormState = { error?: string; fieldErrors?: Record<string, string>; message?: string; nonce?: number };

const KEEP = "";
const CLEAR = "__clear__";

function fail(error: unknown): PeopleFormState {
  const e = toAppError(error);
  const fieldErrors: Record<string, string> = {};
  for (const i of e.issues ?? []) fieldErrors[i.path] ??= i.message;
  return { error: e.message, fieldErrors, nonce: Date.now() };
}

export async function createPersonAction(_prev: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  try {
    const user = await requireActionUser("inventory:write");
    const parsed = personCreateSchema.safeParse({ name: form.get("name"), email: form.get("email"), team: String(form.get("team") ?? "") || null });
    if (!parsed.success) return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
    const p = await addPerson(getDb(), parsed.data, { actor: userActor(user), now: new Date() });
    revalidatePath("/people");
    return { message: `${p.name} added`, nonce: Date.now() };
  } catch (error) {
    return fail(error);
  }
}

export async function createTeamAction(_prev: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  try {
    const user = await requireActionUser("inventory:write");
    const parsed = teamCreateSchema.safeParse({ name: form.get("teamName"), email: String(form.get("teamEmail") ?? "") || null });
    if (!parsed.success) return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [i.path[0] === "name" ? "teamName" : "teamEmail", i.message])) };
    const t = await addTeam(getDb(), parsed.data, { actor: userActor(user), now: new Date() });
    revalidatePath("/people");
    return { message: `Team ${t.name} added`, nonce: Date.now() };
  } catch (error) {
    return fail(error);
  }
}

export async function deactivatePersonAction(_prev: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  const id = String(form.get("personId") ?? "");
  try {
    const user = await requireActionUser("inventory:write");
    const r = await deactivatePerson(getDb(), id, { actor: userActor(user), now: new Date(), reason: String(form.get("reason") ?? "").trim() || undefined });
    revalidatePath(`/people/${id}`);
    revalidatePath("/signers");
    return { message: `Marked as left: ${r.orphanedSignerIds.length} signers orphaned, ${r.backupOfSignerIds.length} lost their backup owner${r.isSignInCutOff ? "; their sign-in is disabled" : ""}.` };
  } catch (error) {
    return fail(error);
  }
}

const choice = (v: FormDataEntryValue | null) => {
  const s = String(v ?? KEEP);
  return s === KEEP ? undefined : s === CLEAR ? null : s;
};

export async function reassignAction(_prev: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  try {
    const user = await requireActionUser("inventory:write");
    const input =
      form.get("mode") === "handover"
        ? { fromPerson: String(form.get("fromPerson") ?? ""), toPerson: String(form.get("toPerson") ?? "") }
        : { signerIds: form.getAll("signerIds").map(String), primaryOwner: choice(form.get("primaryOwner")), backupOwner: choice(form.get("backupOwner")), team: choice(form.get("team")) };
    const parsed = reassignSchema.safeParse(input);
    if (!parsed.success) return { error: parsed.error.issues[0].message, nonce: Date.now() };
    const r = await reassignOwnership(getDb(), parsed.data, { actor: userActor(user), now: new Date() });
    revalidatePath("/people", "layout");
    revalidatePath("/signers");
    return { message: r.changed ? `Ownership of ${r.changed} signers changed` : "Nothing to change", nonce: Date.now() };
  } catch (error) {
    return fail(error);
  }
}
