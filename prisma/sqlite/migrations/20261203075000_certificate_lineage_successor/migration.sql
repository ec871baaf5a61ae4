-- Corrects the certificate_lineage backfill of "supersededById" (supersededAt was right) to the
-- rule in lib/domain/certificate-lineage.ts: for a linked certificate it could name a certificate
-- of another lineage with the same subject, issuer and notBefore, and it broke notBefore ties
-- differently. Data only; lib/db/certificates/lineage.ts keeps the column current afterwards.

-- Linked: each signer's first successor (same kind, not revoked, later notBefore; ties by id); of
-- the signers whose first successor came last (at supersededAt), the highest such id.
UPDATE "Certificate" SET "supersededById" = (
  SELECT (
    SELECT MIN(c2."id") FROM "SignerCertificate" s2 JOIN "Certificate" c2 ON c2."id" = s2."certificateId"
    WHERE s2."signerId" = sx."signerId" AND c2."revocationStatus" <> 'revoked' AND c2."isCA" = "Certificate"."isCA"
      AND c2."notBefore" = "Certificate"."supersededAt"
  ) AS "first"
  FROM "SignerCertificate" sx
  WHERE sx."certificateId" = "Certificate"."id" AND NOT EXISTS (
    SELECT 1 FROM "SignerCertificate" s3 JOIN "Certificate" c3 ON c3."id" = s3."certificateId"
    WHERE s3."signerId" = sx."signerId" AND c3."revocationStatus" <> 'revoked' AND c3."isCA" = "Certificate"."isCA"
      AND c3."notBefore" > "Certificate"."notBefore" AND c3."notBefore" < "Certificate"."supersededAt")
  ORDER BY 1 DESC LIMIT 1
) WHERE "supersededAt" IS NOT NULL AND EXISTS (SELECT 1 FROM "SignerCertificate" sx WHERE sx."certificateId" = "Certificate"."id");

-- Linked to no signer: the first later certificate of its kind with the same subject and issuer.
UPDATE "Certificate" SET "supersededById" = (
  SELECT MIN(c2."id") FROM "Certificate" c2
  WHERE c2."subject" = "Certificate"."subject" AND c2."issuer" = "Certificate"."issuer"
    AND c2."revocationStatus" <> 'revoked' AND c2."isCA" = "Certificate"."isCA" AND c2."notBefore" = "Certificate"."supersededAt"
) WHERE "supersededAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "SignerCertificate" sx WHERE sx."certificateId" = "Certificate"."id");
