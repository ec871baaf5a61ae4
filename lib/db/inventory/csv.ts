// CSV for exports: RFC 4180 quoting, and cells that a spreadsheet would run as a formula are
// prefixed with an apostrophe (certificate subjects are attacker-controlled text).

type CsvValue = string | number | boolean | null | undefined;

export type CsvColumn<T> = { header: string; value: (row: T) => CsvValue };

/** The fields of a row that go into a cell as they are. */
type CsvField<T> = { [K in keyof T]-?: T[K] extends CsvValue ? K : never }[keyof T];

/**
 * A column list in column order from header → the row's field to write as it is, or header → a function for a
 * cell the row computes (headers are never integer-like, so the object keeps their order).
 */
export function csvColumns<T>(spec: Record<string, CsvField<T> | ((row: T) => CsvValue)>): CsvColumn<T>[] {
  return Object.entries(spec).map(([header, cell]) => ({
    header,
    value: typeof cell === "function" ? cell : (row: T) => row[cell] as CsvValue,
  }));
}

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: CsvValue[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * Streams rows as CSV: the header, then one batch at a time from `batches`, so memory stays flat
 * however many rows match.
 */
export function csvStream<T>(columns: CsvColumn<T>[], batches: AsyncIterable<T[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let isHeaderSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isHeaderSent) {
        isHeaderSent = true;
        controller.enqueue(encoder.encode(csvLine(columns.map((c) => c.header))));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((row) => csvLine(columns.map((c) => c.value(row)))).join("")));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Keyset batches over a Prisma findMany: `fetch(cursorId)` returns the next rows after that id in the list's order. */
export async function* cursorBatches<T extends { id: string }>(
  fetch: (cursor: string | undefined) => Promise<T[]>,
  batchSize: number,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await fetch(cursor);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1].id;
  }
}
