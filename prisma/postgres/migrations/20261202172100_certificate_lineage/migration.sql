-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "supersededAt" TIMESTAMP(3),
ADD COLUMN     "supersededById" TEXT;

-- CreateIndex
CREATE INDEX "Certificate_subject_issuer_idx" ON "Certificate"("subject", "issuer");

-- Backfill (same rule as lib/domain/certificate-lineage.ts). A linked certificate is superseded
-- at the earliest notBefore by which every one of its signers holds a later, unrevoked certificate
-- of the same kind (leaf or CA).
UPDATE "Certificate" SET "supersededAt" = (
  SELECT MIN(c2."notBefore") FROM "SignerCertificate" s2 JOIN "Certificate" c2 ON c2."id" = s2."certificateId"
  WHERE s2."signerId" IN (SELECT sx."signerId" FROM "SignerCertificate" sx WHERE sx."certificateId" = "Certificate"."id")
    AND c2."revocationStatus" <> 'revoked' AND c2."notBefore" > "Certificate"."notBefore" AND c2."isCA" = "Certificate"."isCA"
    AND NOT EXISTS (
      SELECT 1 FROM "SignerCertificate" sx WHERE sx."certificateId" = "Certificate"."id" AND NOT EXISTS (
        SELECT 1 FROM "SignerCertificate" s3 JOIN "Certificate" c3 ON c3."id" = s3."certificateId"
        WHERE s3."signerId" = sx."signerId" AND c3."revocationStatus" <> 'revoked' AND c3."isCA" = "Certificate"."isCA"
          AND c3."notBefore" > "Certificate"."notBefore" AND c3."notBefore" <= c2."notBefore"))
) WHERE EXISTS (SELECT 1 FROM "SignerCertificate" sx WHERE sx."certificateId" = "Certificate"."id");

-- A certificate linked to no signer: by a later, unrevoked certificate of its kind with the same subject and issuer.
UPDATE "Certificate" SET "supersededAt" = (
  SELECT MIN(c2."notBefore") FROM "Certificate" c2
  WHERE c2."subject" = "Certificate"."subject" AND c2."issuer" = "Certificate"."issuer"
    AND c2."revocationStatus" <> 'revoked' AND c2."notBefore" > "Certificate"."notBefore" AND c2."isCA" = "Certificate"."isCA"
) WHERE NOT EXISTS (SELECT 1 FROM "SignerCertificate" sx WHERE sx."certificateId" = "Certificate"."id");

UPDATE "Certificate" SET "supersededById" = (
  SELECT c2."id" FROM "Certificate" c2
  WHERE c2."notBefore" = "Certificate"."supersededAt" AND c2."revocationStatus" <> 'revoked' AND c2."isCA" = "Certificate"."isCA"
    AND (c2."id" IN (SELECT s2."certificateId" FROM "SignerCertificate" s2 JOIN "SignerCertificate" sx ON sx."signerId" = s2."signerId"
                     WHERE sx."certificateId" = "Certificate"."id")
      OR (c2."subject" = "Certificate"."subject" AND c2."issuer" = "Certificate"."issuer"))
  ORDER BY c2."id" LIMIT 1
) WHERE "supersededAt" IS NOT NULL;
