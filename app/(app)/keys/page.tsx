import { listKeyPage } from "@/lib/db/keys/list";
import { keyFiltersSchema } from "@/lib/domain/inventory-filters";
import { keyListQuery } from "@/lib/queries/keys";
import { inventoryListPage } from "@/components/inventory/list-page";
import { teamChoices } from "@/components/inventory/page-data";
import { KeyList } from "@/components/inventory/key-list";

export const metadata = { title: "Keys" };

export default inventoryListPage({
  page: "/keys",
  title: "Keys",
  description:
    "Signing key pairs by public-key fingerprint: where each is held, and how long it has been in use (renewal on the same key does not reset the clock).",
  schema: keyFiltersSchema,
  list: { query: keyListQuery, load: listKeyPage },
  choices: teamChoices,
  render: (teams) => <KeyList teams={teams} />,
});
