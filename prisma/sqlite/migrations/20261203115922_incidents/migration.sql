-- AlterTable
ALTER TABLE "RevocationRequest" ADD COLUMN "incidentId" TEXT;
ALTER TABLE "RevocationRequest" ADD COLUMN "proposedRevocationAt" DATETIME;

-- AlterTable
ALTER TABLE "SigningEvent" ADD COLUMN "artifactType" TEXT;
ALTER TABLE "SigningEvent" ADD COLUMN "triggeredBy" TEXT;

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "keyIdsJson" TEXT NOT NULL DEFAULT '[]',
    "reason" TEXT NOT NULL,
    "suspectedAt" DATETIME NOT NULL,
    "declaredAt" DATETIME NOT NULL,
    "declaredById" TEXT,
    "declaredByLabel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "containedAt" DATETIME,
    "recoveredAt" DATETIME,
    "closedAt" DATETIME,
    "closedByLabel" TEXT,
    "reportJson" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "IncidentSigner" (
    "incidentId" TEXT NOT NULL,
    "signerId" TEXT NOT NULL,
    "statusBefore" TEXT NOT NULL,

    PRIMARY KEY ("incidentId", "signerId"),
    CONSTRAINT "IncidentSigner_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IncidentSigner_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Signer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "detailsJson" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "IncidentStep_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "artifactType" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "newKeyAt" DATETIME,
    "newKeyId" TEXT,
    "newCertificateAt" DATETIME,
    "newCertificateId" TEXT,
    "resignedAt" DATETIME,
    "signingEventId" TEXT,
    "doneAt" DATETIME,
    "waivedReason" TEXT,
    "waivedByLabel" TEXT,
    CONSTRAINT "IncidentTask_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "personId" TEXT,
    "recipientEmail" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "messageId" TEXT,
    "notifiedAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    CONSTRAINT "IncidentNotice_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
