// Seeding shared by the benchmarks (bench:dashboard, bench:findings): a synthetic inventory written
// with raw multi-row inserts (no certificate parsing: parse speed is bench:import's subject), and
// fresh databases to write it into (a temporary SQLite file; a PostgreSQL database on 127.0.0.1
// created and dropped around the run).
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import type { Db } from "@/lib/db/client";
import { executeStatement, Prisma } from "@/lib/db/sql";
import { certificateFiltersSchema, parseFilters } from "@/lib/domain/inventory-filters";

const DAY = 86_400_000;

let seq = 0;
const id = (p: string) => `${p}${(++seq).toString(36).padStart(8, "0")}${randomBytes(4).toString("hex")}`;
const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length];

export type Row = Record<string, unknown>;
export type Inserter = (table: string, rows: Row[]) => Promise<void>;

// Raw multi-row inserts: Prisma's createMany took 18 minutes for this volume on a busy 2-core box.
export function sqliteInserter(file: string): { insert: Inserter; close(): void } {
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const value = (v: unknown) =>
    v instanceof Date
      ? v.toISOString().replace("Z", "+00:00")
      : typeof v === "boolean"
        ? v
          ? 1
          : 0
        : v instanceof Uint8Array
          ? Buffer.from(v)
          : (v ?? null);
  return {
    insert: async (table, rows) => {
      if (rows.length === 0) return;
      const cols = Object.keys(rows[0]);
      const stmt = raw.prepare(
        `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(",")}) VALUES (${cols.map(() => "?").join(",")})`,
      );
      raw.transaction(() => {
        for (const r of rows) stmt.run(...cols.map((c) => value(r[c])));
      })();
    },
    close: () => raw.close(),
  };
}

export function postgresInserter(url: string): { insert: Inserter; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const value = (v: unknown) =>
    v instanceof Date ? v.toISOString().replace("Z", "") : v instanceof Uint8Array ? Buffer.from(v) : (v ?? null);
  return {
    insert: async (table, rows) => {
      if (rows.length === 0) return;
      const cols = Object.keys(rows[0]);
      const per = Math.floor(30_000 / cols.length);
      for (let i = 0; i < rows.length; i += per) {
        const batch = rows.slice(i, i + per);
        const params: unknown[] = [];
        const tuples = batch.map(
          (r) => `(${cols.map((c) => (params.push(value(r[c])), `$${params.length}`)).join(",")})`,
        );
        await pool.query(
          `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(",")}) VALUES ${tuples.join(",")}`,
          params,
        );
      }
    },
    close: () => pool.end(),
  };
}

export type SeedOptions = {
  now: Date;
  certificates: number;
  signers: number;
  withFindings?: boolean;
  /**
   * Give leaves the extensions a code-signing profile has (critical keyUsage digitalSignature,
   * EKU codeSigning, CRL, OCSP and CA issuer URLs), as real certificates do. Without them every
   * certificate raises five profile findings, five times as many findings as bench:import's real
   * certificates, and the findings benchmark would mostly measure that.
   */
  withProfileExtensions?: boolean;
};

const PROFILE_EXTENSIONS = {
  keyUsageJson: '["digitalSignature"]',
  isKeyUsageCritical: true,
  ekuJson: '["1.3.6.1.5.5.7.3.3"]',
  crlUrlsJson: '["http://crl.example.test/codesigning.crl"]',
  ocspUrlsJson: '["http://ocsp.example.test"]',
  caIssuersUrlsJson: '["http://pki.example.test/codesigning-ca.crt"]',
};

/**
 * The filtered certificate view both dashboard benches time: one of `teamIds` (the i-th, round
 * robin) and the seed's jenkins platform, by subject.
 */
export function teamAndPlatformFilters(teamIds: readonly string[], i: number) {
  return parseFilters(certificateFiltersSchema, {
    team: teamIds[i % teamIds.length],
    platform: "jenkins",
    sort: "subject",
  });
}

/**
 * Synthetic inventory: 100 teams, 5,000 people, the signers, 0.8 keys per certificate, certificates
 * expiring from a year ago to two years ahead (one signer link each), the obvious findings
 * (unless withFindings is false) and 50,000 audit events.
 */
