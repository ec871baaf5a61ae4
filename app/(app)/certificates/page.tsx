import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { listTeams } from "@/lib/db/people/people";
import { certificateFiltersSchema, parseFilters, type SearchParamsInput } from "@/lib/domain/inventory-filters";
import { certificateListQuery } from "@/lib/queries/certificates";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PageHeader } from "@/components/ui/card";
import { CertificateList } from "@/components/certificates/certificate-list";

export const metadata = { title: "Certificates" };

export default async function CertificatesPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const user = await requirePageUser("/certificates");
  const filters = parseFilters(certificateFiltersSchema, await searchParams);
  const db = getDb();
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    ...certificateListQuery(filters),
    queryFn: () => listCertificatePage(db, user, filters, new Date()),
  });
  const teams = user.role === "owner" ? [] : await listTeams(db);
  return (
    <>
      <PageHeader
        title="Certificates"
        description={
          user.role === "owner"
            ? "The certificates your signers use, soonest expiry first."
            : "Signing certificates and the CAs that issued them, soonest expiry first."
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <CertificateList teams={teams.map((t) => ({ id: t.id, name: t.name }))} />
      </HydrationBoundary>
    </>
  );
}
