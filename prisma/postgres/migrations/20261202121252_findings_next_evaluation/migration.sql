-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "nextEvaluationAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Signer" ADD COLUMN     "nextEvaluationAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SigningKey" ADD COLUMN     "nextEvaluationAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Certificate_nextEvaluationAt_idx" ON "Certificate"("nextEvaluationAt");

-- CreateIndex
CREATE INDEX "Signer_nextEvaluationAt_idx" ON "Signer"("nextEvaluationAt");

-- CreateIndex
CREATE INDEX "SigningKey_nextEvaluationAt_idx" ON "SigningKey"("nextEvaluationAt");
