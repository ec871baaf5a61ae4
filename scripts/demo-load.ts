// npm run demo:load — migrates DATABASE_URL (default file:./data/signet.db), then loads the demo
// inventory into it. Refuses when signers already exist.
import "reflect-metadata";
import { toAppError } from "../lib/api/errors";
import { databaseFlavour, resolveDatabaseUrl, sqliteFilePath } from "../lib/db/adapters";
import { createDb, closeDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { loadDemoData } from "../lib/services/load-demo-data";

async function main(): Promise<number> {
  const url = resolveDatabaseUrl(process.env);
  const where = databaseFlavour(url) === "sqlite" ? `SQLite ${sqliteFilePath(url)}` : "PostgreSQL";
  const { applied } = await applyMigrations({ url });
  if (applied.length > 0) console.error(`${where}: applied ${applied.length} migration(s)`);
  const db = createDb(url);
  try {
    const r = await loadDemoData(db, { now: new Date(), actor: { type: "system", label: "demo:load script" } });
    const f = r.findings;
    console.log(
      `${where}: loaded ${r.teams} teams, ${r.people} people, ${r.signers} signers, ${r.certificates} certificates, ` +
        `${r.signingEvents} signing events; ${f.created} findings raised; ${(r.durationMs / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (error) {
    const e = toAppError(error);
    console.error(`demo:load: ${e.message}`);
    if (e.code === "internal") console.error(error);
    return 1;
  } finally {
    await closeDb(db);
  }
}

// the migration engine leaves a timer behind on PostgreSQL: exit explicitly
main().then((code) => process.exit(code), (error) => {
  console.error("demo:load failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
