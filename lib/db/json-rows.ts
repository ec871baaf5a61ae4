import type { Tx } from "./client";

// Bulk statements that send their rows as ONE JSON parameter, expanded by the database
// (SQLite json_each, PostgreSQL jsonb_array_elements). Prisma's raw queries cost ~14 µs of CPU per
// bound parameter; a certificate row has 33, so a multi-row INSERT with a parameter per value spent
// three times longer in the client than in the database. One JSON text per statement costs a
// JSON.stringify and a parse inside the database instead. Values are typed per column so both
// databases store exactly what Prisma's own writes would store (SQLite: DateTime as ISO text with
// +00:00, Boolean as 0/1; PostgreSQL: TIMESTAMP(3), BOOLEAN, BYTEA).

export type ColumnType = "text" | "int" | "bool" | "timestamp" | "bytes";
export type Columns = Readonly<Record<string, ColumnType>>;

/** Rows per statement: about a megabyte of JSON for certificate rows. */
const ROWS = 500;

type Flavour = "sqlite" | "postgres";

function flavourOf(tx: Tx): Flavour {
  return (tx as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgres" : "sqlite";
}

function encode(value: unknown, type: ColumnType, flavour: Flavour): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "timestamp":
      return flavour === "sqlite" ? (value as Date).toISOString().replace("Z", "+00:00") : (value as Date).toISOString();
    case "bool":
      return value ? 1 : 0;
    case "bytes":
      return Buffer.from((value as Uint8Array).buffer, (value as Uint8Array).byteOffset, (value as Uint8Array).byteLength).toString("hex");
    default:
      return value;
  }
}

function expression(column: string, type: ColumnType, flavour: Flavour): string {
  const raw = flavour === "sqlite" ? `value->>'${column}'` : `x->>'${column}'`;
  if (flavour === "sqlite") return type === "bytes" ? `unhex(${raw})` : raw;
  switch (type) {
    case "int":
      return `(${raw})::integer`;
    case "bool":
      return `(${raw})::integer::boolean`;
    case "timestamp":
      // the text is UTC; a TIMESTAMP(3) column keeps the wall time, as Prisma writes it
      return `((${raw})::timestamptz AT TIME ZONE 'UTC')`;
    case "bytes":
      return `decode(${raw}, 'hex')`;
    default:
      return raw;
  }
}

/**
 * INSERT INTO table (columns) SELECT … FROM <rows as JSON> [ON CONFLICT …] [RETURNING …], a
 * statement per ROWS rows. `fixed` columns take the same SQL literal in every row. Returns the
 * RETURNING rows, if any.
 */
export async function insertJsonRows<R = never>(
  tx: Tx,
  spec: { table: string; columns: Columns; rows: Record<string, unknown>[]; onConflict?: string; returning?: string },
): Promise<R[]> {
  const flavour = flavourOf(tx);
  const names = Object.keys(spec.columns);
  const select = names.map((n) => expression(n, spec.columns[n], flavour)).join(", ");
  const from = flavour === "sqlite" ? "json_each(?)" : "jsonb_array_elements($1::jsonb) AS x";
  // "WHERE true" keeps SQLite from reading ON CONFLICT as part of a join clause
  const sql =
    `INSERT INTO "${spec.table}" (${names.map((n) => `"${n}"`).join(", ")}) SELECT ${select} FROM ${from} WHERE true` +
    (spec.onConflict ? ` ON CONFLICT ${spec.onConflict}` : "") +
    (spec.returning ? ` RETURNING ${spec.returning}` : "");
  const out: R[] = [];
  for (let i = 0; i < spec.rows.length; i += ROWS) {
    const json = JSON.stringify(
      spec.rows.slice(i, i + ROWS).map((row) => {
        const o: Record<string, unknown> = {};
        for (const n of names) o[n] = encode(row[n], spec.columns[n], flavour);
        return o;
      }),
    );
    if (spec.returning) out.push(...(await tx.$queryRawUnsafe<R[]>(sql, json)));
    else await tx.$executeRawUnsafe(sql, json);
  }
  return out;
}

/** SELECT … WHERE column IN (the values, as one JSON parameter). */
export async function selectWhereIn<R>(tx: Tx, spec: { select: string; table: string; column: string; values: string[] }): Promise<R[]> {
  const flavour = flavourOf(tx);
  const list = flavour === "sqlite" ? "SELECT value FROM json_each(?)" : "SELECT jsonb_array_elements_text($1::jsonb)";
  const sql = `SELECT ${spec.select} FROM "${spec.table}" WHERE "${spec.column}" IN (${list})`;
  const out: R[] = [];
  for (let i = 0; i < spec.values.length; i += 2_000) out.push(...(await tx.$queryRawUnsafe<R[]>(sql, JSON.stringify(spec.values.slice(i, i + 2_000)))));
  return out;
}
