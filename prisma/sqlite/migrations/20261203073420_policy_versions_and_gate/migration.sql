-- AlterTable
ALTER TABLE "Finding" ADD COLUMN "policyVersion" INTEGER;

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "documentJson" TEXT NOT NULL,
    "comment" TEXT,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "GateException" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "signerId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedAt" DATETIME,
    "liftedById" TEXT,
    CONSTRAINT "GateException_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Signer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GateDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "decidedAt" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "signerId" TEXT,
    "certificateId" TEXT,
    "artifactDigest" TEXT,
    "artifactType" TEXT,
    "triggeredBy" TEXT,
    "reasonsJson" TEXT NOT NULL DEFAULT '[]',
    "signingTimeSource" TEXT NOT NULL,
    "signingTimeAt" DATETIME NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "tokenId" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_version_key" ON "PolicyVersion"("version");

-- CreateIndex
CREATE INDEX "GateException_signerId_ruleId_idx" ON "GateException"("signerId", "ruleId");

-- CreateIndex
CREATE INDEX "GateDecision_signerId_decidedAt_idx" ON "GateDecision"("signerId", "decidedAt");

-- CreateIndex
CREATE INDEX "GateDecision_decidedAt_idx" ON "GateDecision"("decidedAt");

-- CreateIndex
CREATE INDEX "GateDecision_outcome_decidedAt_idx" ON "GateDecision"("outcome", "decidedAt");
