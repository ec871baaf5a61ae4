-- CreateTable
CREATE TABLE "OwnedCertificate" (
    "personId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,

    CONSTRAINT "OwnedCertificate_pkey" PRIMARY KEY ("personId","certificateId")
);

-- CreateTable
CREATE TABLE "OwnedFinding" (
    "personId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,

    CONSTRAINT "OwnedFinding_pkey" PRIMARY KEY ("personId","findingId")
);

-- CreateIndex
CREATE INDEX "OwnedCertificate_certificateId_idx" ON "OwnedCertificate"("certificateId");

-- CreateIndex
CREATE INDEX "OwnedCertificate_keyId_idx" ON "OwnedCertificate"("keyId");

-- CreateIndex
CREATE INDEX "OwnedFinding_findingId_idx" ON "OwnedFinding"("findingId");

-- The triggers that keep the tables current (lib/db/migrate/owned-scope-objects.ts)
CREATE OR REPLACE FUNCTION public.signercertificate_owned_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
      SELECT s."primaryOwnerId", n."certificateId", (SELECT "keyId" FROM "Certificate" WHERE "id" = n."certificateId") FROM new_rows n JOIN "Signer" s ON s."id" = n."signerId" WHERE s."primaryOwnerId" IS NOT NULL UNION ALL SELECT s."backupOwnerId", n."certificateId", (SELECT "keyId" FROM "Certificate" WHERE "id" = n."certificateId") FROM new_rows n JOIN "Signer" s ON s."id" = n."signerId" WHERE s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE f."certificateId" IN (SELECT "certificateId" FROM new_rows)
      UNION ALL SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM new_rows)) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$;

CREATE TRIGGER "SignerCertificate_owned_insert" AFTER INSERT ON public."SignerCertificate" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION signercertificate_owned_insert();

CREATE OR REPLACE FUNCTION public.signercertificate_owned_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "OwnedCertificate" WHERE "certificateId" = OLD."certificateId";
  INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."primaryOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = OLD."certificateId" AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."backupOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = OLD."certificateId" AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."certificateId" = OLD."certificateId" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = OLD."certificateId")));
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = OLD."certificateId" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = OLD."certificateId")) AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = OLD."certificateId" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = OLD."certificateId")) AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."certificateId" = OLD."certificateId" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = OLD."certificateId")) ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."certificateId" = OLD."certificateId" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = OLD."certificateId")) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$;

CREATE TRIGGER "SignerCertificate_owned_delete" AFTER DELETE ON public."SignerCertificate" FOR EACH ROW EXECUTE FUNCTION signercertificate_owned_delete();

CREATE OR REPLACE FUNCTION public.signer_owned_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "OwnedCertificate" WHERE "certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id");
  INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."primaryOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."backupOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id") OR f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id")) OR f."signerId" = NEW."id"));
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id") OR f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id")) OR f."signerId" = NEW."id") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id") OR f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id")) OR f."signerId" = NEW."id") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id") OR f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id")) OR f."signerId" = NEW."id") ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."certificateId" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id") OR f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = NEW."id")) OR f."signerId" = NEW."id") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$;

CREATE TRIGGER "Signer_owned_update" AFTER UPDATE OF "primaryOwnerId", "backupOwnerId" ON public."Signer" FOR EACH ROW WHEN (((old."primaryOwnerId" IS DISTINCT FROM new."primaryOwnerId") OR (old."backupOwnerId" IS DISTINCT FROM new."backupOwnerId"))) EXECUTE FUNCTION signer_owned_update();

CREATE OR REPLACE FUNCTION public.signer_owned_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."signerId" = OLD."id"));
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."signerId" = OLD."id") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."signerId" = OLD."id") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."signerId" = OLD."id") ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."signerId" = OLD."id") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$;

CREATE TRIGGER "Signer_owned_delete" AFTER DELETE ON public."Signer" FOR EACH ROW EXECUTE FUNCTION signer_owned_delete();

