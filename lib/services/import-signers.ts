import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { existingSignerNames, insertSigners, type SignerRowWrite } from "@/lib/db/signers/signer-admin";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import type { ParsedFile, RowIssue } from "@/lib/domain/signer-import";
import { withSignerDefaults, type SignerValues } from "@/lib/domain/signer-input";
import { recordAuditBy, recordAuditMany, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";
import { planNewSigner, signerCreatedDetails } from "./plan-new-signer";
import { loadLookups, resolveReferences, type FieldNames, type ReferenceInput } from "./signer-references";

// Bulk signer import from a parsed CSV/JSON file. Every row is validated on its own (syntax,
// duplicates in the file and in Signet, people/teams/certificates it names); good rows are
// written in batches, one transaction per batch, and a batch that fails is retried row by row
// so a bad row never blocks the good ones. A dry run does all the checks and writes nothing.

export const IMPORT_BATCH_SIZE = 500;

export type ImportRowResult = {
  row: number;
  name: string | null;
  status: "created" | "valid" | "error";
  id?: string;
  issues: RowIssue[];
};
export type ImportSignersResult = {
  isDryRun: boolean;
  summary: {
    rows: number;
    created: number;
    valid: number;
    errors: number;
    durationMs: number;
    validateMs: number;
    writeMs: number;
    evaluateMs: number;
  };
  rows: ImportRowResult[];
};

const CSV_FIELDS: FieldNames = {
  primaryOwner: "primary_owner",
  backupOwner: "backup_owner",
  team: "team",
  certificates: "certificates",
};
const JSON_FIELDS: FieldNames = {
  primaryOwner: "primaryOwner",
  backupOwner: "backupOwner",
  team: "team",
  certificates: "certificates",
};

type Candidate = { result: ImportRowResult; values: SignerValues; write?: SignerRowWrite; keyIds: string[] };

export async function importSigners(
  db: Db,
  file: ParsedFile,
  options: { actor: Actor; now: Date; isDryRun: boolean; format: "csv" | "json"; batchSize?: number },
): Promise<ImportSignersResult> {
  const started = performance.now();
  if ("fileProblem" in file) throw new AppError("validation", file.fileProblem);
  const fields = options.format === "csv" ? CSV_FIELDS : JSON_FIELDS;
  const results: ImportRowResult[] = [];
  const candidates: Candidate[] = [];
  const refused: { result: ImportRowResult; refs: ReferenceInput }[] = [];
  const firstRowOfName = new Map<string, number>();
  for (const r of file.rows) {
    if ("issues" in r) {
      const result: ImportRowResult = { row: r.row, name: r.name, status: "error", issues: r.issues };
      results.push(result);
      refused.push({
        result,
        refs: rawReferences(r.raw, new Set(r.issues.map((i) => i.field.replace(/\[\d+\]$/, "")))),
      });
      continue;
    }
    const result: ImportRowResult = { row: r.row, name: r.input.name, status: "valid", issues: [] };
    results.push(result);
    const key = r.input.name.toLowerCase();
    const seen = firstRowOfName.get(key);
    if (seen !== undefined)
      result.issues.push({ field: "name", message: `The name ${r.input.name} is also on row ${seen}` });
    else firstRowOfName.set(key, r.row);
    candidates.push({ result, values: withSignerDefaults(r.input), keyIds: [] });
  }

  const taken = await existingSignerNames(
    db,
    candidates.map((c) => c.values.name),
  );
  const lookups = await loadLookups(db, [...candidates.map((c) => c.values), ...refused.map((r) => r.refs)]);
  // a row refused for its syntax still gets its people/team/certificates checked: one report, every problem
  for (const r of refused) r.result.issues.push(...resolveReferences(r.refs, lookups, fields).issues);
  for (const c of candidates) {
    const v = c.values;
    if (taken.has(v.name)) c.result.issues.push({ field: "name", message: `A signer named ${v.name} already exists` });
    const plan = planNewSigner(v, lookups, fields, { id: randomUUID(), now: options.now });
    c.result.issues.push(...plan.issues);
    if (c.result.issues.length) {
      c.result.status = "error";
      continue;
    }
    c.write = plan.write!;
    c.keyIds = plan.keyIds;
  }

  const good = candidates.filter((c) => c.write);
  const validatedAt = performance.now();
  let writtenAt = validatedAt;
  if (!options.isDryRun) {
    const size = options.batchSize ?? IMPORT_BATCH_SIZE;
    for (let i = 0; i < good.length; i += size) {
      const batch = good.slice(i, i + size);
      try {
        await writeBatch(db, batch, options);
      } catch {
        // e.g. a name registered by someone else meanwhile: retry alone to find the row at fault
        for (const c of batch) {
          try {
            await writeBatch(db, [c], options);
          } catch (error) {
            c.result.status = "error";
            c.result.issues.push({ field: "row", message: rowFailure(error) });
          }
        }
      }
    }
    writtenAt = performance.now();
    const created = good.filter((c) => c.result.status === "created");
    if (created.length) {
      await withTransaction(db, (tx) =>
        recordAuditBy(tx, options, {
          action: "signers.imported",
          summary: `Imported ${created.length} signers from ${options.format.toUpperCase()} (${results.length - created.length} rows refused)`,
          details: { created: created.length, refused: results.length - created.length, format: options.format },
        }),
      );
      await evaluateFindings(db, {
        now: options.now,
        signerIds: created.map((c) => c.write!.id),
        keyIds: [...new Set(created.flatMap((c) => c.keyIds))],
        // smaller than the engine's default batch: its signer queries exceed SQLite's parameter limit at 2,000 ids
        batchSize: 500,
      });
    }
  }

  const count = (s: ImportRowResult["status"]) => results.filter((r) => r.status === s).length;
  const end = performance.now();
  const timings = {
    validateMs: Math.round(validatedAt - started),
    writeMs: Math.round(writtenAt - validatedAt),
    evaluateMs: Math.round(end - writtenAt),
  };
  return {
    isDryRun: options.isDryRun,
    summary: {
      rows: results.length,
      created: count("created"),
      valid: count("valid"),
      errors: count("error"),
      durationMs: Math.round(end - started),
      ...timings,
    },
    rows: results.sort((a, b) => a.row - b.row),
  };
}

async function writeBatch(db: Db, batch: Candidate[], options: { actor: Actor; now: Date }) {
  await withTransaction(
    db,
    async (tx) => {
      await insertSigners(
        tx,
        batch.map((c) => c.write!),
      );
      await recordAuditMany(
        tx,
        batch.map((c) => ({
          at: options.now,
          actor: options.actor,
          action: "signer.created",
          targetType: "signer",
          targetId: c.write!.id,
          summary: `Signer ${c.write!.name} registered by import (row ${c.result.row})`,
          details: { row: c.result.row, ...signerCreatedDetails(c.write!) },
        })),
      );
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  for (const c of batch) {
    c.result.status = "created";
    c.result.id = c.write!.id;
  }
}

/** The references of a row that failed validation, skipping fields that already have an issue. */
function rawReferences(raw: Record<string, unknown>, fieldsWithIssues: Set<string>): ReferenceInput {
  const hasIssue = (...names: string[]) => names.some((n) => fieldsWithIssues.has(n));
  const str = (key: string, csvName: string) => {
    const v = raw[key];
    return typeof v === "string" && v.trim() && !hasIssue(key, csvName) ? v.trim() : undefined;
  };
  const certs =
    Array.isArray(raw.certificates) && !hasIssue("certificates")
      ? raw.certificates
          .filter((c): c is string => typeof c === "string")
          .map((c) => c.trim().replace(/:/g, "").toLowerCase())
          .filter((c) => /^[0-9a-f]{64}$/.test(c))
      : undefined;
  return {
    primaryOwner: str("primaryOwner", "primary_owner"),
    backupOwner: str("backupOwner", "backup_owner"),
    team: str("team", "team"),
    certificates: certs,
  };
}

function rowFailure(error: unknown): string {
  if (isUniqueViolation(error)) return "A signer with this name was registered while the import ran";
  console.error("[signet] signer import row failed:", error);
  return "The row could not be stored; the error has been logged";
}
