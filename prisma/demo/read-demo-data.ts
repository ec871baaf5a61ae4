// Reads a list from the demo's JSON data with its schema, one entry at a time, so that a mistake in
// the data names the file, the entry and the field instead of failing somewhere in the load.
import { z } from "@/lib/domain/zod";

export function readDemoData<T>(file: string, what: string, entries: readonly unknown[], schema: z.ZodType<T>): T[] {
  return entries.map((entry, i) => {
    const parsed = schema.safeParse(entry);
    if (parsed.success) return parsed.data;
    const { name } = z.looseObject({ name: z.string() }).safeParse(entry).data ?? { name: `#${i + 1}` };
    throw new Error(`prisma/demo/${file}: ${what} "${name}":\n${z.prettifyError(parsed.error)}`);
  });
}
