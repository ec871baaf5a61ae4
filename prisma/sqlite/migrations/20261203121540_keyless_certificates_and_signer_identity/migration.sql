-- AlterTable
ALTER TABLE "Signer" ADD COLUMN "keylessIssuer" TEXT;
ALTER TABLE "Signer" ADD COLUMN "keylessSubjectPattern" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sha256" TEXT NOT NULL,
    "sha1" TEXT NOT NULL,
    "der" BLOB NOT NULL,
    "subject" TEXT NOT NULL,
    "subjectCn" TEXT,
    "issuer" TEXT NOT NULL,
    "issuerCn" TEXT,
    "serialHex" TEXT NOT NULL,
    "notBefore" DATETIME NOT NULL,
    "notAfter" DATETIME NOT NULL,
    "keyAlgorithm" TEXT NOT NULL,
    "keyBits" INTEGER,
    "curve" TEXT,
    "signatureAlgorithm" TEXT NOT NULL,
    "isCA" BOOLEAN NOT NULL DEFAULT false,
    "pathLength" INTEGER,
    "isSelfSigned" BOOLEAN NOT NULL DEFAULT false,
    "keyUsageJson" TEXT NOT NULL DEFAULT '[]',
    "isKeyUsageCritical" BOOLEAN NOT NULL DEFAULT false,
    "ekuJson" TEXT NOT NULL DEFAULT '[]',
    "crlUrlsJson" TEXT NOT NULL DEFAULT '[]',
    "ocspUrlsJson" TEXT NOT NULL DEFAULT '[]',
    "caIssuersUrlsJson" TEXT NOT NULL DEFAULT '[]',
    "sansJson" TEXT NOT NULL DEFAULT '[]',
    "policiesJson" TEXT NOT NULL DEFAULT '[]',
    "subjectKeyId" TEXT,
    "authorityKeyId" TEXT,
    "fulcioJson" TEXT,
    "keyId" TEXT NOT NULL,
    "issuerCertId" TEXT,
    "revocationStatus" TEXT NOT NULL DEFAULT 'unchecked',
    "revocationReason" TEXT,
    "revokedAt" DATETIME,
    "revocationCheckedAt" DATETIME,
    "revocationSource" TEXT,
    "revocationThisUpdate" DATETIME,
    "revocationNextUpdate" DATETIME,
    "revocationError" TEXT,
    "importSource" TEXT NOT NULL DEFAULT 'upload',
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" DATETIME,
    "supersededById" TEXT,
    "nextEvaluationAt" DATETIME,
    "isKeyless" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Certificate_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "SigningKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_issuerCertId_fkey" FOREIGN KEY ("issuerCertId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("authorityKeyId", "caIssuersUrlsJson", "crlUrlsJson", "curve", "der", "ekuJson", "fulcioJson", "id", "importSource", "importedAt", "isCA", "isKeyUsageCritical", "isSelfSigned", "issuer", "issuerCertId", "issuerCn", "keyAlgorithm", "keyBits", "keyId", "keyUsageJson", "nextEvaluationAt", "notAfter", "notBefore", "ocspUrlsJson", "pathLength", "policiesJson", "revocationCheckedAt", "revocationError", "revocationNextUpdate", "revocationReason", "revocationSource", "revocationStatus", "revocationThisUpdate", "revokedAt", "sansJson", "serialHex", "sha1", "sha256", "signatureAlgorithm", "subject", "subjectCn", "subjectKeyId", "supersededAt", "supersededById") SELECT "authorityKeyId", "caIssuersUrlsJson", "crlUrlsJson", "curve", "der", "ekuJson", "fulcioJson", "id", "importSource", "importedAt", "isCA", "isKeyUsageCritical", "isSelfSigned", "issuer", "issuerCertId", "issuerCn", "keyAlgorithm", "keyBits", "keyId", "keyUsageJson", "nextEvaluationAt", "notAfter", "notBefore", "ocspUrlsJson", "pathLength", "policiesJson", "revocationCheckedAt", "revocationError", "revocationNextUpdate", "revocationReason", "revocationSource", "revocationStatus", "revocationThisUpdate", "revokedAt", "sansJson", "serialHex", "sha1", "sha256", "signatureAlgorithm", "subject", "subjectCn", "subjectKeyId", "supersededAt", "supersededById" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_sha256_key" ON "Certificate"("sha256");
CREATE INDEX "Certificate_notAfter_idx" ON "Certificate"("notAfter");
CREATE INDEX "Certificate_notAfter_revocationStatus_isCA_supersededAt_idx" ON "Certificate"("notAfter", "revocationStatus", "isCA", "supersededAt");
CREATE INDEX "Certificate_revocationStatus_idx" ON "Certificate"("revocationStatus");
CREATE INDEX "Certificate_keyId_idx" ON "Certificate"("keyId");
CREATE INDEX "Certificate_issuerCertId_idx" ON "Certificate"("issuerCertId");
CREATE INDEX "Certificate_subject_issuer_idx" ON "Certificate"("subject", "issuer");
CREATE INDEX "Certificate_subjectKeyId_idx" ON "Certificate"("subjectKeyId");
CREATE INDEX "Certificate_subjectCn_idx" ON "Certificate"("subjectCn");
CREATE INDEX "Certificate_importedAt_idx" ON "Certificate"("importedAt");
CREATE INDEX "Certificate_nextEvaluationAt_id_idx" ON "Certificate"("nextEvaluationAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Certificates already stored with Fulcio's OIDC-issuer claim are keyless
UPDATE "Certificate" SET "isKeyless" = TRUE WHERE "isCA" = FALSE AND "fulcioJson" LIKE '%"issuer":"%';
