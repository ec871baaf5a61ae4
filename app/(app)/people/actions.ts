"use server";

import type { PeopleFormState } from "@/lib/api/action-state";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionErrorState } from "@/lib/api/errors";
import { requireActionUser } from "@/lib/auth/action-guard";
import { userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { deactivatePerson } from "@/lib/services/deactivate-person";
import { reactivatePerson } from "@/lib/services/reactivate-person";
import { addPerson, addTeam, personCreateSchema, teamCreateSchema } from "@/lib/services/manage-people";
import { reassignOwnership, reassignSchema } from "@/lib/services/reassign-ownership";

const KEEP = "";
const CLEAR = "__clear__";

// nonce: a new state object each time, so the same error shown twice still re-renders
const fail = (error: unknown, action: string): PeopleFormState => ({
  ...actionErrorState(error, action),
  nonce: Date.now(),
});

export async function createPersonAction(_prev: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  try {
    const user = await requireActionUser("inventory:write");
    const parsed = personCreateSchema.safeParse({
      name: form.get("name"),
      email: form.get("email"),
      team: String(form.get("team") ?? "") || null,
    });
    if (!parsed.success)
      return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
    const p = await addPerson(getDb(), parsed.data, { actor: userActor(user), now: new Date() });
    revalidatePath("/owners");
    return { message: `${p.name} added`, nonce: Date.now() };
  } catch (error) {
    return fail(error, "createPerson");
  }
}

export async function createTeamAction(_prev: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  try {
    const user = await requireActionUser("inventory:write");
    const parsed = teamCreateSchema.safeParse({
      name: form.get("teamName"),
      email: String(form.get("teamEmail") ?? "") || null,
    });
    if (!parsed.success)
      return {
        fieldErrors: Object.fromEntries(
          parsed.error.issues.map((i) => [i.path[0] === "name" ? "teamName" : "teamEmail", i.message]),
        ),
      };
    const t = await addTeam(getDb(), parsed.data, { actor: userActor(user), now: new Date() });
    revalidatePath("/owners");
    return { message: `Team ${t.name} added`, nonce: Date.now() };
  } catch (error) {
    return fail(error, "createTeam");
  }
}

// Both answer with a redirect to the person's page, which shows the outcome: the forms themselves
// disappear once the person has left or owns nothing any more.
export async function deactivatePersonAction(_prev: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  const id = String(form.get("personId") ?? "");
  let outcome: string;
  try {
    const user = await requireActionUser("inventory:write");
    const r = await deactivatePerson(getDb(), id, {
      actor: userActor(user),
      now: new Date(),
      reason: String(form.get("reason") ?? "").trim() || undefined,
    });
    outcome = new URLSearchParams({
      orphaned: String(r.orphanedSignerIds.length),
      backups: String(r.backupOfSignerIds.length),
      signIn: r.isSignInCutOff ? "off" : "none",
    }).toString();
  } catch (error) {
    return fail(error, "deactivatePerson");
  }
  revalidatePath("/signers");
  redirect(`/people/${id}?${outcome}`);
}

export async function reactivatePersonAction(_prev: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  const id = String(form.get("personId") ?? "");
  let signIn: string;
  try {
    const user = await requireActionUser("inventory:write");
    const r = await reactivatePerson(getDb(), id, { actor: userActor(user), now: new Date() });
    signIn = r.userId && r.isUserDisabled ? "disabled" : "none";
  } catch (error) {
    return fail(error, "reactivatePerson");
  }
  revalidatePath("/signers");
  redirect(`/people/${id}?back=${signIn}`);
}

const choice = (v: FormDataEntryValue | null) => {
  const s = String(v ?? KEEP);
  return s === KEEP ? undefined : s === CLEAR ? null : s;
};

export async function reassignAction(_prev: PeopleFormState, form: FormData): Promise<PeopleFormState> {
  let changed: number;
  try {
    const user = await requireActionUser("inventory:write");
    const input =
      form.get("mode") === "handover"
        ? { fromPerson: String(form.get("fromPerson") ?? ""), toPerson: String(form.get("toPerson") ?? "") }
        : {
            signerIds: form.getAll("signerIds").map(String),
            primaryOwner: choice(form.get("primaryOwner")),
            backupOwner: choice(form.get("backupOwner")),
            team: choice(form.get("team")),
          };
    const parsed = reassignSchema.safeParse(input);
    if (!parsed.success) return { error: parsed.error.issues[0].message, nonce: Date.now() };
    changed = (await reassignOwnership(getDb(), parsed.data, { actor: userActor(user), now: new Date() })).changed;
  } catch (error) {
    return fail(error, "reassignOwnership");
  }
  revalidatePath("/signers");
  redirect(`/people/${String(form.get("personId") ?? "")}?reassigned=${changed}`);
}
