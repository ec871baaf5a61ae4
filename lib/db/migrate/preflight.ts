import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { sqliteFilePath } from "../adapters";
import { MigrationError, errorCode, errorMessage } from "./errors";

// Checks made before the engine runs, so that the usual set-up mistakes (a data directory that
// cannot be written, a PostgreSQL server that is down) produce one clear line instead of an
// engine stack.

const FS_REASONS: Record<string, string> = {
  ENOTDIR: "a parent path is a file, not a directory",
  EEXIST: "a file with that name is in the way",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
};

function fsReason(error: unknown): string {
  const code = errorCode(error) ?? "error";
  return `${FS_REASONS[code] ?? errorMessage(error)} (${code})`;
}

/** Creates the directory of a SQLite file URL when missing and checks that it can be written. */
export function prepareSqliteFile(url: string): void {
  const file = sqliteFilePath(url);
  if (file === ":memory:" || file === "") return;
  const absolute = path.resolve(file);
  const dir = path.dirname(absolute);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new MigrationError(`cannot create the SQLite database directory ${dir}: ${fsReason(error)}`, {
      cause: error,
    });
  }
  try {
    if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw new MigrationError(`the SQLite database directory ${dir} is not writable: ${fsReason(error)}`, {
      cause: error,
    });
  }
  if (!fs.existsSync(absolute)) return;
  try {
    if (!fs.statSync(absolute).isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    fs.accessSync(absolute, fs.constants.R_OK | fs.constants.W_OK);
  } catch (error) {
    throw new MigrationError(`the SQLite database file ${absolute} is not writable: ${fsReason(error)}`, {
      cause: error,
    });
  }
}

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** "host:port" of a PostgreSQL URL, never its credentials. */
export function postgresServerLabel(url: string): string {
  const u = new URL(url);
  return `${u.hostname || "localhost"}:${u.port || "5432"}`;
}

/** Opens and closes one connection; throws a one-line MigrationError when that fails. */
export async function checkPostgresReachable(url: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: options.timeoutMs ?? 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new MigrationError(describePostgresConnectError(url, error), { cause: error });
  } finally {
    await client.end().catch(() => {});
  }
}

export function describePostgresConnectError(url: string, error: unknown): string {
  const server = postgresServerLabel(url);
  const u = new URL(url);
  const code = errorCode(error);
  if (code && UNREACHABLE_CODES.has(code)) return `cannot reach PostgreSQL at ${server} (${code})`;
  if (code === "3D000") {
    return `database "${decodeURIComponent(u.pathname.slice(1))}" does not exist on PostgreSQL at ${server} (3D000)`;
  }
  if (code === "28P01" || code === "28000") {
    return `PostgreSQL at ${server} refused user "${decodeURIComponent(u.username)}": ${errorMessage(error)} (${code})`;
  }
  if (/timeout/i.test(errorMessage(error))) return `cannot reach PostgreSQL at ${server} (timeout)`;
  return `cannot connect to PostgreSQL at ${server}: ${errorMessage(error)}${code ? ` (${code})` : ""}`;
}
