import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getCertificateDetail } from "@/lib/db/certificates/detail";
import { certificateDetailQuery } from "@/lib/queries/certificates";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PageHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { certificateName } from "@/lib/domain/certificate-name";
import { CertificateDetailView } from "@/components/certificates/certificate-detail-view";
import { RevocationPanel } from "@/components/revocation/revocation-panel";
import { MuteControl } from "@/components/alerts/mute-control";
import { can } from "@/lib/domain/authz";
import { listActiveMutes } from "@/lib/db/alerts/alerts";
import { certificateProfileOf } from "@/lib/db/certificates/profile";
import { ProfilePanel } from "@/components/certificates/profile-panel";

export const metadata = { title: "Certificate" };

export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("/certificates/[id]");
  const { id } = await params;
  const detail = await getCertificateDetail(getDb(), user, id, new Date());
  // owners get the same answer for someone else's certificate as for one that does not exist
  if (!detail) notFound();
  const [[mute], profile] = await Promise.all([
    listActiveMutes(getDb(), { now: new Date(), user, certificateId: id }),
    certificateProfileOf(getDb(), id),
  ]);
  const queryClient = makeQueryClient();
  queryClient.setQueryData(certificateDetailQuery(id).queryKey, detail);
  return (
    <>
      <Breadcrumb parent={{ href: "/certificates", label: "Certificates" }}>
        {detail.subjectCn ?? detail.serialHex}
      </Breadcrumb>
      <PageHeader title={certificateName(detail)} description={`Issued by ${detail.issuerCn ?? detail.issuer}`} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <CertificateDetailView id={id} />
      </HydrationBoundary>
      <div className="mt-6 space-y-6">
        {profile ? <ProfilePanel choice={profile} /> : null}
        <MuteControl certificateId={id} mute={mute ?? null} canMute={can(user.role, "alerts:mute")} />
        <RevocationPanel certificateId={id} canTriage={can(user.role, "findings:triage")} />
      </div>
    </>
  );
}
