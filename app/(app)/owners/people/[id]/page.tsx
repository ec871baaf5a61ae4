import { getPersonDetail } from "@/lib/db/people/owners";
import { ownerDetailPage } from "@/components/inventory/owner-detail-page";

export const metadata = { title: "Person" };

export default ownerDetailPage({
  page: "/owners/people/[id]",
  load: getPersonDetail,
  listHref: "/owners",
  description: "A person who owns signers",
  manageHref: (id) => `/people/${id}`,
});
