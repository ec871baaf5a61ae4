-- CreateIndex
CREATE INDEX "Certificate_serialHex_idx" ON "Certificate"("serialHex");

-- Text search (lib/db/search.ts): FTS5 trigram indexes over the searched text columns, so a
-- substring search of 3 or more characters reads the index instead of every row. External
-- content: the index stores no copy of the text, only trigrams keyed by the table's rowid, and
-- triggers keep it current. Prisma's schema cannot describe these objects; lib/db/search-objects.ts
-- lists them and npm run db:check-drift verifies them.
CREATE VIRTUAL TABLE "CertificateSearch" USING fts5("subjectCn", "subject", "issuerCn", content='Certificate', content_rowid='rowid', tokenize='trigram');
INSERT INTO "CertificateSearch"("CertificateSearch") VALUES ('rebuild');
CREATE TRIGGER "Certificate_search_insert" AFTER INSERT ON "Certificate" BEGIN
  INSERT INTO "CertificateSearch"(rowid, "subjectCn", "subject", "issuerCn") VALUES (new.rowid, new."subjectCn", new."subject", new."issuerCn");
END;
CREATE TRIGGER "Certificate_search_delete" AFTER DELETE ON "Certificate" BEGIN
  INSERT INTO "CertificateSearch"("CertificateSearch", rowid, "subjectCn", "subject", "issuerCn") VALUES ('delete', old.rowid, old."subjectCn", old."subject", old."issuerCn");
END;
CREATE TRIGGER "Certificate_search_update" AFTER UPDATE OF "subjectCn", "subject", "issuerCn" ON "Certificate" BEGIN
  INSERT INTO "CertificateSearch"("CertificateSearch", rowid, "subjectCn", "subject", "issuerCn") VALUES ('delete', old.rowid, old."subjectCn", old."subject", old."issuerCn");
  INSERT INTO "CertificateSearch"(rowid, "subjectCn", "subject", "issuerCn") VALUES (new.rowid, new."subjectCn", new."subject", new."issuerCn");
END;

CREATE VIRTUAL TABLE "SignerSearch" USING fts5("name", content='Signer', content_rowid='rowid', tokenize='trigram');
INSERT INTO "SignerSearch"("SignerSearch") VALUES ('rebuild');
CREATE TRIGGER "Signer_search_insert" AFTER INSERT ON "Signer" BEGIN
  INSERT INTO "SignerSearch"(rowid, "name") VALUES (new.rowid, new."name");
END;
CREATE TRIGGER "Signer_search_delete" AFTER DELETE ON "Signer" BEGIN
  INSERT INTO "SignerSearch"("SignerSearch", rowid, "name") VALUES ('delete', old.rowid, old."name");
END;
CREATE TRIGGER "Signer_search_update" AFTER UPDATE OF "name" ON "Signer" BEGIN
  INSERT INTO "SignerSearch"("SignerSearch", rowid, "name") VALUES ('delete', old.rowid, old."name");
  INSERT INTO "SignerSearch"(rowid, "name") VALUES (new.rowid, new."name");
END;

CREATE VIRTUAL TABLE "PersonSearch" USING fts5("name", "email", content='Person', content_rowid='rowid', tokenize='trigram');
INSERT INTO "PersonSearch"("PersonSearch") VALUES ('rebuild');
CREATE TRIGGER "Person_search_insert" AFTER INSERT ON "Person" BEGIN
  INSERT INTO "PersonSearch"(rowid, "name", "email") VALUES (new.rowid, new."name", new."email");
END;
CREATE TRIGGER "Person_search_delete" AFTER DELETE ON "Person" BEGIN
  INSERT INTO "PersonSearch"("PersonSearch", rowid, "name", "email") VALUES ('delete', old.rowid, old."name", old."email");
END;
CREATE TRIGGER "Person_search_update" AFTER UPDATE OF "name", "email" ON "Person" BEGIN
  INSERT INTO "PersonSearch"("PersonSearch", rowid, "name", "email") VALUES ('delete', old.rowid, old."name", old."email");
  INSERT INTO "PersonSearch"(rowid, "name", "email") VALUES (new.rowid, new."name", new."email");
END;