export async function seedInventory(insert: Inserter, options: SeedOptions) {
  const { now: NOW, certificates: CERTS, signers: SIGNERS } = options;
  const t0 = performance.now();
  const teams = Array.from({ length: 100 }, (_, i) => ({
    id: id("t"),
    name: `team-${i}`,
    createdAt: NOW,
    updatedAt: NOW,
  }));
  await insert("Team", teams);
  const people = Array.from({ length: 5_000 }, (_, i) => ({
    id: id("p"),
    name: `Person ${i}`,
    email: `person${i}@example.test`,
    teamId: pick(teams, i).id,
    isActive: i % 25 !== 0,
    createdAt: NOW,
    updatedAt: NOW,
  }));
  // A team lead who is the primary owner of one signer in twelve (about 2,000 of 25,000, with about
  // 20,000 certificates): the large owner whose overview and lists the dashboard bench measures.
  const lead = {
    id: id("p"),
    name: "Team Lead",
    email: "lead@example.test",
    teamId: teams[0].id,
    isActive: true,
    createdAt: NOW,
    updatedAt: NOW,
  };
  await insert("Person", [...people, lead]);
  const platforms = ["github-actions", "gitlab-ci", "jenkins", "azure-pipelines", "buildkite", "other"];
  const envs = ['["production"]', '["staging"]', '["production","staging"]', '["dev"]'];
  const signers = Array.from({ length: SIGNERS }, (_, i) => ({
    id: id("s"),
    name: `signer-${i}`,
    kind: "ci-pipeline",
    platform: pick(platforms, i),
    environmentsJson: pick(envs, i),
    status: i % 20 === 0 ? "suspended" : "active",
    primaryOwnerId: i % 50 === 0 ? null : i % 12 === 6 ? lead.id : pick(people, i * 7).id,
    backupOwnerId: i % 3 === 0 ? pick(people, i * 11).id : null,
    teamId: pick(teams, i).id,
    lastUsedAt: new Date(NOW.getTime() - (i % 200) * DAY),
    createdAt: NOW,
    updatedAt: NOW,
  }));
  await insert("Signer", signers);
  const custodies = ["hsm", "hsm", "cloud-kms", "vault", "hardware-token", "software-file", "unknown"];
  const keys = Array.from({ length: Math.ceil(CERTS * 0.8) }, (_, i) => ({
    id: id("k"),
    spkiSha256: randomBytes(32).toString("hex"),
    algorithm: i % 3 ? "RSA" : "EC",
    bits: i % 3 ? 3072 : null,
    curve: i % 3 ? null : "P-256",
    custody: pick(custodies, i),
    firstSeenAt: new Date(NOW.getTime() - (i % 900) * DAY),
    updatedAt: NOW,
  }));
  await insert("SigningKey", keys);
  const der = new Uint8Array(64);
  const certs = Array.from({ length: CERTS }, (_, i) => {
    // expiry spread from a year ago to two years ahead
    const notAfter = new Date(NOW.getTime() + ((i * 7919) % 1095) * DAY - 365 * DAY + (i % 86_400) * 1000);
    return {
      id: id("c"),
      sha256: randomBytes(32).toString("hex"),
      sha1: "00",
      der,
      subject: `CN=build-${i},O=Example`,
      subjectCn: `build-${i}`,
      issuer: "CN=Example Code Signing CA",
      issuerCn: `Example Code Signing CA ${i % 5}`,
      serialHex: i.toString(16),
      notBefore: new Date(notAfter.getTime() - 365 * DAY),
      notAfter,
      keyAlgorithm: i % 3 ? "RSA" : "EC",
      keyBits: i % 3 ? 3072 : null,
      curve: i % 3 ? null : "P-256",
      signatureAlgorithm: "sha256WithRSAEncryption",
      keyId: keys[i % keys.length].id,
      revocationStatus: i % 500 === 0 ? "revoked" : i % 7 === 0 ? "unchecked" : "good",
      importSource: "demo",
      importedAt: NOW,
      ...(options.withProfileExtensions ? PROFILE_EXTENSIONS : {}),
    };
  });
  await insert("Certificate", certs);
  const links = certs.map((c, i) => ({ signerId: signers[i % signers.length].id, certificateId: c.id, addedAt: NOW }));
  await insert("SignerCertificate", links);
  // findings as the engine would raise them for the obvious cases
  const findings: Row[] = [];
  const finding = (f: Row) =>
    findings.push({ certificateId: null, keyId: null, signerId: null, firstSeenAt: NOW, lastSeenAt: NOW, ...f });
  certs.forEach((c, i) => {
    const left = c.notAfter.getTime() - NOW.getTime();
    const signerId = signers[i % signers.length].id;
    if (left < 0)
      finding({
        id: id("f"),
        ruleId: "cert.expired",
        severity: "critical",
        severityRank: 4,
        subjectType: "certificate",
        subjectId: c.id,
        certificateId: c.id,
        signerId,
        message: `${c.subjectCn} expired`,
      });
    else if (left < 90 * DAY)
      finding({
        id: id("f"),
        ruleId: "cert.expiring",
        severity: left < 14 * DAY ? "high" : left < 30 * DAY ? "medium" : "low",
        severityRank: left < 14 * DAY ? 3 : left < 30 * DAY ? 2 : 1,
        subjectType: "certificate",
        subjectId: c.id,
        certificateId: c.id,
        signerId,
        message: `${c.subjectCn} expires soon`,
      });
  });
  keys.forEach((k) => {
    if (k.custody === "software-file" || k.custody === "unknown")
      finding({
        id: id("f"),
        ruleId: "key.not-in-hsm",
        severity: "high",
        severityRank: 3,
        subjectType: "key",
        subjectId: k.id,
        keyId: k.id,
        message: "key not in HSM",
      });
    if (NOW.getTime() - k.firstSeenAt.getTime() > 365 * DAY)
      finding({
        id: id("f"),
        ruleId: "key.rotation-overdue",
        severity: "high",
        severityRank: 3,
        subjectType: "key",
        subjectId: k.id,
        keyId: k.id,
        message: "rotation overdue",
      });
  });
  signers.forEach((s) => {
    if (!s.primaryOwnerId)
      finding({
        id: id("f"),
        ruleId: "signer.orphaned",
        severity: "high",
        severityRank: 3,
        subjectType: "signer",
        subjectId: s.id,
        signerId: s.id,
        message: `${s.name} has no owner`,
      });
  });
  if (options.withFindings !== false) await insert("Finding", findings);
  const events = Array.from({ length: 50_000 }, (_, i) => ({
    id: id("a"),
    at: new Date(NOW.getTime() - i * 60_000),
    actorType: "user",
    actorLabel: `user${i % 20}@example.test`,
    action: pick(["certificate.imported", "finding.suppressed", "signer.updated"], i),
    targetType: "certificate",
    targetId: certs[i % certs.length].id,
    summary: `event ${i}`,
    detailsJson: "{}",
  }));
  await insert("AuditEvent", events);
  return {
    seconds: (performance.now() - t0) / 1000,
    signers,
    leadId: lead.id,
    findings: options.withFindings === false ? 0 : findings.length,
  };
}

