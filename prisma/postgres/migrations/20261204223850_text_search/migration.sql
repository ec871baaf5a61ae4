-- CreateIndex
CREATE INDEX "Certificate_serialHex_idx" ON "Certificate"("serialHex");

-- Text search (lib/db/search.ts): trigram GIN indexes serve the searches' ILIKE '%term%' (3 or
-- more characters) instead of a scan of every row. Prisma's schema cannot describe them;
-- lib/db/search-objects.ts lists them and npm run db:check-drift verifies them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Certificate_subjectCn_trgm_idx" ON "Certificate" USING gin ("subjectCn" gin_trgm_ops);
CREATE INDEX "Certificate_subject_trgm_idx" ON "Certificate" USING gin ("subject" gin_trgm_ops);
CREATE INDEX "Certificate_issuerCn_trgm_idx" ON "Certificate" USING gin ("issuerCn" gin_trgm_ops);
CREATE INDEX "Signer_name_trgm_idx" ON "Signer" USING gin ("name" gin_trgm_ops);
CREATE INDEX "Person_name_trgm_idx" ON "Person" USING gin ("name" gin_trgm_ops);
CREATE INDEX "Person_email_trgm_idx" ON "Person" USING gin ("email" gin_trgm_ops);
