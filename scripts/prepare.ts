// Start-up checks run by `npm start` before the server: configuration, data directory, secret,
// migrations. Any problem ends the process with one line that says what is wrong.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, dataDirFrom, loadConfig } from "../lib/config";
import { resolveDatabaseUrl, databaseFlavour } from "../lib/db/adapters";
import { applyMigrations } from "../lib/db/migrate";
import { sealUnchainedAt } from "../lib/db/audit/chain";

function fail(message: string): never {
  console.error(`signet: ${message}`);
  process.exit(1);
}

function ensureLocalSecret(env: NodeJS.ProcessEnv) {
  if (env.SIGNET_SECRET || env.BETTER_AUTH_SECRET) return;
  if (env.NODE_ENV === "production" && env.SIGNET_ENV !== "local") return; // loadConfig reports it
  const dataDir = dataDirFrom(env);
  const file = path.join(dataDir, ".secret");
  if (fs.existsSync(file)) return;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString("base64url") + "\n", { mode: 0o600 });
  } catch (error) {
    fail(
      `data directory ${dataDir} is not writable (${(error as NodeJS.ErrnoException).code ?? String(error)}); set SIGNET_DATA_DIR to a writable folder`,
    );
  }
}

async function main() {
  const env = process.env;
  ensureLocalSecret(env);
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const url = resolveDatabaseUrl(env);
  try {
    const { applied } = await applyMigrations({ url });
    const where = databaseFlavour(url) === "postgres" ? "PostgreSQL" : url.replace(/^file:/, "");
    console.log(
      applied.length
        ? `signet: applied ${applied.length} migration(s) to ${where}`
        : `signet: database ${where} is up to date`,
    );
    // audit events written before the hash chain existed join it once, oldest first (SQL cannot
    // compute the canonical hashes on SQLite, so this is code, not a migration)
    const sealed = await sealUnchainedAt(url);
    if (sealed > 0) console.log(`signet: linked ${sealed} earlier audit event(s) into the hash chain`);
  } catch (error) {
    fail(error instanceof Error ? error.message.split("\n")[0] : String(error));
  }
  process.exit(0);
}

main().catch((error) => fail(error instanceof Error ? error.message.split("\n")[0] : String(error)));
