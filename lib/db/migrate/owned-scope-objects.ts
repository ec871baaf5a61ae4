import type { DatabaseFlavour } from "../adapters";

// Who owns what, stored: "OwnedCertificate" (a person, a certificate linked to a signer they own
// as primary or backup owner, and its key) and "OwnedFinding" (a person, a finding about a signer
// they own, one of those certificates or one of those certificates' keys): the owner scopes of
// lib/db/scope.ts as rows, so an owner's lists and overview read one index range instead of
// walking owner → signers → links → certificates → findings per statement (~60,000 index probes
// for a team lead of 2,000 signers).
//
// Triggers keep both tables equal to that definition, in the transaction of the write that changes
// it, whoever writes (the repositories, a raw bulk insert, a test fixture, a foreign key's cascade):
// a signer-certificate link added or removed, a signer's owners changed or the signer deleted, a
// finding stored, relinked or deleted, a certificate's key changed or the certificate deleted.
// Each trigger recomputes the rows of the certificates and findings it touches from the source
// tables. Migration 20261206190541_owned_scope creates them and fills the tables; the drift check
// verifies that the migrations build each object as defined here (a SQLite table redefinition of a
// watched table drops its triggers). A migration that changes one changes its definition here too.

export type OwnedScopeObject = { type: "trigger" | "function"; name: string; sql: string };

/**
 * What a trigger recomputes, as subqueries over the row (SQLite: NEW/OLD) or the statement's rows
 * (PostgreSQL's transition tables): the certificates whose owners may have changed, the signers
 * whose own findings did, keys whose findings did, findings whose links did.
 */
type Touched = { certificates?: string; signers?: string; keys?: string; findings?: string };

const OWNERS = ["primaryOwnerId", "backupOwnerId"] as const;

/**
 * `column` in `ids`: `= expr` for one row's value (`SELECT expr`, no FROM), which SQLite and
 * PostgreSQL probe an index with directly (`IN (SELECT expr)` cost SQLite a subquery and a bloom
 * filter per statement, 40× a plain link insert), `IN (subquery)` otherwise.
 */
function isIn(column: string, ids: string): string {
  const one = /^SELECT (\S+)$/.exec(ids);
  return one ? `${column} = ${one[1]}` : `${column} IN (${ids})`;
}

/** `f."keyId"` is the key of one of `certificates`. */
function isKeyOf(certificates: string): string {
  const one = /^SELECT (\S+)$/.exec(certificates);
  return one
    ? `f."keyId" = (SELECT "keyId" FROM "Certificate" WHERE "id" = ${one[1]})`
    : `f."keyId" IN (SELECT "keyId" FROM "Certificate" WHERE "id" IN (${certificates}))`;
}

/** The statements that make the rows of everything `t` touches equal to their definition. */
function refresh(t: Touched, conflict: string): string[] {
  const out: string[] = [];
  if (t.certificates) {
    out.push(`DELETE FROM "OwnedCertificate" WHERE ${isIn(`"certificateId"`, t.certificates)}`);
    for (const owner of OWNERS)
      out.push(`INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
        SELECT s."${owner}", c."id", c."keyId" FROM "SignerCertificate" sc
        JOIN "Signer" s ON s."id" = sc."signerId" JOIN "Certificate" c ON c."id" = sc."certificateId"
        WHERE ${isIn(`sc."certificateId"`, t.certificates)} AND s."${owner}" IS NOT NULL ${conflict}`);
  }
  const findings = [
    t.certificates && isIn(`f."certificateId"`, t.certificates),
    t.certificates && isKeyOf(t.certificates),
    t.signers && isIn(`f."signerId"`, t.signers),
    t.keys && isIn(`f."keyId"`, t.keys),
    t.findings && isIn(`f."id"`, t.findings),
  ].filter(Boolean);
  if (findings.length === 0) return out;
  const which = `(${findings.join(" OR ")})`;
  out.push(`DELETE FROM "OwnedFinding" WHERE "findingId" IN (SELECT f."id" FROM "Finding" f WHERE ${which})`);
  for (const owner of OWNERS)
    out.push(`INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT s."${owner}", f."id" FROM "Finding" f JOIN "Signer" s ON s."id" = f."signerId"
      WHERE ${which} AND s."${owner}" IS NOT NULL ${conflict}`);
  for (const column of ["certificateId", "keyId"])
    out.push(`INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."${column}" = f."${column}"
      WHERE ${which} ${conflict}`);
  return out;
}

const CONFLICT = "ON CONFLICT DO NOTHING";

/**
 * The trigger's new rows as a FROM: `branch(select, table, on, where)` reads `table` joined to each
 * new row (SQLite: the row itself, no subquery to materialise; PostgreSQL's bulk triggers: the
 * transition table as `n`), and `ref(column)` is a column of that row.
 */