CREATE OR REPLACE FUNCTION public.certificate_owned_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "OwnedCertificate" WHERE "certificateId" = NEW."id";
  INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."primaryOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = NEW."id" AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."backupOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = NEW."id" AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."certificateId" = NEW."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = NEW."id") OR f."keyId" = OLD."keyId"));
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = NEW."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = NEW."id") OR f."keyId" = OLD."keyId") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = NEW."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = NEW."id") OR f."keyId" = OLD."keyId") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."certificateId" = NEW."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = NEW."id") OR f."keyId" = OLD."keyId") ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."certificateId" = NEW."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = NEW."id") OR f."keyId" = OLD."keyId") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$;

CREATE TRIGGER "Certificate_owned_update" AFTER UPDATE OF "keyId" ON public."Certificate" FOR EACH ROW WHEN ((old."keyId" IS DISTINCT FROM new."keyId")) EXECUTE FUNCTION certificate_owned_update();

CREATE OR REPLACE FUNCTION public.certificate_owned_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "OwnedCertificate" WHERE "certificateId" = OLD."id";
  INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."primaryOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = OLD."id" AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."backupOwnerId", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE sc."certificateId" = OLD."id" AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."certificateId" = OLD."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = OLD."id") OR f."keyId" = OLD."keyId"));
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = OLD."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = OLD."id") OR f."keyId" = OLD."keyId") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."certificateId" = OLD."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = OLD."id") OR f."keyId" = OLD."keyId") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."certificateId" = OLD."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = OLD."id") OR f."keyId" = OLD."keyId") ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."certificateId" = OLD."id" OR f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = OLD."id") OR f."keyId" = OLD."keyId") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$;

CREATE TRIGGER "Certificate_owned_delete" AFTER DELETE ON public."Certificate" FOR EACH ROW EXECUTE FUNCTION certificate_owned_delete();

CREATE OR REPLACE FUNCTION public.finding_owned_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", n."id" FROM new_rows n JOIN "Signer" s ON s."id" = n."signerId" WHERE s."primaryOwnerId" IS NOT NULL UNION ALL SELECT s."backupOwnerId", n."id" FROM new_rows n JOIN "Signer" s ON s."id" = n."signerId" WHERE s."backupOwnerId" IS NOT NULL
      UNION ALL SELECT oc."personId", n."id" FROM new_rows n JOIN "OwnedCertificate" oc ON oc."certificateId" = n."certificateId" UNION ALL SELECT oc."personId", n."id" FROM new_rows n JOIN "OwnedCertificate" oc ON oc."keyId" = n."keyId" ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$;

CREATE TRIGGER "Finding_owned_insert" AFTER INSERT ON public."Finding" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_owned_insert();

CREATE OR REPLACE FUNCTION public.finding_owned_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE (f."id" = NEW."id"));
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."primaryOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."id" = NEW."id") AND s."primaryOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."backupOwnerId", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE (f."id" = NEW."id") AND s."backupOwnerId" IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE (f."id" = NEW."id") ON CONFLICT DO NOTHING;
  INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE (f."id" = NEW."id") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$;

CREATE TRIGGER "Finding_owned_update" AFTER UPDATE OF "signerId", "certificateId", "keyId" ON public."Finding" FOR EACH ROW WHEN (((old."signerId" IS DISTINCT FROM new."signerId") OR (old."certificateId" IS DISTINCT FROM new."certificateId") OR (old."keyId" IS DISTINCT FROM new."keyId"))) EXECUTE FUNCTION finding_owned_update();

CREATE OR REPLACE FUNCTION public.finding_owned_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "OwnedFinding" WHERE "findingId" = OLD."id";
  RETURN NULL;
END
$function$;

CREATE TRIGGER "Finding_owned_delete" AFTER DELETE ON public."Finding" FOR EACH ROW EXECUTE FUNCTION finding_owned_delete();

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
