-- AlterTable
ALTER TABLE "SigningEvent" ADD COLUMN "idempotencyKey" TEXT;
ALTER TABLE "SigningEvent" ADD COLUMN "requestSha256" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AttestationCampaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "scopeJson" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "reminderEveryDays" INTEGER NOT NULL DEFAULT 7,
    "recurrence" TEXT NOT NULL DEFAULT 'none',
    "autoSuspendAfterDays" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "isMailEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "parentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME
);
INSERT INTO "new_AttestationCampaign" ("autoSuspendAfterDays", "closedAt", "createdAt", "createdById", "dueAt", "id", "name", "parentId", "recurrence", "reminderEveryDays", "scopeJson", "status") SELECT "autoSuspendAfterDays", "closedAt", "createdAt", "createdById", "dueAt", "id", "name", "parentId", "recurrence", "reminderEveryDays", "scopeJson", "status" FROM "AttestationCampaign";
DROP TABLE "AttestationCampaign";
ALTER TABLE "new_AttestationCampaign" RENAME TO "AttestationCampaign";
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
    "credentialExpiresAt" DATETIME,
    "custody" TEXT NOT NULL DEFAULT 'unknown',
    "custodyEvidence" TEXT,
    "custodyAttestedAt" DATETIME,
    "primaryOwnerId" TEXT,
    "backupOwnerId" TEXT,
    "teamId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Signer_primaryOwnerId_fkey" FOREIGN KEY ("primaryOwnerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Signer_backupOwnerId_fkey" FOREIGN KEY ("backupOwnerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Signer_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Signer" ("artifactTypesJson", "backupOwnerId", "createdAt", "credentialExpiresAt", "credentialType", "description", "environmentsJson", "id", "kind", "lastUsedAt", "name", "platform", "primaryOwnerId", "status", "statusChangedAt", "teamId", "updatedAt") SELECT "artifactTypesJson", "backupOwnerId", "createdAt", "credentialExpiresAt", "credentialType", "description", "environmentsJson", "id", "kind", "lastUsedAt", "name", "platform", "primaryOwnerId", "status", "statusChangedAt", "teamId", "updatedAt" FROM "Signer";
DROP TABLE "Signer";
ALTER TABLE "new_Signer" RENAME TO "Signer";
CREATE UNIQUE INDEX "Signer_name_key" ON "Signer"("name");
CREATE INDEX "Signer_status_idx" ON "Signer"("status");
CREATE INDEX "Signer_platform_idx" ON "Signer"("platform");
CREATE INDEX "Signer_primaryOwnerId_idx" ON "Signer"("primaryOwnerId");
CREATE INDEX "Signer_backupOwnerId_idx" ON "Signer"("backupOwnerId");
CREATE INDEX "Signer_teamId_idx" ON "Signer"("teamId");
CREATE INDEX "Signer_lastUsedAt_idx" ON "Signer"("lastUsedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SigningEvent_signerId_idempotencyKey_key" ON "SigningEvent"("signerId", "idempotencyKey");
