import type { OwnerDetail } from "@/lib/db/people/owners";
import Link from "next/link";
import type { PagePattern } from "@/lib/auth/page-access";
import { can } from "@/lib/domain/authz";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { loadInventoryDetail, type Load } from "./page-data";
import { OwnerDetailView } from "./owner-detail-view";

/** The detail page of a person or a team: the same view, reached back from its tab of the owner list. */
export function ownerDetailPage({
  page,
  load,
  listHref,
  description,
  manageHref,
}: {
  /** the page's route pattern (its entry in PAGE_ACCESS) */
  page: PagePattern;
  load: Load<string, OwnerDetail | null>;
  listHref: string;
  description: string;
  /** where people who may edit the inventory manage this owner (mark as left, hand over signers) */
  manageHref?: (id: string) => string;
}) {
  return async function OwnerPage({ params }: { params: Promise<{ id: string }> }) {
    const { user, detail: owner } = await loadInventoryDetail(page, params, load);
    const manage =
      manageHref && can(user.role, "inventory:write") ? (
        <Link className={buttonClass("secondary")} href={manageHref(owner.id)}>
          Manage {owner.name}
        </Link>
      ) : null;
    return (
      <>
        <Breadcrumb parent={{ href: listHref, label: "People and teams" }}>{owner.name}</Breadcrumb>
        <PageHeader title={owner.name} description={description} actions={manage} />
        <OwnerDetailView owner={owner} />
      </>
    );
  };
}