/** Migrates a fresh database, seeds it through the provider's raw inserter and closes the inserter. */
export async function migrateAndSeed(flavour: "sqlite" | "postgres", url: string, options: SeedOptions) {
  await applyMigrations({ url });
  const inserter = flavour === "sqlite" ? sqliteInserter(url.slice("file:".length)) : postgresInserter(url);
  try {
    return await seedInventory(inserter.insert, options);
  } finally {
    await inserter.close();
  }
}

/**
 * What a benchmark needs to know of a seed it may not have made itself (a cached one): the signers in
 * the order seedInventory made them (ids grow with it), the team lead and how many findings there are.
 */
export async function readSeededInventory(db: Db) {
  const [signers, lead, findings] = await Promise.all([
    db.signer.findMany({ select: { id: true, primaryOwnerId: true }, orderBy: { id: "asc" } }),
    db.person.findFirstOrThrow({ where: { email: "lead@example.test" }, select: { id: true } }),
    db.finding.count(),
  ]);
  return { signers, lead, findings };
}

const SEEDED_AT_KEY = "bench.seededAt";

/**
 * migrateAndSeed, with the seeded SQLite file kept between runs (in the temporary directory, one
 * file per size, seeder and migration set): a 250,000-certificate inventory takes minutes to seed
 * on a busy machine and a second to copy. The seeding instant is stored in the database (a setting)
 * and returned, since a reused seed was made at another time: measure relative to `now`.
 * PostgreSQL is seeded afresh, unless the database (one kept by withBenchDatabases'
 * `postgresDatabase`) already holds this seed: then it is reused as it is.
 */
