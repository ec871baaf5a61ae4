import { NextResponse, type NextRequest } from "next/server";
import { z } from "@/lib/domain/zod";
import { AppError } from "@/lib/api/errors";
import { parseInput, route } from "@/lib/api/handler";
import { listRoute } from "@/lib/api/list-route";
import { inventoryWrite } from "@/lib/api/route-presets";
import { readBodyCapped, readMultipart, uploadedFiles } from "@/lib/api/upload";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { certificateFiltersSchema } from "@/lib/domain/inventory-filters";
import {
  formatBytes,
  importCertificates,
  MAX_REQUEST_BYTES,
  type ImportFile,
} from "@/lib/services/import-certificates";
import { certificatePage, importResult } from "@/lib/api/responses/inventory";
import { requestParser } from "@/lib/x509/parse-pool";

// POST imports certificate files (multipart field "file", repeatable, or JSON with base64
// contents); GET lists certificates, owners seeing only those of their own signers.

// The certificate page's read model, its filters and sorting: the page's list refetches here.
// Tokens read the whole inventory (as GET /api/v1/signers); signed-in owners only their own.
export const GET = listRoute(
  "Certificates, filtered, sorted and paged (owners: those of their own signers)",
  { filters: certificateFiltersSchema, page: certificatePage, permission: "inventory:read", tokenScopes: ["read"] },
  async ({ db, scope, query }) => listCertificatePage(db, scope, query, new Date()),
);

/** The JSON form of an upload (the fuzz test derives its cases from it, as from route() schemas). */
export const importJson = z.object({
  files: z
    .array(z.object({ name: z.string().trim().min(1).max(255), contentBase64: z.string().min(1) }))
    .min(1, "Send at least one file"),
  signerId: z.string().min(1).optional(),
});

// base64 grows content by 4/3; allow for that and for JSON/multipart framing
const MAX_BODY_BYTES = Math.ceil((MAX_REQUEST_BYTES * 4) / 3) + 1024 * 1024;

export const POST = route(
  inventoryWrite("Import certificate files (multipart field file, or JSON with base64 contents)", ["ingest"], {
    200: importResult,
  }),
  async ({ req, db, actor, token }) => {
    const { files, signerId: requestedSignerId } = await readImportRequest(req);
    // a token issued for one signer imports for that signer only
    if (token?.signerId && requestedSignerId && requestedSignerId !== token.signerId) {
      throw new AppError("forbidden", "This API token may import certificates only for its own signer");
    }
    const signerId = requestedSignerId ?? token?.signerId ?? undefined;
    const result = await importCertificates(
      db,
      { files, signerId, actor, source: token ? "api" : "upload" },
      // a large upload parses on the worker pool, so it does not stall other requests
      { now: new Date(), parseFiles: requestParser(files) },
    );
    return NextResponse.json({ files: result.files, summary: result.summary });
  },
);

async function readImportRequest(req: NextRequest): Promise<{ files: ImportFile[]; signerId?: string }> {
  const body = await readBodyCapped(
    req,
    MAX_BODY_BYTES,
    `import at most ${formatBytes(MAX_REQUEST_BYTES)} of files per request`,
  );
  const contentType = req.headers.get("content-type") ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const form = await readMultipart(body, contentType);
    const files = await uploadedFiles(form);
    const signerId = form.get("signerId");
    return { files, signerId: typeof signerId === "string" && signerId ? signerId : undefined };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new AppError(
      "bad_request",
      'Send multipart/form-data (field "file") or a JSON body { files: [{ name, contentBase64 }] }',
    );
  }
  const parsed = parseInput(importJson, json, "body");
  return {
    signerId: parsed.signerId,
    files: parsed.files.map((f) => ({ name: f.name, bytes: decodeBase64(f.name, f.contentBase64) })),
  };
}

function decodeBase64(name: string, text: string): Uint8Array {
  const clean = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    throw new AppError("validation", `contentBase64 of ${name} is not valid base64`);
  }
  return new Uint8Array(Buffer.from(clean, "base64"));
}
