import { requirePageUser } from "@/lib/auth/guard";
import { MAX_FILE_BYTES, MAX_REQUEST_BYTES } from "@/lib/services/import-certificates";
import { Card, PageHeader } from "@/components/ui/card";
import { ImportUpload } from "@/components/certificates/import-upload";

export const metadata = { title: "Import certificates" };

export default async function ImportCertificatesPage() {
  await requirePageUser("/import/certificates");
  return (
    <>
      <PageHeader
        title="Import certificates"
        description="Upload certificate files (PEM, DER, PKCS#7 bundles). Each file is checked on its own: new certificates are stored, known ones are reported, unreadable files are listed with the reason. Files holding a private key are refused and not stored."
      />
      <Card>
        <ImportUpload maxFileBytes={MAX_FILE_BYTES} maxRequestBytes={MAX_REQUEST_BYTES} />
      </Card>
    </>
  );
}
