import { z } from "@/lib/domain/zod";

// Building blocks of the response schemas the /api/v1 routes declare (route({ responses })). They
// describe the JSON on the wire: dates are ISO 8601 strings. Objects are open (z.looseObject): the
// API may only grow (docs/architecture.md), so a field added later does not break a client that
// validates against an older document, and the fields named here are the ones a client can rely on.

export const isoDate = z.iso.datetime({ offset: true }).meta({ description: "ISO 8601 instant" });
export const isoDateOrNull = isoDate.nullable();

export const idName = z.looseObject({ id: z.string(), name: z.string() });
export const personRef = z.looseObject({ id: z.string(), name: z.string(), email: z.string().optional() });

/** Whole-number counts under the given names (statuses, outcomes), in that order: fields to put in an object. */
export function countsOf<K extends string>(...names: K[]) {
  return Object.fromEntries(names.map((name) => [name, z.number().int()])) as Record<K, z.ZodNumber>;
}

/** One page of a list: rows, the total matching the filters, and where the page is. */
export function pageOf<T extends z.ZodType>(row: T, id: string) {
  return z
    .looseObject({
      rows: z.array(row),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      isTotalCapped: z.boolean().optional().meta({ description: "the total stopped counting at 10,000" }),
    })
    .meta({ id });
}

/** An answer of another content type than JSON (CSV downloads). */
export const csv = (description: string) => ({ contentType: "text/csv", description });

/** { ok: true } and nothing else to say. */
export const okResponse = z.looseObject({ ok: z.literal(true) }).meta({ id: "Ok" });

/** A record whose fields the route does not pin yet beyond its id. */
export const withId = (id: string) => z.looseObject({ id: z.string() }).meta({ id });
