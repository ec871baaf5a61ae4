-- AlterTable
ALTER TABLE "RevocationRequest" ADD COLUMN     "incidentId" TEXT,
ADD COLUMN     "proposedRevocationAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SigningEvent" ADD COLUMN     "artifactType" TEXT,
ADD COLUMN     "triggeredBy" TEXT;

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "keyIdsJson" TEXT NOT NULL DEFAULT '[]',
    "reason" TEXT NOT NULL,
    "suspectedAt" TIMESTAMP(3) NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL,
    "declaredById" TEXT,
    "declaredByLabel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "containedAt" TIMESTAMP(3),
    "recoveredAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedByLabel" TEXT,
    "reportJson" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentSigner" (
    "incidentId" TEXT NOT NULL,
    "signerId" TEXT NOT NULL,
    "statusBefore" TEXT NOT NULL,

    CONSTRAINT "IncidentSigner_pkey" PRIMARY KEY ("incidentId","signerId")
);

-- CreateTable
CREATE TABLE "IncidentStep" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "detailsJson" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "IncidentStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentTask" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "artifactType" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "newKeyAt" TIMESTAMP(3),
    "newKeyId" TEXT,
    "newCertificateAt" TIMESTAMP(3),
    "newCertificateId" TEXT,
    "resignedAt" TIMESTAMP(3),
    "signingEventId" TEXT,
    "doneAt" TIMESTAMP(3),
    "waivedReason" TEXT,
    "waivedByLabel" TEXT,

    CONSTRAINT "IncidentTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentNotice" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "personId" TEXT,
    "recipientEmail" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "messageId" TEXT,
    "notifiedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),

    CONSTRAINT "IncidentNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Incident_mode_declaredAt_idx" ON "Incident"("mode", "declaredAt");

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE INDEX "IncidentSigner_signerId_idx" ON "IncidentSigner"("signerId");

-- CreateIndex
CREATE INDEX "IncidentStep_incidentId_at_idx" ON "IncidentStep"("incidentId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentTask_incidentId_environment_artifactType_key" ON "IncidentTask"("incidentId", "environment", "artifactType");

-- CreateIndex
CREATE INDEX "IncidentNotice_incidentId_idx" ON "IncidentNotice"("incidentId");

-- CreateIndex
CREATE INDEX "IncidentNotice_personId_idx" ON "IncidentNotice"("personId");

-- CreateIndex
CREATE INDEX "RevocationRequest_incidentId_idx" ON "RevocationRequest"("incidentId");

-- AddForeignKey
ALTER TABLE "IncidentSigner" ADD CONSTRAINT "IncidentSigner_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSigner" ADD CONSTRAINT "IncidentSigner_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Signer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentStep" ADD CONSTRAINT "IncidentStep_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentTask" ADD CONSTRAINT "IncidentTask_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentNotice" ADD CONSTRAINT "IncidentNotice_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
