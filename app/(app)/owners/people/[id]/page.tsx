import { getPersonDetail } from "@/lib/db/people/owners";
import { PageHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { loadInventoryDetail } from "@/components/inventory/page-data";
import { OwnerDetailView } from "@/components/inventory/owner-detail-view";

export const metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { detail: owner } = await loadInventoryDetail(params, getPersonDetail);
  return (
    <>
      <Breadcrumb parent={{ href: "/owners", label: "Owners" }}>{owner.name}</Breadcrumb>
      <PageHeader title={owner.name} description={"A person who owns signers"} />
      <OwnerDetailView owner={owner} />
    </>
  );
}
