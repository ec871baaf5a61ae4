
-- CreateTable
CREATE TABLE "SignerCredential" (
    "id" TEXT NOT NULL,
    "signerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT,
    "expiresAt" TIMESTAMP(3),
    "lastRotatedAt" TIMESTAMP(3),
    "isPipeline" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignerCredential_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SignerCredential_expiresAt_idx" ON "SignerCredential"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "SignerCredential_signerId_name_key" ON "SignerCredential"("signerId", "name");

-- AddForeignKey
ALTER TABLE "SignerCredential" ADD CONSTRAINT "SignerCredential_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Signer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Move each signer's one credential (its expiry) into the new table as its pipeline credential.
-- The row keeps the signer's id so alert deliveries already sent for it (keyed by that id) still
-- count and nobody is mailed the same band twice.
INSERT INTO "SignerCredential" ("id", "signerId", "kind", "name", "expiresAt", "isPipeline", "createdAt", "updatedAt")
SELECT "id", "id", CASE WHEN "credentialType" = 'certificate' THEN 'certificate' ELSE 'signing-service' END,
  'Pipeline credential', "credentialExpiresAt", TRUE, "createdAt", "updatedAt"
FROM "Signer" WHERE "credentialExpiresAt" IS NOT NULL;

-- AlterTable
ALTER TABLE "Signer" DROP COLUMN "credentialExpiresAt";
