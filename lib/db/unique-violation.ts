// What a unique-index violation says about itself. Prisma's driver adapters do not fill P2002's
// `meta.target` (the native engine did): they pass the adapter's own error on in
// `meta.driverAdapterError.cause`, which names the columns on SQLite (`constraint.fields`) but only
// the index on PostgreSQL (`constraint.index`, "Person_email_key"). No imports: lib/api reads it too.

type AdapterCause = { table?: unknown; constraint?: { fields?: unknown; index?: unknown } };
type PrismaLikeError = {
  code?: unknown;
  message?: unknown;
  meta?: { target?: unknown; modelName?: unknown; driverAdapterError?: { cause?: AdapterCause } };
};

/** A unique-index violation, from Prisma's own queries (P2002) or from a raw INSERT (P2010 + the database's code). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; meta?: Record<string, unknown> };
  if (e?.code === "P2002") return true;
  const text = `${e?.message ?? ""} ${JSON.stringify(e?.meta ?? {})}`;
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT_UNIQUE|duplicate key value|23505|UniqueConstraintViolation/i.test(
    text,
  );
}

const strings = (value: unknown): string[] | null =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string") ? value : null;

/**
 * The fields of a unique index from its name, by Prisma's naming of the indexes it creates
 * (`{Table}_{field}_{field}_key`; the schema names none itself and no field holds an underscore).
 */
function fieldsOfIndex(index: unknown, table: string | null): string[] | null {
  if (typeof index !== "string" || !table || !index.startsWith(`${table}_`) || !index.endsWith("_key")) return null;
  return strings(index.slice(table.length + 1, -"_key".length).split("_"));
}

/**
 * The model and the fields of the unique index a P2002 error broke, as far as the error names them
 * (both null when it does not): the fields are the schema's, as the model's input names them.
 */
export function uniqueViolationOf(error: unknown): { model: string | null; fields: string[] | null } | null {
  const e = error as PrismaLikeError | null;
  if (!e || typeof e !== "object" || e.code !== "P2002") return null;
  const cause = e.meta?.driverAdapterError?.cause;
  const model = typeof e.meta?.modelName === "string" ? e.meta.modelName : null;
  const table = typeof cause?.table === "string" ? cause.table : model;
  const target = e.meta?.target;
  const fields =
    strings(cause?.constraint?.fields) ??
    fieldsOfIndex(cause?.constraint?.index, table) ??
    strings(target) ??
    fieldsOfIndex(target, table);
  return { model, fields };
}
