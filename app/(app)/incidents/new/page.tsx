import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listIncidentSubjectOptions } from "@/lib/db/incidents/reads";
import { Card, PageHeader } from "@/components/ui/card";
import { DeclareIncidentForm } from "@/components/incidents/incident-forms";
import { declareIncidentAction } from "../actions";

export const metadata = { title: "Declare compromised" };

export default async function NewIncidentPage({
  searchParams,
}: {
  searchParams: Promise<{ mode?: string; subjectType?: string; subjectId?: string }>;
}) {
  await requirePageUser("/incidents/new");
  const q = await searchParams;
  const subjects = await listIncidentSubjectOptions(getDb());
  const mode = q.mode === "drill" ? "drill" : "compromise";
  const subjectType = q.subjectType === "signer" ? "signer" : "key";
  return (
    <>
      <PageHeader
        title={mode === "drill" ? "Start a key-compromise drill" : "Declare compromised"}
        description={
          mode === "drill"
            ? "A drill walks the whole response and marks every message and record DRILL: nothing is suspended or revoked. It ends with a report."
            : "Every signer using the key is suspended at once, revocation of its certificates is requested with the CSBR 24-hour deadline, owners and the security team are emailed and a recovery task opens for each release channel."
        }
      />
      <Card>
        <DeclareIncidentForm
          action={declareIncidentAction}
          subjects={subjects}
          defaults={{ mode, subjectType, subjectId: q.subjectId ?? "" }}
        />
      </Card>
    </>
  );
}
