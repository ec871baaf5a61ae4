-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "policyVersion" INTEGER;

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "documentJson" TEXT NOT NULL,
    "comment" TEXT,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateException" (
    "id" TEXT NOT NULL,
    "signerId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedAt" TIMESTAMP(3),
    "liftedById" TEXT,

    CONSTRAINT "GateException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateDecision" (
    "id" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
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
    "signingTimeAt" TIMESTAMP(3) NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "tokenId" TEXT,

    CONSTRAINT "GateDecision_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "GateException" ADD CONSTRAINT "GateException_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Signer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
