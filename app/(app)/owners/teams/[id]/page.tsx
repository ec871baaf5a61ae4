import { getTeamDetail } from "@/lib/db/people/owners";
import { PageHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { loadInventoryDetail } from "@/components/inventory/page-data";
import { OwnerDetailView } from "@/components/inventory/owner-detail-view";

export const metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const { detail: owner } = await loadInventoryDetail(params, getTeamDetail);
  return (
    <>
      <Breadcrumb parent={{ href: "/owners?kind=teams", label: "Owners" }}>{owner.name}</Breadcrumb>
      <PageHeader title={owner.name} description={"A team and the signers it is accountable for"} />
      <OwnerDetailView owner={owner} />
    </>
  );
}
