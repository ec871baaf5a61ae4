-- Issue 14: API token scopes became least-privilege. "ingest" now writes certificates and signing
-- events only; registering and editing signers moved to "signers:write". Tokens issued before keep
-- what "ingest" legitimately did (signers without their owners), but not people or owner changes,
-- which now need "people:write" / "owners:write". Scopes are stored space-separated.
UPDATE "ApiToken" SET "scope" = 'ingest signers:write' WHERE "scope" = 'ingest';
