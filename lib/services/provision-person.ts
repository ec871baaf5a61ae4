import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { createPerson } from "@/lib/db/people/people";
import { findProvisionedPeople, setPersonExternalId, updatePersonIdentity } from "@/lib/db/people/provisioning";
import { recordAuditBy, type Actor } from "./audit";
import { deactivatePerson } from "./deactivate-person";
import { reactivatePerson } from "./reactivate-person";

// The identity provider (SCIM, lib/api/scim.ts) creates a person or replaces what it knows of one:
// name, email, externalId and whether they are still here. A person it marks inactive has left:
// that goes through deactivatePerson, so their signers show as orphaned and the orphaned-signer
// findings open (and alert) exactly as when someone marks the leaver by hand. Each change audited.

export type ProvisionedPersonInput = { name: string; email: string; externalId: string | null; isActive: boolean };

type Options = { actor: Actor; now: Date };

export async function provisionPerson(
  db: Db,
  personId: string | null,
  input: ProvisionedPersonInput,
  options: Options,
) {
  const id = personId ?? (await createProvisioned(db, input, options));
  const [before] = await findProvisionedPeople(db, { id });
  if (!before) throw notFound("Person");
  const identity = { name: input.name, email: input.email.toLowerCase(), externalId: input.externalId };
  const changed = (Object.keys(identity) as (keyof typeof identity)[]).filter((k) => before[k] !== identity[k]);
  if (personId && changed.length) {
    await withTransaction(db, async (tx) => {
      await updatePersonIdentity(tx, id, identity);
      await recordAuditBy(tx, options, {
        action: "person.updated",
        targetType: "person",
        targetId: id,
        summary: `${identity.name} <${identity.email}> updated by the identity provider (${changed.join(", ")})`,
        details: {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, identity[k]])),
        },
      });
    });
  }
  if (before.isActive && !input.isActive)
    await deactivatePerson(db, id, { ...options, reason: "Deactivated by the identity provider (SCIM)" });
  else if (!before.isActive && input.isActive) await reactivatePerson(db, id, options);
  return id;
}

async function createProvisioned(db: Db, input: ProvisionedPersonInput, options: Options): Promise<string> {
  const [taken] = await findProvisionedPeople(db, { email: input.email });
  if (taken)
    throw new AppError("conflict", `A person with the email ${input.email} exists already (id ${taken.id})`, {
      details: { isDuplicate: true },
    });
  return withTransaction(db, async (tx) => {
    // created active; an inactive newcomer is marked as left just after (audited as such)
    const person = await createPerson(tx, { name: input.name, email: input.email });
    if (input.externalId) await setPersonExternalId(tx, person.id, input.externalId);
    await recordAuditBy(tx, options, {
      action: "person.created",
      targetType: "person",
      targetId: person.id,
      summary: `Person ${person.name} <${person.email}> added by the identity provider`,
      details: { externalId: input.externalId, via: "scim" },
    });
    return person.id;
  });
}
