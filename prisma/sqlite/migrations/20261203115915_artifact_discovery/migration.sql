-- CreateTable
CREATE TABLE "Artifact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sha256" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "format" TEXT,
    "outcome" TEXT NOT NULL,
    "note" TEXT,
    "scanSource" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ArtifactSignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "artifactId" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "certificateId" TEXT,
    "certificatesJson" TEXT NOT NULL DEFAULT '[]',
    "digestAlgorithm" TEXT,
    "claimedSigningAt" DATETIME,
    "timestampKind" TEXT,
    "timestampAuthority" TEXT,
    "timestampAt" DATETIME,
    "isTimestampVerified" BOOLEAN NOT NULL DEFAULT false,
    "verificationStatus" TEXT NOT NULL,
    "verificationReason" TEXT,
    "keylessIssuer" TEXT,
    "keylessSubject" TEXT,
    "keylessWorkflow" TEXT,
    "keylessRepository" TEXT,
    "logIndex" TEXT,
    "integratedAt" DATETIME,
    "discoveredIdentityId" TEXT,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "ArtifactSignature_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArtifactSignature_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ArtifactSignature_discoveredIdentityId_fkey" FOREIGN KEY ("discoveredIdentityId") REFERENCES "DiscoveredIdentity" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScanBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "totalFiles" INTEGER NOT NULL DEFAULT 0,
    "signedFiles" INTEGER NOT NULL DEFAULT 0,
    "unsignedFiles" INTEGER NOT NULL DEFAULT 0,
    "malformedFiles" INTEGER NOT NULL DEFAULT 0,
    "failedFiles" INTEGER NOT NULL DEFAULT 0,
    "signatureCount" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "ScanFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "format" TEXT,
    "reason" TEXT,
    "signatureCount" INTEGER NOT NULL DEFAULT 0,
    "artifactId" TEXT,
    CONSTRAINT "ScanFile_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ScanBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScanFile_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DiscoveredIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "identityKey" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "certificateId" TEXT,
    "keylessIssuer" TEXT,
    "keylessSubject" TEXT,
    "state" TEXT NOT NULL DEFAULT 'new',
    "signerId" TEXT,
    "note" TEXT,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    CONSTRAINT "DiscoveredIdentity_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "DiscoveredIdentity_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Signer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Artifact_sha256_key" ON "Artifact"("sha256");

-- CreateIndex
CREATE INDEX "Artifact_lastSeenAt_idx" ON "Artifact"("lastSeenAt");

-- CreateIndex
CREATE INDEX "ArtifactSignature_certificateId_idx" ON "ArtifactSignature"("certificateId");

-- CreateIndex
CREATE INDEX "ArtifactSignature_discoveredIdentityId_idx" ON "ArtifactSignature"("discoveredIdentityId");

-- CreateIndex
CREATE UNIQUE INDEX "ArtifactSignature_artifactId_location_key" ON "ArtifactSignature"("artifactId", "location");

-- CreateIndex
CREATE INDEX "ScanBatch_startedAt_idx" ON "ScanBatch"("startedAt");

-- CreateIndex
CREATE INDEX "ScanFile_batchId_idx" ON "ScanFile"("batchId");

-- CreateIndex
CREATE INDEX "ScanFile_artifactId_idx" ON "ScanFile"("artifactId");

-- CreateIndex
CREATE UNIQUE INDEX "DiscoveredIdentity_identityKey_key" ON "DiscoveredIdentity"("identityKey");

-- CreateIndex
CREATE INDEX "DiscoveredIdentity_state_lastSeenAt_idx" ON "DiscoveredIdentity"("state", "lastSeenAt");

-- CreateIndex
CREATE INDEX "DiscoveredIdentity_certificateId_idx" ON "DiscoveredIdentity"("certificateId");

-- CreateIndex
CREATE INDEX "DiscoveredIdentity_signerId_idx" ON "DiscoveredIdentity"("signerId");
