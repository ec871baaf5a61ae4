-- DropIndex
DROP INDEX "Certificate_notAfter_revocationStatus_isCA_idx";

-- CreateIndex
CREATE INDEX "Certificate_notAfter_revocationStatus_isCA_supersededAt_idx" ON "Certificate"("notAfter", "revocationStatus", "isCA", "supersededAt");
