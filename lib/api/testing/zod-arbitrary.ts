import fc from "fast-check";
import type { z } from "@/lib/domain/zod";

// Schema-aware fuzzing: fast-check values shaped by a route's zod schema (zod 4's definition
// objects), mostly valid-ish with boundary values, and at every level sometimes something hostile
// instead: wrong types, nulls, huge and unicode strings, extra keys, deep nesting, dates out of range.

type Def = {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  format?: string;
  coerce?: boolean;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
};
type CheckDef = {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number | bigint | Date;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function nested(depth: number): unknown {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
  return v;
}

/** Dates a route must refuse or store faithfully: year 1, year 275760, invalid, leap, odd offsets. */
export const HOSTILE_DATES = [
  "0001-01-01T00:00:00Z",
  "+275760-09-13T00:00:00.000Z",
  "-000001-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  // the latest date an input may carry (lib/domain/date-bounds.ts): what Signet derives from it must still store
  "9000-12-31T23:59:59.999Z",
  "1970-01-01T00:00:00Z",
  "2026-02-30",
  "2024-02-29T12:00:00+14:00",
  "2026-13-01",
  "not a date",
  "1e400",
];

const HUGE = "A".repeat(200_000);
const hostileStrings = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\r\nSet-Cookie: x=1",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "'; DROP TABLE signer; --",
    "../../etc/passwd",
    "\u202e\u200b\ufeff",
    "😀".repeat(300),
    "%00%0d%0a",
    "__proto__",
    "constructor",
    HUGE,
    ...HOSTILE_DATES,
  ),
);

/** Anything at all: what a careless or hostile client might put where the schema wants something else. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileStrings },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 2 ** 31, -(2 ** 53), 1e308, 0.5, -0.0) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(nested(200), nested(3000), [], {}, JSON.parse('{"__proto__": {"isAdmin": true}}')),
  },
  { weight: 1, arbitrary: fc.array(fc.string(), { maxLength: 5 }) },
);

function lengthBounds(def: Def): { min: number; max: number } {
  let min = 0;
  let max = 64;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === "min_length" && d.minimum !== undefined) min = d.minimum;
    if (d.check === "max_length" && d.maximum !== undefined) max = d.maximum;
    if (d.check === "length_equals" && d.value !== undefined) min = max = Number(d.value);
  }
  return { min, max: Math.max(min, max) };
}

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const formats = [def.format, ...(def.checks ?? []).map((c) => c._zod.def.format)].filter(Boolean);
  const { min, max } = lengthBounds(def);
  const fitting = fc.string({ minLength: min, maxLength: Math.min(max, min + 40) });
  const boundary = fc.constantFrom(
    "x".repeat(min),
    "x".repeat(Math.min(max, 10_000)),
    "x".repeat(Math.min(max + 1, 10_001)),
    min > 0 ? "x".repeat(min - 1) : " ",
  );
  const shaped: fc.Arbitrary<string>[] = [fitting, boundary];
  if (formats.includes("email")) shaped.push(fc.emailAddress(), fc.constantFrom("a@b", "@x.example", "a@x.example "));
  if (formats.some((f) => f === "datetime" || f === "date"))
    shaped.push(
      fc
        .date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom(...HOSTILE_DATES),
    );
  if (formats.includes("url"))
    shaped.push(fc.webUrl(), fc.constantFrom("http://127.0.0.1/", "http://[::1]/", "file:///etc"));
  for (const c of def.checks ?? [])
    if (c._zod.def.pattern) shaped.push(fc.stringMatching(c._zod.def.pattern, { size: "small" }));
  // strings are often ids, dates or names: a date-like string reaches date parsing, too
  shaped.push(fc.constantFrom(...HOSTILE_DATES));
  return fc.oneof(...shaped);
}

function numberArbitrary(def: Def): fc.Arbitrary<number | string> {
  let min = -1e9;
  let max = 1e9;
  let isInt = false;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === "greater_than") min = Number(d.value);
    if (d.check === "less_than") max = Number(d.value);
    if (d.check === "number_format" && /int/.test(d.format ?? "")) isInt = true;
  }
  const inRange = isInt
    ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) })
    : fc.double({ min, max, noNaN: true });
  const edges = fc.constantFrom(min, max, min - 1, max + 1, 0, -1, 0.5, Number.MAX_SAFE_INTEGER + 2, 1e21);
  const numbers: fc.Arbitrary<number | string> = fc.oneof(inRange, edges);
  // coerced numbers come from query strings and forms: send them as text too
  return def.coerce
    ? fc.oneof(
        numbers.map((n) => String(n)),
        fc.constantFrom("", "1e3", "0x10", " 7 ", "Infinity", "NaN", "-0"),
      )
    : numbers;
}

/** A fast-check arbitrary for `schema`: shaped values mostly, hostile ones at every level sometimes. */
export function arbitraryFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedFor(schema, depth);
  return fc.oneof({ weight: depth === 0 ? 6 : 10, arbitrary: shaped }, { weight: 1, arbitrary: hostileValue });
}

