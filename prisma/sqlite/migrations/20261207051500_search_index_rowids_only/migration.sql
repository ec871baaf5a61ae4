-- The text-search indexes (lib/db/migrate/search-objects.ts) keep only which rows hold each
-- trigram: no positions (detail=none) and no column sizes (columnsize=0). A search takes the rows
-- holding all of the term's trigrams and checks each with LIKE (lib/db/sql.ts textSearchIds), so
-- positions decided nothing. Keeping them made the index about half again as costly to write
-- (a bulk import's largest cost per certificate after the row itself). The triggers stay as they
-- are: they name the index, which is rebuilt under the same name from the table's rows.

DROP TABLE "CertificateSearch";
CREATE VIRTUAL TABLE "CertificateSearch" USING fts5("subjectCn", "subject", "issuerCn", content='Certificate', content_rowid='rowid', tokenize='trigram', detail=none, columnsize=0);
INSERT INTO "CertificateSearch"("CertificateSearch") VALUES ('rebuild');

DROP TABLE "SignerSearch";
CREATE VIRTUAL TABLE "SignerSearch" USING fts5("name", content='Signer', content_rowid='rowid', tokenize='trigram', detail=none, columnsize=0);
INSERT INTO "SignerSearch"("SignerSearch") VALUES ('rebuild');

DROP TABLE "PersonSearch";
CREATE VIRTUAL TABLE "PersonSearch" USING fts5("name", "email", content='Person', content_rowid='rowid', tokenize='trigram', detail=none, columnsize=0);
INSERT INTO "PersonSearch"("PersonSearch") VALUES ('rebuild');
