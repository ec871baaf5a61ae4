"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/domain/zod";
import { action } from "@/lib/api/action";
import { deactivatePerson } from "@/lib/services/deactivate-person";
import { reactivatePerson } from "@/lib/services/reactivate-person";
import { splitCiHandles } from "@/lib/domain/ci-handles";
import {
  addPerson,
  addTeam,
  changePersonCiHandles,
  changePersonTeam,
  ciHandlesChangeSchema,
  personCreateSchema,
  teamCreateSchema,
} from "@/lib/services/manage-people";
import { reassignOwnership, reassignSchema } from "@/lib/services/reassign-ownership";

const KEEP = "";
const CLEAR = "__clear__";

// the form's fields are the schema's (an empty team is no team, as addPerson reads it): the default reader serves
export const createPersonAction = action(
  { name: "createPerson", permission: "inventory:write", input: personCreateSchema },
  async ({ db, input, actor, now }) => {
    const p = await addPerson(db, input, { actor, now });
    revalidatePath("/owners");
    return { message: `${p.name} added` };
  },
);

/** The team form sits on the same page as the person form: its fields are teamName and teamEmail. */
export const createTeamAction = action(
  {
    name: "createTeam",
    permission: "inventory:write",
    input: teamCreateSchema,
    read: (form) => ({ name: form.get("teamName"), email: String(form.get("teamEmail") ?? "") || null }),
    field: (path) => (path.startsWith("name") ? "teamName" : "teamEmail"),
  },
  async ({ db, input, actor, now }) => {
    const t = await addTeam(db, input, { actor, now });
    revalidatePath("/owners");
    return { message: `Team ${t.name} added` };
  },
);

const personForm = z.object({ personId: z.string().min(1), reason: z.string().trim().max(500).optional() });
const readPersonForm = (form: FormData) => ({
  personId: form.get("personId"),
  reason: String(form.get("reason") ?? "").trim() || undefined,
});

// Both answer with a redirect to the person's page, which shows the outcome: the forms themselves
// disappear once the person has left or owns nothing any more.
export const deactivatePersonAction = action(
  { name: "deactivatePerson", permission: "inventory:write", input: personForm, read: readPersonForm, fields: [] },
  async ({ db, input, actor, now }) => {
    const r = await deactivatePerson(db, input.personId, { actor, now, reason: input.reason });
    const outcome = new URLSearchParams({
      orphaned: String(r.orphanedSignerIds.length),
      backups: String(r.backupOfSignerIds.length),
      signIn: r.isSignInCutOff ? "off" : "none",
    }).toString();
    revalidatePath("/signers");
    redirect(`/people/${input.personId}?${outcome}`);
  },
);

export const reactivatePersonAction = action(
  { name: "reactivatePerson", permission: "inventory:write", input: personForm, read: readPersonForm, fields: [] },
  async ({ db, input, actor, now }) => {
    const r = await reactivatePerson(db, input.personId, { actor, now });
    revalidatePath("/signers");
    redirect(`/people/${input.personId}?back=${r.userId && r.isUserDisabled ? "disabled" : "none"}`);
  },
);

const choice = (v: FormDataEntryValue | null) => {
  const s = String(v ?? KEEP);
  return s === KEEP ? undefined : s === CLEAR ? null : s;
};

export const reassignAction = action(
  {
    name: "reassignOwnership",
    permission: "inventory:write",
    input: reassignSchema,
    read: (form) =>
      form.get("mode") === "handover"
        ? { fromPerson: String(form.get("fromPerson") ?? ""), toPerson: String(form.get("toPerson") ?? "") }
        : {
            signerIds: form.getAll("signerIds").map(String),
            primaryOwner: choice(form.get("primaryOwner")),
            backupOwner: choice(form.get("backupOwner")),
            team: choice(form.get("team")),
          },
    fields: [],
  },
  async ({ db, input, actor, now, form }) => {
    const { changed } = await reassignOwnership(db, input, { actor, now });
    revalidatePath("/signers");
    redirect(`/people/${String(form.get("personId") ?? "")}?reassigned=${changed}`);
  },
);

/** The accounts a person runs pipelines as, typed as one list (commas, spaces or lines between). */
export const setCiHandlesAction = action(
  {
    name: "setPersonCiHandles",
    permission: "inventory:write",
    input: ciHandlesChangeSchema.extend({ personId: z.string().min(1) }),
    read: (form) => ({
      personId: form.get("personId"),
      ciHandles: splitCiHandles(String(form.get("ciHandles") ?? "")),
    }),
    field: () => "ciHandles",
  },
  async ({ db, input, actor, now }) => {
    const { ciHandles } = await changePersonCiHandles(db, input.personId, input.ciHandles, { actor, now });
    revalidatePath(`/people/${input.personId}`);
    return { message: ciHandles.length ? `CI accounts saved: ${ciHandles.join(", ")}` : "No CI accounts now" };
  },
);

/** Moves a person to another team, or to none (an empty choice). */
export const setPersonTeamAction = action(
  {
    name: "setPersonTeam",
    permission: "inventory:write",
    input: z.object({ personId: z.string().min(1), team: z.string().min(1).nullable() }),
    read: (form) => ({ personId: form.get("personId"), team: String(form.get("team") ?? "") || null }),
    field: () => "team",
  },
  async ({ db, input, actor, now }) => {
    const { team } = await changePersonTeam(db, input.personId, input.team, { actor, now });
    revalidatePath(`/people/${input.personId}`);
    return { message: team ? `Now in team ${team.name}` : "Now in no team" };
  },
);
