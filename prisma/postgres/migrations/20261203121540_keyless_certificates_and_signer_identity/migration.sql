-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "isKeyless" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Signer" ADD COLUMN     "keylessIssuer" TEXT,
ADD COLUMN     "keylessSubjectPattern" TEXT;

-- Certificates already stored with Fulcio's OIDC-issuer claim are keyless
UPDATE "Certificate" SET "isKeyless" = TRUE WHERE "isCA" = FALSE AND "fulcioJson" LIKE '%"issuer":"%';