function shapedFor(schema: z.ZodType, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: z.ZodType) => arbitraryFor(s, depth + 1);
  switch (def.type) {
    case "string":
      return stringArbitrary(def);
    case "number":
    case "int":
      return numberArbitrary(def);
    case "boolean":
      return def.coerce ? fc.constantFrom("true", "false", "1", "0", "yes", "") : fc.boolean();
    case "date":
      return fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom(...HOSTILE_DATES),
      );
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case "literal":
      return fc.constantFrom(...(def.values ?? []));
    case "null":
      return fc.constant(null);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return fc.oneof(inner(def.innerType!), fc.constant(undefined), fc.constant(null));
    case "pipe":
      // z.preprocess(fn, schema) is a pipe from a transform: what matters is the schema after it
      return defOf(def.in!).type === "transform" ? shapedFor(def.out!, depth) : shapedFor(def.in!, depth);
    case "union":
      return fc.oneof(...(def.options ?? []).map((o) => shapedFor(o, depth)));
    case "array": {
      const { min, max } = lengthBounds(def);
      return fc.array(inner(def.element!), { minLength: Math.min(min, 3), maxLength: Math.min(Math.max(max, 1), 8) });
    }
    case "record":
      return fc.dictionary(
        fc.oneof(shapedFor(def.keyType!, depth) as fc.Arbitrary<string>, fc.string()).map(String),
        inner(def.valueType!),
        { maxKeys: 5 },
      );
    case "object": {
      const shape = def.shape ?? {};
      const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, inner(s)]));
      const record = fc.record(fields, { requiredKeys: [] });
      // extra keys: refused by strict objects, ignored by the others; never a crash
      const extra = fc.dictionary(
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "id", "role")),
        hostileValue,
        {
          maxKeys: 3,
        },
      );
      return fc.tuple(record, fc.option(extra, { freq: 4 })).map(([r, e]) => ({ ...(e ?? {}), ...r }));
    }
    default:
      // unknown, any, transform, custom…: anything goes
      return hostileValue;
  }
}

/** A query string for `schema`: values as text (numbers, dates) and sometimes repeated or extra keys. */
export function queryArbitraryFor(schema: z.ZodType): fc.Arbitrary<string> {
  return fc
    .tuple(arbitraryFor(schema), fc.option(fc.tuple(fc.string({ maxLength: 8 }), hostileStrings), { freq: 5 }))
    .map(([value, extra]) => {
      const params = new URLSearchParams();
      const entries: [string, unknown][] =
        value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value) : [["q", value]];
      for (const [k, v] of entries) {
        if (v === undefined) continue;
        for (const item of Array.isArray(v) ? v : [v])
          params.append(k, typeof item === "object" && item !== null ? JSON.stringify(item) : String(item));
      }
      if (extra) params.append(extra[0], extra[1]);
      return params.toString();
    });
}
