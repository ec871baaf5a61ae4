import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listRecentScans } from "@/lib/db/artifacts/scans";
import { MAX_SCAN_FILE_BYTES } from "@/lib/services/scan-artifacts";
import { ArtifactLookupForm, ScanUpload } from "@/components/artifacts/scan-upload";
import { Card, PageHeader } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { RowsTable, Td } from "@/components/ui/table";

export const metadata = { title: "Scan artifacts" };

export default async function ScansPage() {
  await requirePageUser("inventory:write");
  const scans = await listRecentScans(getDb());
  return (
    <>
      <PageHeader
        title="Scan artifacts"
        description="Upload signed files to find who signed them: their certificates join the inventory, and signers nobody registered go to the discovery queue. The CLI does the same for folders: signet scan --server."
      />
      <div className="space-y-6">
        <Card title="Who signed this?">
          <ArtifactLookupForm />
        </Card>
        <Card title="Upload">
          <ScanUpload maxFileBytes={MAX_SCAN_FILE_BYTES} />
        </Card>
        <Card title="Recent scans">
          <RowsTable
            caption="Recent scans, newest first"
            headings={[
              { label: "Started", priority: 1 },
              { label: "By", priority: 3 },
              { label: "Source", priority: 3 },
              { label: "Files", priority: 1 },
              { label: "Signed", priority: 1 },
              { label: "Unsigned", priority: 2 },
              { label: "Malformed", priority: 3 },
              { label: "Failed", priority: 2 },
            ]}
            rows={scans}
            empty="No scan yet."
            row={(s) => (
              <>
                <Td>
                  <DateText date={s.startedAt} />
                </Td>
                <Td>{s.actorLabel}</Td>
                <Td>{s.source}</Td>
                <Td>{s.totalFiles}</Td>
                <Td>{s.signedFiles}</Td>
                <Td>{s.unsignedFiles}</Td>
                <Td>{s.malformedFiles}</Td>
                <Td>{s.failedFiles}</Td>
              </>
            )}
          />
        </Card>
      </div>
    </>
  );
}
