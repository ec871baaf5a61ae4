import { listRevocationPage } from "@/lib/db/revocation/revocation-queue";
import { revocationFiltersSchema } from "@/lib/domain/inventory-filters";
import { revocationListQuery } from "@/lib/queries/revocation";
import { inventoryListPage } from "@/components/inventory/list-page";
import { RevocationList } from "@/components/revocation/revocation-list";

export const metadata = { title: "Revocation" };

export default inventoryListPage({
  page: "/revocation",
  title: "Revocation",
  description:
    "Revocation requests and the CSBR §4.9.1.1 deadlines the CA must meet (24 hours for key compromise or suspect code, 5 days otherwise), and certificates whose last CRL/OCSP check failed.",
  schema: revocationFiltersSchema,
  list: { query: revocationListQuery, load: listRevocationPage },
  render: (_choices, _user, now) => <RevocationList now={now} />,
});
