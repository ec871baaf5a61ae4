import { listScanPage } from "@/lib/db/artifacts/scans";
import { scanListQuery } from "@/lib/queries/scans";
import { MAX_SCAN_FILE_BYTES } from "@/lib/services/scan-artifacts";
import { ArtifactLookupForm, ScanUpload } from "@/components/artifacts/scan-upload";
import { ScanList } from "@/components/artifacts/scan-list";
import { inventoryListPage } from "@/components/inventory/list-page";
import { Card } from "@/components/ui/card";

export const metadata = { title: "Scan artifacts" };

export default inventoryListPage({
  title: "Scan artifacts",
  description:
    "Upload signed files to find who signed them: their certificates join the inventory, and signers nobody registered go to the discovery queue. The CLI does the same for folders: signet scan --server.",
  list: { query: scanListQuery, load: (db, _user, filters) => listScanPage(db, filters) },
  page: "/scans",
  render: () => (
    <div className="space-y-6">
      <Card title="Who signed this?">
        <ArtifactLookupForm />
      </Card>
      <Card title="Upload">
        <ScanUpload maxFileBytes={MAX_SCAN_FILE_BYTES} />
      </Card>
      <Card title="Recent scans">
        <ScanList />
      </Card>
    </div>
  ),
});
