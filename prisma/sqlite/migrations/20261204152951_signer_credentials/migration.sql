-- CreateTable
CREATE TABLE "SignerCredential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "signerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT,
    "expiresAt" DATETIME,
    "lastRotatedAt" DATETIME,
    "isPipeline" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SignerCredential_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Signer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Move each signer's one credential (its expiry) into the new table as its pipeline credential.
-- The row keeps the signer's id so alert deliveries already sent for it (keyed by that id) still
-- count and nobody is mailed the same band twice.
INSERT INTO "SignerCredential" ("id", "signerId", "kind", "name", "expiresAt", "isPipeline", "createdAt", "updatedAt")
SELECT "id", "id", CASE WHEN "credentialType" = 'certificate' THEN 'certificate' ELSE 'signing-service' END,
  'Pipeline credential', "credentialExpiresAt", 1, "createdAt", "updatedAt"
FROM "Signer" WHERE "credentialExpiresAt" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Signer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "platform" TEXT NOT NULL DEFAULT 'other',
    "environmentsJson" TEXT NOT NULL DEFAULT '[]',
    "artifactTypesJson" TEXT NOT NULL DEFAULT '[]',
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusChangedAt" DATETIME,
    "lastUsedAt" DATETIME,
    "credentialType" TEXT NOT NULL DEFAULT 'none',
    "custody" TEXT NOT NULL DEFAULT 'unknown',
    "custodyEvidence" TEXT,
    "custodyAttestedAt" DATETIME,
    "keylessIssuer" TEXT,
    "keylessSubjectPattern" TEXT,
    "primaryOwnerId" TEXT,
    "backupOwnerId" TEXT,
    "teamId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextEvaluationAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Signer_primaryOwnerId_fkey" FOREIGN KEY ("primaryOwnerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Signer_backupOwnerId_fkey" FOREIGN KEY ("backupOwnerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Signer_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Signer" ("artifactTypesJson", "backupOwnerId", "createdAt", "credentialType", "custody", "custodyAttestedAt", "custodyEvidence", "description", "environmentsJson", "id", "keylessIssuer", "keylessSubjectPattern", "kind", "lastUsedAt", "name", "nextEvaluationAt", "platform", "primaryOwnerId", "status", "statusChangedAt", "teamId", "updatedAt") SELECT "artifactTypesJson", "backupOwnerId", "createdAt", "credentialType", "custody", "custodyAttestedAt", "custodyEvidence", "description", "environmentsJson", "id", "keylessIssuer", "keylessSubjectPattern", "kind", "lastUsedAt", "name", "nextEvaluationAt", "platform", "primaryOwnerId", "status", "statusChangedAt", "teamId", "updatedAt" FROM "Signer";
DROP TABLE "Signer";
ALTER TABLE "new_Signer" RENAME TO "Signer";
CREATE UNIQUE INDEX "Signer_name_key" ON "Signer"("name");
CREATE INDEX "Signer_status_idx" ON "Signer"("status");
CREATE INDEX "Signer_platform_idx" ON "Signer"("platform");
CREATE INDEX "Signer_primaryOwnerId_idx" ON "Signer"("primaryOwnerId");
CREATE INDEX "Signer_backupOwnerId_idx" ON "Signer"("backupOwnerId");
CREATE INDEX "Signer_teamId_idx" ON "Signer"("teamId");
CREATE INDEX "Signer_lastUsedAt_idx" ON "Signer"("lastUsedAt");
CREATE INDEX "Signer_nextEvaluationAt_id_idx" ON "Signer"("nextEvaluationAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SignerCredential_expiresAt_idx" ON "SignerCredential"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "SignerCredential_signerId_name_key" ON "SignerCredential"("signerId", "name");
