import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listActivePeople, listTeamOptions } from "@/lib/db/people/people-admin";
import { findVisibleSigner } from "@/lib/db/signers/detail";
import { formatGrant } from "@/lib/domain/privileges";
import { Card, PageHeader } from "@/components/ui/card";
import { SignerForm } from "@/components/signers/signer-form";
import { StatusForm } from "@/components/signers/status-form";
import { changeStatusAction, updateSignerAction } from "../../actions";

export const metadata = { title: "Edit signer" };

export default async function EditSignerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("/signers/[id]/edit");
  const { id } = await params;
  const db = getDb();
  const signer = await findVisibleSigner(db, user, id);
  if (!signer) notFound();
  const [people, teams] = await Promise.all([listActivePeople(db), listTeamOptions(db)]);
  // a departed owner stays selectable so saving other fields does not silently drop them
  const options = people.map((p) => ({ id: p.id, label: `${p.name} <${p.email}>` }));
  for (const o of [signer.primaryOwner, signer.backupOwner]) {
    if (o && !o.isActive && !options.some((x) => x.id === o.id))
      options.push({ id: o.id, label: `${o.name} <${o.email}> — left` });
  }
  return (
    <>
      <PageHeader title={`Edit ${signer.name}`} description="Changes are audited with their before and after values." />
      <div className="space-y-6">
        <Card>
          <SignerForm
            action={updateSignerAction}
            values={{
              id: signer.id,
              name: signer.name,
              kind: signer.kind,
              platform: signer.platform,
              environments: signer.environments.join(", "),
              artifactTypes: signer.artifactTypes.join(", "),
              description: signer.description ?? "",
              credentialType: signer.credentialType,
              credentialExpiresAt: signer.credentialExpiresAt
                ? signer.credentialExpiresAt.toISOString().slice(0, 10)
                : "",
              primaryOwner: signer.primaryOwner?.id ?? "",
              backupOwner: signer.backupOwner?.id ?? "",
              team: signer.team?.id ?? "",
              privileges: signer.privileges
                .filter((p) => !p.removedAt)
                .map(formatGrant)
                .join("\n"),
              certificates: signer.certificates.map((c) => c.sha256).join("\n"),
              custody: signer.custody,
              custodyEvidence: signer.custodyEvidence ?? "",
              keylessIssuer: signer.keylessIssuer ?? "",
              keylessSubjectPattern: signer.keylessSubjectPattern ?? "",
            }}
            people={options}
            teams={teams.map((t) => ({ id: t.id, label: t.name }))}
            submitLabel="Save changes"
            cancelHref={`/signers/${signer.id}`}
          />
        </Card>
        <Card title="Status">
          <StatusForm id={signer.id} status={signer.status} action={changeStatusAction} />
        </Card>
      </div>
    </>
  );
}