export async function migrateAndSeedCached(
  flavour: "sqlite" | "postgres",
  url: string,
  options: SeedOptions & { isCacheUsed: boolean },
): Promise<{ seconds: number; now: Date; isFromCache: boolean }> {
  const t0 = performance.now();
  const file = url.slice("file:".length);
  const cached = flavour === "sqlite" && options.isCacheUsed ? seedCacheFile(options) : null;
  if (cached && fs.existsSync(cached)) {
    fs.copyFileSync(cached, file);
    const raw = new Database(file, { readonly: true });
    try {
      const row = raw.prepare(`SELECT "valueJson" FROM "Setting" WHERE "key" = ?`).get(SEEDED_AT_KEY) as {
        valueJson: string;
      };
      return { seconds: (performance.now() - t0) / 1000, now: new Date(JSON.parse(row.valueJson)), isFromCache: true };
    } finally {
      raw.close();
    }
  }
  await applyMigrations({ url });
  if (flavour === "postgres" && options.isCacheUsed) {
    const kept = await keptPostgresSeed(url, options);
    if (kept) return { seconds: (performance.now() - t0) / 1000, now: kept, isFromCache: true };
  }
  const inserter = flavour === "sqlite" ? sqliteInserter(file) : postgresInserter(url);
  try {
    await seedInventory(inserter.insert, options);
    await inserter.insert("Setting", [
      { key: SEEDED_AT_KEY, valueJson: JSON.stringify(options.now.toISOString()), updatedAt: options.now },
      { key: SEED_KEY, valueJson: JSON.stringify(seedKey(options)), updatedAt: options.now },
    ]);
  } finally {
    await inserter.close();
  }
  if (cached) {
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    fs.copyFileSync(file, `${cached}.tmp`);
    fs.renameSync(`${cached}.tmp`, cached);
  }
  return { seconds: (performance.now() - t0) / 1000, now: options.now, isFromCache: false };
}

const SEED_KEY = "bench.seed";

/**
 * What makes a seed differ: the seeder, the migrations (names and SQL: an edited migration, such as
 * a changed trigger, must not reuse a seed made by the old one) and the options.
 */
function seedKey(options: SeedOptions): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.join(here, "../../prisma/sqlite/migrations");
  const hash = createHash("sha256").update(fs.readFileSync(fileURLToPath(import.meta.url)));
  for (const name of fs.readdirSync(root).sort()) {
    const sql = path.join(root, name, "migration.sql");
    hash.update(name).update(fs.existsSync(sql) ? fs.readFileSync(sql) : "");
  }
  return hash
    .update(JSON.stringify({ ...options, now: undefined, isCacheUsed: undefined }))
    .digest("hex")
    .slice(0, 16);
}

/** The cache file for these options, named by what makes a seed differ. */
function seedCacheFile(options: SeedOptions): string {
  return path.join(os.tmpdir(), "signet-bench-seeds", `inventory-${options.certificates}-${seedKey(options)}.db`);
}

/**
 * The seeding instant of a kept PostgreSQL database that holds this seed; null when it holds none.
 * A database holding another seed (other options, seeder or migrations) is refused: drop it.
 */
async function keptPostgresSeed(url: string, options: SeedOptions): Promise<Date | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string; valueJson: string }>(
      `SELECT "key", "valueJson" FROM "Setting" WHERE "key" IN ($1, $2)`,
      [SEEDED_AT_KEY, SEED_KEY],
    );
    const value = (key: string) => rows.find((r) => r.key === key)?.valueJson;
    if (!value(SEEDED_AT_KEY)) return null;
    if (value(SEED_KEY) !== JSON.stringify(seedKey(options)))
      throw new Error(`${new URL(url).pathname.slice(1)} holds another seed: drop the database and run again`);
    return new Date(JSON.parse(value(SEEDED_AT_KEY)!));
  } finally {
    await client.end();
  }
}

