import { NextResponse, type NextRequest } from "next/server";
import { z } from "@/lib/domain/zod";
import { AppError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { readBodyCapped } from "@/lib/api/read-body";
import { parseSignerFile } from "@/lib/domain/signer-import";
import { importSigners } from "@/lib/services/import-signers";
import { signerImportResult } from "@/lib/api/responses/inventory";

// Bulk signer import: the body is the CSV or JSON file itself (Content-Type text/csv or
// application/json) or multipart/form-data with a "file" field. ?dryRun=1 checks and writes nothing.
// The answer is a report per row: { row, name, status, id?, issues: [{ field, message }] }.

export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;

const importQuery = z.object({ dryRun: z.enum(["1", "true", "0", "false"]).optional() });

export const POST = route(
  {
    summary: "Register signers from CSV or JSON (dryRun=1 validates only)",
    responses: { 200: signerImportResult, 201: signerImportResult },
    permission: "inventory:write",
    tokenScopes: ["signers:write"],
    query: importQuery,
  },
  async ({ req, db, actor, query }) => {
    const { text, fileName, contentType } = await readFile(req);
    const parsed = parseSignerFile(text, { fileName, contentType });
    const format =
      fileName?.toLowerCase().endsWith(".json") || contentType.includes("json") || /^\s*[[{]/.test(text.slice(0, 100))
        ? "json"
        : "csv";
    const isDryRun = query.dryRun === "1" || query.dryRun === "true";
    const result = await importSigners(db, parsed, { actor, now: new Date(), isDryRun, format });
    return NextResponse.json(result, { status: isDryRun || result.summary.created === 0 ? 200 : 201 });
  },
);

const TOO_LARGE = "The file is larger than 25 MB; split it";
// multipart framing around the file
const MAX_BODY_BYTES = MAX_IMPORT_BYTES + 64 * 1024;

/** The file from the body, read with a cap while it streams (chunked bodies too): 413 past 25 MB. */
async function readFile(req: NextRequest): Promise<{ text: string; fileName?: string; contentType: string }> {
  const contentType = req.headers.get("content-type") ?? "";
  const body = await readBodyCapped(req, MAX_BODY_BYTES, TOO_LARGE);
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } })
      .formData()
      .catch(() => {
        throw new AppError("bad_request", "The multipart body could not be read");
      });
    const file = form.get("file");
    if (!file || typeof file === "string")
      throw new AppError("validation", 'Send the file in the multipart field "file"');
    if (file.size > MAX_IMPORT_BYTES) throw new AppError("too_large", TOO_LARGE);
    return { text: await file.text(), fileName: file.name, contentType: file.type };
  }
  if (body.length > MAX_IMPORT_BYTES) throw new AppError("too_large", TOO_LARGE);
  const text = body.toString("utf8");
  if (!text.trim()) throw new AppError("validation", "The request body is empty: send the CSV or JSON file");
  return { text, contentType };
}
