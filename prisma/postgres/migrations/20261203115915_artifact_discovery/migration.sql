-- CreateTable
CREATE TABLE "Artifact" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "format" TEXT,
    "outcome" TEXT NOT NULL,
    "note" TEXT,
    "scanSource" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Artifact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtifactSignature" (
    "id" TEXT NOT NULL,
    "artifactId" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "certificateId" TEXT,
    "certificatesJson" TEXT NOT NULL DEFAULT '[]',
    "digestAlgorithm" TEXT,
    "claimedSigningAt" TIMESTAMP(3),
    "timestampKind" TEXT,
    "timestampAuthority" TEXT,
    "timestampAt" TIMESTAMP(3),
    "isTimestampVerified" BOOLEAN NOT NULL DEFAULT false,
    "verificationStatus" TEXT NOT NULL,
    "verificationReason" TEXT,
    "keylessIssuer" TEXT,
    "keylessSubject" TEXT,
    "keylessWorkflow" TEXT,
    "keylessRepository" TEXT,
    "logIndex" TEXT,
    "integratedAt" TIMESTAMP(3),
    "discoveredIdentityId" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArtifactSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScanBatch" (
    "id" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "totalFiles" INTEGER NOT NULL DEFAULT 0,
    "signedFiles" INTEGER NOT NULL DEFAULT 0,
    "unsignedFiles" INTEGER NOT NULL DEFAULT 0,
    "malformedFiles" INTEGER NOT NULL DEFAULT 0,
    "failedFiles" INTEGER NOT NULL DEFAULT 0,
    "signatureCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ScanBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScanFile" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "format" TEXT,
    "reason" TEXT,
    "signatureCount" INTEGER NOT NULL DEFAULT 0,
    "artifactId" TEXT,

    CONSTRAINT "ScanFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiscoveredIdentity" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "identityKey" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "certificateId" TEXT,
    "keylessIssuer" TEXT,
    "keylessSubject" TEXT,
    "state" TEXT NOT NULL DEFAULT 'new',
    "signerId" TEXT,
    "note" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,

    CONSTRAINT "DiscoveredIdentity_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "ArtifactSignature" ADD CONSTRAINT "ArtifactSignature_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactSignature" ADD CONSTRAINT "ArtifactSignature_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactSignature" ADD CONSTRAINT "ArtifactSignature_discoveredIdentityId_fkey" FOREIGN KEY ("discoveredIdentityId") REFERENCES "DiscoveredIdentity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScanFile" ADD CONSTRAINT "ScanFile_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ScanBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScanFile" ADD CONSTRAINT "ScanFile_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscoveredIdentity" ADD CONSTRAINT "DiscoveredIdentity_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscoveredIdentity" ADD CONSTRAINT "DiscoveredIdentity_signerId_fkey" FOREIGN KEY ("signerId") REFERENCES "Signer"("id") ON DELETE SET NULL ON UPDATE CASCADE;