/**
 * Runs `run` against a fresh SQLite file and/or a fresh PostgreSQL database, removing each afterwards;
 * with `postgresDatabase`, that PostgreSQL database instead, created when missing and kept (seeding
 * 250,000 certificates into PostgreSQL takes minutes: migrateAndSeedCached reuses its seed).
 */
export async function withBenchDatabases(
  only: string,
  name: string,
  run: (flavour: "sqlite" | "postgres", url: string) => Promise<void>,
  options: { postgresDatabase?: string } = {},
) {
  if (only !== "postgres") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-bench-"));
    try {
      await run("sqlite", `file:${path.join(dir, "bench.db")}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (only !== "sqlite") {
    const server = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
    const u = new URL(server);
    if (!["127.0.0.1", "localhost"].includes(u.hostname))
      throw new Error(`${name} creates and drops a database: use a PostgreSQL server on 127.0.0.1`);
    const kept = options.postgresDatabase;
    if (kept !== undefined && !/^[a-z_][a-z0-9_]*$/.test(kept))
      throw new Error(`${name}: a kept database's name is lower-case letters, digits and _`);
    const db = kept ?? `signet_bench_${Date.now().toString(36)}`;
    const admin = async (sql: string, values: unknown[] = []) => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        return (await c.query(sql, values)).rowCount;
      } finally {
        await c.end();
      }
    };
    if (!kept || !(await admin(`SELECT 1 FROM pg_database WHERE datname = $1`, [kept])))
      await admin(`CREATE DATABASE "${db}"`);
    u.pathname = `/${db}`;
    try {
      await run("postgres", u.toString());
    } finally {
      if (!kept) await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    }
  }
}

/**
 * How many subjects of each table are due at `at` by themselves, then brings each table to 1% due
 * (spread over the table) as thresholds would.
 */
export async function topUpToOnePercent(db: Db, at: Date) {
  const natural: Record<string, number> = {};
  for (const name of ["Certificate", "SigningKey", "Signer"]) {
    const table = Prisma.raw(`"${name}"`);
    const total = Number((await db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM ${table}`)[0].n);
    const due = Number(
      (await db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM ${table} WHERE "nextEvaluationAt" <= ${at}`)[0].n,
    );
    natural[name] = due;
    const extra = Math.max(0, Math.round(total / 100) - due);
    if (extra === 0) continue;
    const candidates = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM ${table} WHERE "nextEvaluationAt" > ${at}`;
    const every = Math.max(1, Math.floor(candidates.length / extra));
    const ids = candidates
      .filter((_, i) => i % every === 0)
      .slice(0, extra)
      .map((r) => r.id);
    const earlier = new Date(at.getTime() - 3_600_000);
    for (let i = 0; i < ids.length; i += 400) {
      await db.$executeRaw`UPDATE ${table} SET "nextEvaluationAt" = ${earlier} WHERE "id" IN (${Prisma.join(ids.slice(i, i + 400))})`;
    }
  }
  return natural;
}

/**
 * Brings a freshly seeded database to the state of a served one before anything is measured. A
 * served PostgreSQL database has been vacuumed and analysed by autovacuum and has checkpointed its
 * writes; one seeded a moment ago has none of these: its reads are planned without statistics,
 * autovacuum's insert-triggered vacuum of the fresh tables would run beside the measurement, and so
 * would the checkpoints the seed's WAL requests (~1 GB at 250k: one took 84 s, spanning a whole paced
 * gate run, p95 21 ms against 10–15 ms without it). SQLite: statistics only (the server checkpoints
 * its WAL on a thread of its own).
 */
export async function settleAsServed(db: Db, flavour: "sqlite" | "postgres") {
  if (flavour === "sqlite") return executeStatement(db, "ANALYZE");
  await executeStatement(db, "VACUUM ANALYZE");
  await executeStatement(db, "CHECKPOINT");
}
