import { getTeamDetail } from "@/lib/db/people/owners";
import { ownerDetailPage } from "@/components/inventory/owner-detail-page";

export const metadata = { title: "Team" };

export default ownerDetailPage({
  page: "/owners/teams/[id]",
  load: getTeamDetail,
  listHref: "/owners?kind=teams",
  description: "A team and the signers it is accountable for",
});
