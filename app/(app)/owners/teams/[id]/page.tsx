import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getTeamDetail } from "@/lib/db/people/owners";
import { PageHeader } from "@/components/ui/card";
import { OwnerDetailView } from "@/components/inventory/owner-detail-view";

export const metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("inventory:read");
  const { id } = await params;
  const owner = await getTeamDetail(getDb(), user, id, new Date());
  if (!owner) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/owners?kind=teams" className="hover:underline">Owners</Link> / {owner.name}
      </nav>
      <PageHeader title={owner.name} description={"A team and the signers it is accountable for"} />
      <OwnerDetailView owner={owner} />
    </>
  );
}
