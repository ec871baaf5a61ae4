// Bulk signer import: reads CSV (RFC 4180) or JSON into candidate rows and validates each row on
// its own, so a bad row is reported (row number, field, message) and never blocks the good ones.
// Pure: references to people, teams and certificates are checked by the import service.
import { signerCreateSchema, type SignerCreateInput } from "./signer-input";
import { inputProblem } from "./input-shape";

export const MAX_IMPORT_ROWS = 50_000;

export type RowIssue = { field: string; message: string };
/** raw: the row as read, so references can still be checked and reported alongside syntax problems */
export type ParsedRow = { row: number; name: string | null } & (
  { input: SignerCreateInput } | { issues: RowIssue[]; raw: Record<string, unknown> }
);
export type ParsedFile = { rows: ParsedRow[] } | { fileProblem: string };

/** CSV column → input field. Headers are matched case-insensitively; spaces and "-" count as "_". */
export const CSV_COLUMNS = {
  name: "name",
  kind: "kind",
  platform: "platform",
  environments: "environments",
  artifact_types: "artifactTypes",
  description: "description",
  credential_type: "credentialType",
  credential_expires_at: "credentialExpiresAt",
  primary_owner: "primaryOwner",
  backup_owner: "backupOwner",
  team: "team",
  privileges: "privileges",
  custody: "custody",
  custody_evidence: "custodyEvidence",
  certificates: "certificates",
} as const;

type CsvColumn = keyof typeof CSV_COLUMNS;
const LIST_COLUMNS = new Set<CsvColumn>(["environments", "artifact_types", "privileges", "certificates"]);
const FIELD_TO_COLUMN = new Map<string, string>(Object.entries(CSV_COLUMNS).map(([col, field]) => [field, col]));

/** RFC 4180: quoted fields, "" escapes, CRLF or LF line ends, a leading BOM ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let inQuotes = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
    } else if (c === '"' && field === "") inQuotes = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function splitList(cell: string): string[] {
  return cell
    .split(/[;|,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Row numbers are spreadsheet line numbers: the header is row 1, the first signer row 2. */
export function parseSignerCsv(text: string): ParsedFile {
  const table = parseCsv(text);
  if (table.length === 0) return { fileProblem: "The file is empty" };
  const headers = table[0].map(normaliseHeader);
  const unknown = headers.filter((h) => h && !(h in CSV_COLUMNS));
  if (unknown.length)
    return {
      fileProblem: `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; the columns are ${Object.keys(CSV_COLUMNS).join(", ")}`,
    };
  const dup = headers.find((h, i) => h && headers.indexOf(h) !== i);
  if (dup) return { fileProblem: `Column ${dup} appears twice` };
  if (!headers.includes("name") || !headers.includes("kind"))
    return { fileProblem: "The header row must name at least the columns name and kind" };
  const body = table.slice(1);
  if (body.length > MAX_IMPORT_ROWS)
    return { fileProblem: `At most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows per file` };
  const rows: ParsedRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return; // blank lines
    const record: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (h) record[h] = (cells[j] ?? "").trim();
    });
    rows.push(
      validateRow(
        i + 2,
        csvRecordToInput(record),
        cells.length > headers.length
          ? [{ field: "row", message: `${cells.length} cells but ${headers.length} columns` }]
          : [],
      ),
    );
  });
  return { rows };
}

function csvRecordToInput(record: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(record) as [CsvColumn, string][]) {
    if (value === "" || column === "custody_evidence") continue;
    const field = CSV_COLUMNS[column];
    out[field] = LIST_COLUMNS.has(column) ? splitList(value) : value;
  }
  if (record.custody) out.custody = { type: record.custody.toLowerCase(), evidence: record.custody_evidence || null };
  else if (record.custody_evidence) out.custody = { type: undefined, evidence: record.custody_evidence };
  if (typeof out.kind === "string") out.kind = out.kind.toLowerCase();
  if (typeof out.platform === "string") out.platform = out.platform.toLowerCase();
  if (typeof out.credentialType === "string") out.credentialType = out.credentialType.toLowerCase();
  return out;
}

/** JSON: an array of signer objects (the API's create shape) or { signers: [...] }. Row = 1-based index. */
export function parseSignerJson(text: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { fileProblem: "The file is not valid JSON" };
  }
  const list = Array.isArray(data) ? data : (data as { signers?: unknown })?.signers;
  if (!Array.isArray(list)) return { fileProblem: 'Send a JSON array of signers, or an object { "signers": [...] }' };
  if (list.length > MAX_IMPORT_ROWS)
    return { fileProblem: `At most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows per file` };
  return { rows: list.map((item, i) => validateRow(i + 1, item, [], { isJson: true })) };
}

function validateRow(
  row: number,
  candidate: unknown,
  extra: RowIssue[],
  options: { isJson?: boolean } = {},
): ParsedRow {
  const rawName = (candidate as { name?: unknown } | null)?.name;
  const name = typeof rawName === "string" && rawName.trim() ? rawName.trim() : null;
  if (typeof candidate !== "object" || candidate === null || Array.isArray(candidate)) {
    return { row, name, issues: [{ field: "row", message: "Each signer must be an object" }], raw: {} };
  }
  // a NUL or a value nested past any field: the row is refused before anything reads its values
  // (PostgreSQL cannot even look up an owner named with a NUL)
  const shape = inputProblem(candidate);
  if (shape)
    return {
      row,
      name: name && !name.includes("\u0000") ? name : null,
      issues: [...extra, { field: fieldName(shape.path, options), message: shape.message }],
      raw: {},
    };
  const r = signerCreateSchema.safeParse(candidate);
  if (r.success && extra.length === 0) return { row, name, input: r.data };
  const issues = [
    ...extra,
    ...(r.success ? [] : r.error.issues.map((i) => ({ field: fieldName(i.path, options), message: i.message }))),
  ];
  return { row, name, issues, raw: candidate as Record<string, unknown> };
}

function fieldName(path: PropertyKey[], options: { isJson?: boolean }): string {
  if (path.length === 0) return "row";
  const [head, ...rest] = path.map(String);
  if (options.isJson) return [head, ...rest].join(".");
  if (head === "custody") return rest[0] === "evidence" ? "custody_evidence" : "custody";
  const column = FIELD_TO_COLUMN.get(head) ?? head;
  // list items: "privileges[2]" tells the person which entry of the cell is wrong (1-based)
  return rest.length && /^\d+$/.test(rest[0]) ? `${column}[${Number(rest[0]) + 1}]` : column;
}

/** Chooses the parser from the file name or content type; JSON when the text starts with [ or {. */
export function parseSignerFile(text: string, hint: { fileName?: string; contentType?: string } = {}): ParsedFile {
  const isJson =
    hint.contentType?.includes("json") ||
    hint.fileName?.toLowerCase().endsWith(".json") ||
    /^\s*[[{]/.test(text.slice(0, 100));
  return isJson ? parseSignerJson(text) : parseSignerCsv(text);
}