type Source = {
  ref: (column: string) => string;
  branch: (select: string, table: string, on: string, where?: string) => string;
};

/**
 * New links only add rows: the owners of each link's signer own its certificate, and every owner
 * of a certificate (or of one on the same key) sees its findings. Two statements instead of a
 * recomputation's eight (links are written in bulk by imports); UNION ALL, as the conflict clause
 * drops repeats without a temporary b-tree per row.
 */
function addLinks(src: Source, certificates: string): string[] {
  const owned = (owner: string) =>
    src.branch(
      `s."${owner}", ${src.ref("certificateId")}, (SELECT "keyId" FROM "Certificate" WHERE "id" = ${src.ref("certificateId")})`,
      `"Signer" s`,
      `s."id" = ${src.ref("signerId")}`,
      `s."${owner}" IS NOT NULL`,
    );
  return [
    `INSERT INTO "OwnedCertificate" ("personId", "certificateId", "keyId")
      ${owned("primaryOwnerId")} UNION ALL ${owned("backupOwnerId")} ${CONFLICT}`,
    `INSERT INTO "OwnedFinding" ("personId", "findingId")
      SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."certificateId" = f."certificateId"
      WHERE ${isIn(`f."certificateId"`, certificates)}
      UNION ALL SELECT oc."personId", f."id" FROM "Finding" f JOIN "OwnedCertificate" oc ON oc."keyId" = f."keyId"
      WHERE ${isKeyOf(certificates)} ${CONFLICT}`,
  ];
}

/** New findings only add rows, in one statement (the findings job stores them in bulk). */
function addFindings(src: Source): string[] {
  const ofSigner = (owner: string) =>
    src.branch(
      `s."${owner}", ${src.ref("id")}`,
      `"Signer" s`,
      `s."id" = ${src.ref("signerId")}`,
      `s."${owner}" IS NOT NULL`,
    );
  const ofCertificates = (column: string) =>
    src.branch(`oc."personId", ${src.ref("id")}`, `"OwnedCertificate" oc`, `oc."${column}" = ${src.ref(column)}`);
  return [
    `INSERT INTO "OwnedFinding" ("personId", "findingId")
      ${ofSigner("primaryOwnerId")} UNION ALL ${ofSigner("backupOwnerId")}
      UNION ALL ${ofCertificates("certificateId")} UNION ALL ${ofCertificates("keyId")} ${CONFLICT}`,
  ];
}

/** A column of the trigger's row (NEW, or OLD for a delete; `"old"` asks for OLD in an update). */
type RowRef = (column: string, which?: "old") => string;

/** One trigger, in the dialect's terms: which rows it sees, what they touch. */
type Spec = {
  name: string;
  table: string;
  event: "INSERT" | "DELETE" | "UPDATE";
  /** UPDATE: the columns whose change fires it */
  columns?: string[];
  /** what the row touches, with `row` as NEW or OLD (row-level) */
  touched: (row: RowRef) => Touched;
  /** instead of recomputing what the row touches (inserts add, a finding's delete removes) */
  body?: (row: RowRef, src: Source) => string[];
  /** PostgreSQL: a statement-level trigger over the transition table (bulk inserts) */
  isBulk?: boolean;
};

const SPECS: Spec[] = [
  {
    name: "SignerCertificate_owned_insert",
    table: "SignerCertificate",
    event: "INSERT",
    touched: () => ({}),
    body: (row, src) => addLinks(src, `SELECT ${row("certificateId")}`),
    isBulk: true,
  },
  {
    name: "SignerCertificate_owned_delete",
    table: "SignerCertificate",
    event: "DELETE",
    touched: (row) => ({ certificates: `SELECT ${row("certificateId")}` }),
  },
  {
    name: "Signer_owned_update",
    table: "Signer",
    event: "UPDATE",
    columns: ["primaryOwnerId", "backupOwnerId"],
    touched: (row) => ({
      certificates: `SELECT "certificateId" FROM "SignerCertificate" WHERE "signerId" = ${row("id")}`,
      signers: `SELECT ${row("id")}`,
    }),
  },
  {
    name: "Signer_owned_delete",
    table: "Signer",
    event: "DELETE",
    touched: (row) => ({ signers: `SELECT ${row("id")}` }),
  },
  {
    name: "Certificate_owned_update",
    table: "Certificate",
    event: "UPDATE",
    columns: ["keyId"],
    touched: (row) => ({ certificates: `SELECT ${row("id")}`, keys: `SELECT ${row("keyId", "old")}` }),
  },
  {
    name: "Certificate_owned_delete",
    table: "Certificate",
    event: "DELETE",
    touched: (row) => ({ certificates: `SELECT ${row("id")}`, keys: `SELECT ${row("keyId")}` }),
  },
  {
    name: "Finding_owned_insert",
    table: "Finding",
    event: "INSERT",
    touched: () => ({}),
    body: (_row, src) => addFindings(src),
    isBulk: true,
  },
  {
    name: "Finding_owned_update",
    table: "Finding",
    event: "UPDATE",
    columns: ["signerId", "certificateId", "keyId"],
    touched: (row) => ({ findings: `SELECT ${row("id")}` }),
  },
  {
    name: "Finding_owned_delete",
    table: "Finding",
    event: "DELETE",
    touched: () => ({}),
    body: (row) => [`DELETE FROM "OwnedFinding" WHERE "findingId" = ${row("id")}`],
  },
];

