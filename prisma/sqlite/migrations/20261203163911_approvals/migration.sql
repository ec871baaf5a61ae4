-- AlterTable
ALTER TABLE "AccessLink" ADD COLUMN "approvalRequestId" TEXT;

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "privilegeId" TEXT NOT NULL,
    "signerId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "windowStartsAt" DATETIME NOT NULL,
    "windowEndsAt" DATETIME NOT NULL,
    "triggeredBy" TEXT,
    "requestedByType" TEXT NOT NULL,
    "requestedById" TEXT,
    "requestedByLabel" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "decidedByLabel" TEXT,
    "decisionNote" TEXT,
    CONSTRAINT "ApprovalRequest_privilegeId_fkey" FOREIGN KEY ("privilegeId") REFERENCES "Privilege" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApprovalRequest_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Signer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Privilege" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "signerId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'any',
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastExercisedAt" DATETIME,
    "removedAt" DATETIME,
    "isJustInTime" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Privilege_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Signer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Privilege" ("environment", "grantedAt", "id", "lastExercisedAt", "removedAt", "scope", "signerId") SELECT "environment", "grantedAt", "id", "lastExercisedAt", "removedAt", "scope", "signerId" FROM "Privilege";
DROP TABLE "Privilege";
ALTER TABLE "new_Privilege" RENAME TO "Privilege";
CREATE INDEX "Privilege_signerId_idx" ON "Privilege"("signerId");
CREATE UNIQUE INDEX "Privilege_signerId_scope_environment_key" ON "Privilege"("signerId", "scope", "environment");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ApprovalRequest_signerId_status_windowEndsAt_idx" ON "ApprovalRequest"("signerId", "status", "windowEndsAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_status_requestedAt_idx" ON "ApprovalRequest"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_privilegeId_idx" ON "ApprovalRequest"("privilegeId");
