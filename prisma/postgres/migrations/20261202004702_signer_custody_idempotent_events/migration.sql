-- AlterTable
ALTER TABLE "AttestationCampaign" ADD COLUMN     "isMailEnabled" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Signer" ADD COLUMN     "custody" TEXT NOT NULL DEFAULT 'unknown',
ADD COLUMN     "custodyAttestedAt" TIMESTAMP(3),
ADD COLUMN     "custodyEvidence" TEXT;

-- AlterTable
ALTER TABLE "SigningEvent" ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "requestSha256" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "SigningEvent_signerId_idempotencyKey_key" ON "SigningEvent"("signerId", "idempotencyKey");
