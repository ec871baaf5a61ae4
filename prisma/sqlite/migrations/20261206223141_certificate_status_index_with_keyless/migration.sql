-- DropIndex
DROP INDEX "Certificate_notAfter_revocationStatus_isCA_supersededAt_idx";

-- DropIndex
DROP INDEX "Certificate_notAfter_idx";

-- CreateIndex
CREATE INDEX "Certificate_notAfter_status_idx" ON "Certificate"("notAfter", "revocationStatus", "isCA", "supersededAt", "isKeyless");
