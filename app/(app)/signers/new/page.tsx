import { getDb } from "@/lib/db/client";
import { listActivePeople, listTeamOptions } from "@/lib/db/people/people-admin";
import { Card } from "@/components/ui/card";
import { guardedPage } from "@/components/inventory/guarded-page";
import { EMPTY_SIGNER_FORM, SignerForm } from "@/components/signers/signer-form";
import { createSignerAction } from "../actions";

export const metadata = { title: "New signer" };

export default guardedPage({
  page: "/signers/new",
  title: "New signer",
  description:
    "Register a service identity that signs software. Never paste a secret: Signet records references (key ids, HSM models), not keys or tokens.",
  render: async () => {
    const db = getDb();
    const [people, teams] = await Promise.all([listActivePeople(db), listTeamOptions(db)]);
    return (
      <Card>
        <SignerForm
          action={createSignerAction}
          values={EMPTY_SIGNER_FORM}
          people={people.map((p) => ({ id: p.id, label: `${p.name} <${p.email}>` }))}
          teams={teams.map((t) => ({ id: t.id, label: t.name }))}
          submitLabel="Create signer"
          cancelHref="/signers"
        />
      </Card>
    );
  },
});