function statements(spec: Spec, row: RowRef, src: Source): string[] {
  return spec.body ? spec.body(row, src) : refresh(spec.touched(row), CONFLICT);
}

function sqliteTrigger(spec: Spec): OwnedScopeObject {
  const side = spec.event === "DELETE" ? "old" : "new";
  const row: RowRef = (column, which) => `${which ?? side}."${column}"`;
  const src: Source = {
    ref: (column) => row(column),
    branch: (select, table, on, where) => `SELECT ${select} FROM ${table} WHERE ${on}${where ? ` AND ${where}` : ""}`,
  };
  const on = spec.columns ? `UPDATE OF ${spec.columns.map((c) => `"${c}"`).join(", ")}` : spec.event;
  const when = spec.columns ? ` WHEN ${spec.columns.map((c) => `old."${c}" IS NOT new."${c}"`).join(" OR ")}` : "";
  const body = statements(spec, row, src)
    .map((s) => `${s};`)
    .join(" ");
  return {
    type: "trigger",
    name: spec.name,
    sql: `CREATE TRIGGER "${spec.name}" AFTER ${on} ON "${spec.table}"${when} BEGIN ${body} END`,
  };
}

/** As pg_get_functiondef and pg_get_triggerdef print them, so the drift check compares like with like. */
function postgresObjects(spec: Spec): OwnedScopeObject[] {
  const fn = spec.name.toLowerCase();
  const transition = spec.event === "DELETE" ? "old_rows" : "new_rows";
  const side = spec.event === "DELETE" ? "OLD" : "NEW";
  // a bulk trigger reads the statement's rows: `SELECT ${row(c)}` is `SELECT c FROM new_rows`
  const row: RowRef = spec.isBulk
    ? (column) => `"${column}" FROM ${transition}`
    : (column, which) => `${which ? "OLD" : side}."${column}"`;
  const src: Source = spec.isBulk
    ? {
        ref: (column) => `n."${column}"`,
        branch: (select, table, on, where) =>
          `SELECT ${select} FROM ${transition} n JOIN ${table} ON ${on}${where ? ` WHERE ${where}` : ""}`,
      }
    : {
        ref: (column) => row(column),
        branch: (select, table, on, where) =>
          `SELECT ${select} FROM ${table} WHERE ${on}${where ? ` AND ${where}` : ""}`,
      };
  const body = statements(spec, row, src)
    .map((s) => `  ${s};\n`)
    .join("");
  const on = spec.columns ? `UPDATE OF ${spec.columns.map((c) => `"${c}"`).join(", ")}` : spec.event;
  const changed = (spec.columns ?? []).map((c) => `(old."${c}" IS DISTINCT FROM new."${c}")`);
  const when = changed.length === 0 ? "" : ` WHEN (${changed.length === 1 ? changed[0] : `(${changed.join(" OR ")})`})`;
  const level = spec.isBulk
    ? `REFERENCING ${spec.event === "DELETE" ? "OLD" : "NEW"} TABLE AS ${transition} FOR EACH STATEMENT`
    : `FOR EACH ROW${when}`;
  return [
    {
      type: "function",
      name: fn,
      sql: `CREATE OR REPLACE FUNCTION public.${fn}()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\nBEGIN\n${body}  RETURN NULL;\nEND\n$function$`,
    },
    {
      type: "trigger",
      name: spec.name,
      sql: `CREATE TRIGGER "${spec.name}" AFTER ${on} ON public."${spec.table}" ${level} EXECUTE FUNCTION ${fn}()`,
    },
  ];
}

/** The triggers (and, on PostgreSQL, their functions) that keep the owned-scope tables current. */
export function ownedScopeObjects(flavour: DatabaseFlavour): OwnedScopeObject[] {
  return flavour === "sqlite" ? SPECS.map(sqliteTrigger) : SPECS.flatMap(postgresObjects);
}

/** Fills the empty tables from the source tables: the migration's backfill, in the triggers' terms. */
export function ownedScopeBackfill(): string[] {
  const certificates = refresh({ certificates: `SELECT "id" FROM "Certificate"` }, CONFLICT).slice(1, 3);
  const findings = refresh({ findings: `SELECT "id" FROM "Finding"` }, CONFLICT).slice(1);
  return [...certificates, ...findings];
}
