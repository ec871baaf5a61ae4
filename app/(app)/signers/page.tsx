import Link from "next/link";
import { listActivePeople, listTeamOptions } from "@/lib/db/people/people-admin";
import { listSignerPage } from "@/lib/db/signers/list";
import { can, isOwnerScoped } from "@/lib/domain/authz";
import { signerFiltersSchema } from "@/lib/domain/inventory-filters";
import { signerListQuery } from "@/lib/queries/signers";
import { buttonClass } from "@/components/ui/button";
import { inventoryListPage } from "@/components/inventory/list-page";
import { SignerList } from "@/components/signers/signer-list";

export const metadata = { title: "Signers" };

export default inventoryListPage({
  page: "/signers",
  title: "Signers",
  description: (user) =>
    isOwnerScoped(user.role)
      ? "The signers you own as primary or backup owner."
      : "The service identities that sign your software: pipelines, build services, release bots and automation accounts.",
  actions: (user) =>
    can(user.role, "inventory:write") ? (
      <>
        <Link href="/signers/import" className={buttonClass("secondary")}>
          Import CSV/JSON
        </Link>
        <Link href="/signers/new" className={buttonClass("primary")}>
          New signer
        </Link>
      </>
    ) : undefined,
  schema: signerFiltersSchema,
  list: { query: signerListQuery, load: (db, user, filters) => listSignerPage(db, user, filters) },
  // owners filter nothing by team or owner: they see their own signers only
  choices: async (db, user) =>
    isOwnerScoped(user.role)
      ? { teams: [], people: [] }
      : { teams: await listTeamOptions(db), people: await listActivePeople(db) },
  render: ({ teams, people }, user) => (
    <SignerList
      teams={teams}
      people={people.map((p) => ({ id: p.id, name: p.name }))}
      isOwner={isOwnerScoped(user.role)}
    />
  ),
});
