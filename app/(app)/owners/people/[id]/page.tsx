import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getPersonDetail } from "@/lib/db/people/owners";
import { PageHeader } from "@/components/ui/card";
import { OwnerDetailView } from "@/components/inventory/owner-detail-view";

export const metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("inventory:read");
  const { id } = await params;
  const owner = await getPersonDetail(getDb(), user, id, new Date());
  if (!owner) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/owners" className="hover:underline">Owners</Link> / {owner.name}
      </nav>
      <PageHeader title={owner.name} description={"A person who owns signers"} />
      <OwnerDetailView owner={owner} />
    </>
  );
}
