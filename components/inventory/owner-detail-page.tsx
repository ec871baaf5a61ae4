import type { OwnerDetail } from "@/lib/db/people/owners";
import { PageHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { loadInventoryDetail, type Load } from "./page-data";
import { OwnerDetailView } from "./owner-detail-view";

/** The detail page of a person or a team: the same view, reached back from its tab of the owner list. */
export function ownerDetailPage({
  load,
  listHref,
  description,
}: {
  load: Load<string, OwnerDetail | null>;
  listHref: string;
  description: string;
}) {
  return async function OwnerPage({ params }: { params: Promise<{ id: string }> }) {
    const { detail: owner } = await loadInventoryDetail(params, load);
    return (
      <>
        <Breadcrumb parent={{ href: listHref, label: "Owners" }}>{owner.name}</Breadcrumb>
        <PageHeader title={owner.name} description={description} />
        <OwnerDetailView owner={owner} />
      </>
    );
  };
}
