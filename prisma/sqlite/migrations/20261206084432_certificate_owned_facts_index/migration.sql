-- CreateIndex
CREATE INDEX "Certificate_owned_facts_idx" ON "Certificate"("id", "keyId", "notAfter", "revocationStatus", "isCA", "supersededAt", "isKeyless");
