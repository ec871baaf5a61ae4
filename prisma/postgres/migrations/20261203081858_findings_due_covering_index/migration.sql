-- DropIndex
DROP INDEX "Certificate_nextEvaluationAt_idx";

-- DropIndex
DROP INDEX "Signer_nextEvaluationAt_idx";

-- DropIndex
DROP INDEX "SigningKey_nextEvaluationAt_idx";

-- CreateIndex
CREATE INDEX "Certificate_nextEvaluationAt_id_idx" ON "Certificate"("nextEvaluationAt", "id");

-- CreateIndex
CREATE INDEX "Signer_nextEvaluationAt_id_idx" ON "Signer"("nextEvaluationAt", "id");

-- CreateIndex
CREATE INDEX "SigningKey_nextEvaluationAt_id_idx" ON "SigningKey"("nextEvaluationAt", "id");
