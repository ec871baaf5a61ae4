import { MAX_FILE_BYTES, MAX_REQUEST_BYTES } from "@/lib/services/import-certificates";
import { Card } from "@/components/ui/card";
import { ImportUpload } from "@/components/certificates/import-upload";
import { guardedPage } from "@/components/inventory/guarded-page";

export const metadata = { title: "Import certificates" };

export default guardedPage({
  page: "/import/certificates",
  title: "Import certificates",
  description:
    "Upload certificate files (PEM, DER, PKCS#7 bundles). Each file is checked on its own: new certificates are stored, known ones are reported, unreadable files are listed with the reason. Files holding a private key are refused and not stored.",
  render: () => (
    <Card>
      <ImportUpload maxFileBytes={MAX_FILE_BYTES} maxRequestBytes={MAX_REQUEST_BYTES} />
    </Card>
  ),
});
