import { listDiscoveryPage } from "@/lib/db/artifacts/discovery";
import { listPersonOptions } from "@/lib/db/people/people";
import { listSignerOptions } from "@/lib/db/signers/signers";
import { discoveryFiltersSchema } from "@/lib/domain/inventory-filters";
import { discoveryListQuery } from "@/lib/queries/discovery";
import { inventoryListPage } from "@/components/inventory/list-page";
import { DiscoveryList } from "@/components/artifacts/discovery-list";
import { decideDiscoveryAction } from "./actions";

export const metadata = { title: "Discovery queue" };

export default inventoryListPage({
  title: "Discovery queue",
  description:
    "Certificates and keyless identities found signing scanned artifacts that no registered signer uses. Link each to its signer, create one in a click, or mark it known-external (a vendor's signature).",
  schema: discoveryFiltersSchema,
  list: { query: discoveryListQuery, load: (db, _user, filters) => listDiscoveryPage(db, filters) },
  page: "/discovery",
  choices: async (db) => {
    const [signers, people] = await Promise.all([listSignerOptions(db), listPersonOptions(db)]);
    return { signers, people };
  },
  render: ({ signers, people }) => <DiscoveryList decide={decideDiscoveryAction} signers={signers} people={people} />,
});
