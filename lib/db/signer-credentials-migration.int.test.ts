import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { migrationNames, providerPaths } from "@/lib/db/migrate/files";
import { type TestDatabase, availableFlavours, createEmptyTestDatabase } from "@/lib/testing/databases";

// The migration signer_credentials moves each signer's one credential (its expiry) into
// SignerCredential as its pipeline credential, keeping the signer's id (alerts already sent are
// keyed by it); signers without an expiry get no row. Applied on a database holding signers made
// before it, on both databases.

const MIGRATION = "20261204152951_signer_credentials";

for (const flavour of availableFlavours()) {
  describe(`migration ${MIGRATION} on ${flavour}`, () => {
    let db: TestDatabase;
    let before: string;
    beforeAll(async () => {
      db = await createEmptyTestDatabase(flavour);
      const all = providerPaths(flavour).migrationsDir;
      before = fs.mkdtempSync(path.join(os.tmpdir(), "signet-credentials-migration-"));
      for (const name of migrationNames(all).filter((n) => n < MIGRATION))
        fs.cpSync(path.join(all, name), path.join(before, name), { recursive: true });
      fs.copyFileSync(path.join(all, "migration_lock.toml"), path.join(before, "migration_lock.toml"));
    });
    afterAll(async () => {
      await db?.cleanup();
      fs.rmSync(before, { recursive: true, force: true });
    });

    it("moves each signer's credential expiry into its pipeline credential", async () => {
      await applyMigrations({ url: db.url, migrationsDir: before });
      const insert = `INSERT INTO "Signer" ("id", "name", "kind", "credentialType", "credentialExpiresAt", "updatedAt") VALUES ($1, $2, 'ci-pipeline', $3, $4, $5)`;
      const rows: [string, string, string, string | null][] = [
        ["s-secret", "secret-bot", "static-secret", "2027-03-01T00:00:00.000+00:00"],
        ["s-cert", "cert-bot", "certificate", "2027-04-01T00:00:00.000+00:00"],
        ["s-oidc", "oidc-bot", "oidc", null],
      ];
      const stamp = "2026-12-01T00:00:00.000+00:00";
      if (flavour === "sqlite") {
        const conn = new Database(db.url.slice("file:".length));
        for (const r of rows) conn.prepare(insert.replace(/\$\d/g, "?")).run(...r, stamp);
        conn.close();
      } else {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        for (const r of rows) await client.query(insert, [...r, stamp]);
        await client.end();
      }
      const { applied } = await applyMigrations({ url: db.url });
      expect(applied).toContain(MIGRATION);

      const prisma = createDb(db.url);
      try {
        const credentials = await prisma.signerCredential.findMany({
          orderBy: { id: "asc" },
          select: { id: true, signerId: true, kind: true, name: true, expiresAt: true, isPipeline: true },
        });
        expect(credentials).toEqual([
          {
            id: "s-cert",
            signerId: "s-cert",
            kind: "certificate",
            name: "Pipeline credential",
            expiresAt: new Date("2027-04-01T00:00:00Z"),
            isPipeline: true,
          },
          {
            id: "s-secret",
            signerId: "s-secret",
            kind: "signing-service",
            name: "Pipeline credential",
            expiresAt: new Date("2027-03-01T00:00:00Z"),
            isPipeline: true,
          },
        ]);
        expect(await prisma.signer.count()).toBe(3);
      } finally {
        await prisma.$disconnect();
      }
    });
  });
}
