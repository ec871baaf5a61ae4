-- CreateTable
CREATE TABLE "OwnedCertificate" (
    "personId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,

    PRIMARY KEY ("personId", "certificateId")
);

-- CreateTable
CREATE TABLE "OwnedFinding" (
    "personId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,

    PRIMARY KEY ("personId", "findingId")
);

-- CreateIndex
CREATE INDEX "OwnedCertificate_certificateId_idx" ON "OwnedCertificate"("certificateId");

-- CreateIndex
CREATE INDEX "OwnedCertificate_keyId_idx" ON "OwnedCertificate"("keyId");

-- CreateIndex
CREATE INDEX "OwnedFinding_findingId_idx" ON "OwnedFinding"("findingId");

-- The triggers that keep the tables current (lib/db/migrate/owned-scope-objects.ts)
CREATE TRIGGER "SignerCertificate_owned_insert" AFTER INSERT ON "SignerCertificate" BEGIN INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
      SELECT s."primaryOwnerId", new."certificateId", (SELECT "keyId" FROM "Certificate" WHERE "id" = new."certificateId") FROM "Signer" s WHERE s."id" = new."signerId" AND s."primaryOwnerId" IS NOT NULL UNION ALL SELECT s."backupOwnerId", new."certificateId", (SELECT "keyId" FROM "Certificate" WHERE "id" = new."certificateId") FROM "Signer" s WHERE s."id" = new."signerId" AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE f."certificateId" = new."certificateId"
      UNION ALL SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = new."certificateId") ON CONFLICT DO NOTHING; END;

CREATE TRIGGER "SignerCertificate_owned_delete" AFTER DELETE ON "SignerCertificate" BEGIN DELETE FROM "OwnedCertificate" WHERE "certificateId" = old."certificateId"; INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."primaryOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = old."certificateId" AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."backupOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = old."certificateId" AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."certificateId" = old."certificateId" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = old."certificateId"))); INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = old."certificateId" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = old."certificateId")) AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = old."certificateId" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = old."certificateId")) AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."certificateId" = old."certificateId" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = old."certificateId")) ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."certificateId" = old."certificateId" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = old."certificateId")) ON CONFLICT DO NOTHING; END;

CREATE TRIGGER "Signer_owned_update" AFTER UPDATE OF "primaryOwnerId", "backupOwnerId" ON "Signer" WHEN old."primaryOwnerId" IS NOT new."primaryOwnerId" OR old."backupOwnerId" IS NOT new."backupOwnerId" BEGIN DELETE FROM "OwnedCertificate" WHERE "certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id"); INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."primaryOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."backupOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id") OR f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id")) OR f."signerId" = new."id")); INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id") OR f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id")) OR f."signerId" = new."id") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id") OR f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id")) OR f."signerId" = new."id") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id") OR f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id")) OR f."signerId" = new."id") ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id") OR f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = new."id")) OR f."signerId" = new."id") ON CONFLICT DO NOTHING; END;

CREATE TRIGGER "Signer_owned_delete" AFTER DELETE ON "Signer" BEGIN DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."signerId" = old."id")); INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."signerId" = old."id") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."signerId" = old."id") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."signerId" = old."id") ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."signerId" = old."id") ON CONFLICT DO NOTHING; END;

CREATE TRIGGER "Certificate_owned_update" AFTER UPDATE OF "keyId" ON "Certificate" WHEN old."keyId" IS NOT new."keyId" BEGIN DELETE FROM "OwnedCertificate" WHERE "certificateId" = new."id"; INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."primaryOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = new."id" AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."backupOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = new."id" AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."certificateId" = new."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = new."id") OR f."keyId" = old."keyId")); INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = new."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = new."id") OR f."keyId" = old."keyId") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = new."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = new."id") OR f."keyId" = old."keyId") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."certificateId" = new."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = new."id") OR f."keyId" = old."keyId") ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."certificateId" = new."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = new."id") OR f."keyId" = old."keyId") ON CONFLICT DO NOTHING; END;

CREATE TRIGGER "Certificate_owned_delete" AFTER DELETE ON "Certificate" BEGIN DELETE FROM "OwnedCertificate" WHERE "certificateId" = old."id"; INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."primaryOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = old."id" AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."backupOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = old."id" AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."certificateId" = old."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = old."id") OR f."keyId" = old."keyId")); INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = old."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = old."id") OR f."keyId" = old."keyId") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = old."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = old."id") OR f."keyId" = old."keyId") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."certificateId" = old."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = old."id") OR f."keyId" = old."keyId") ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."certificateId" = old."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = old."id") OR f."keyId" = old."keyId") ON CONFLICT DO NOTHING; END;

CREATE TRIGGER "Finding_owned_insert" AFTER INSERT ON "Finding" BEGIN INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", new."id" FROM "Signer" s WHERE s."id" = new."signerId" AND s."primaryOwnerId" IS NOT NULL UNION ALL SELECT s."backupOwnerId", new."id" FROM "Signer" s WHERE s."id" = new."signerId" AND s."backupOwnerId" IS NOT NULL
      UNION ALL SELECT oc."personId", new."id" FROM "OwnedCertificate" oc WHERE oc."certificateId" = new."certificateId" UNION ALL SELECT oc."personId", new."id" FROM "OwnedCertificate" oc WHERE oc."keyId" = new."keyId" ON CONFLICT DO NOTHING; END;

CREATE TRIGGER "Finding_owned_update" AFTER UPDATE OF "signerId", "certificateId", "keyId" ON "Finding" WHEN old."signerId" IS NOT new."signerId" OR old."certificateId" IS NOT new."certificateId" OR old."keyId" IS NOT new."keyId" BEGIN DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."id" = new."id")); INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."id" = new."id") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."id" = new."id") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."id" = new."id") ON CONFLICT DO NOTHING; INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."id" = new."id") ON CONFLICT DO NOTHING; END;

CREATE TRIGGER "Finding_owned_delete" AFTER DELETE ON "Finding" BEGIN DELETE FROM "OwnedFinding" WHERE "findingId" = old."id"; END;

-- Backfill from the existing links, owners and findings
INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."primaryOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" IN (SELECT "id" FROM "Certificate") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;

INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."backupOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" IN (SELECT "id" FROM "Certificate") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;

INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."id" IN (SELECT "id" FROM "Finding")) AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;

INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."id" IN (SELECT "id" FROM "Finding")) AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;

INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."id" IN (SELECT "id" FROM "Finding")) ON CONFLICT DO NOTHING;

INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."id" IN (SELECT "id" FROM "Finding")) ON CONFLICT DO NOTHING;
