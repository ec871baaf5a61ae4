import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { inventoryWrite } from "@/lib/api/route-presets";
import { listRoute } from "@/lib/api/list-route";
import { scanBatchPage, scanResult } from "@/lib/api/responses/artifacts";
import { listScanPage } from "@/lib/db/artifacts/scans";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";
import { readBodyCapped, readMultipart, uploadedFiles } from "@/lib/api/upload";
import { formatBytes } from "@/lib/services/import-certificates";
import { MAX_SCAN_REQUEST_BYTES, scanArtifacts } from "@/lib/services/scan-artifacts";

// Scans signed artifacts (multipart field "file", repeatable) and records what they carry: the
// signatures, their certificates (imported into the inventory) and the signers nobody registered
// (the discovery queue). Token scope `ingest`: a scan imports certificates.

// The recent scans, newest first: the /scans page's list. For the people who scan (the page's
// readers) and read tokens, which see what an analyst sees.
export const GET = listRoute(
  "Scans of signed artifacts, newest first, paged, with each scan's counts",
  { filters: pageOnlySchema, page: scanBatchPage, permission: "inventory:write", tokenScopes: ["read"] },
  async ({ db, query }) => listScanPage(db, query),
);

// multipart framing on top of the files
const MAX_BODY_BYTES = MAX_SCAN_REQUEST_BYTES + 1024 * 1024;

export const POST = route(
  inventoryWrite("Scan signed artifacts (multipart field file) and record their signatures and signers", ["ingest"], {
    200: scanResult,
  }),
  async ({ req, db, actor, token }) => {
    const contentType = req.headers.get("content-type") ?? "";
    if (!contentType.startsWith("multipart/form-data")) {
      throw new AppError("unsupported_media_type", 'Send the artifacts as multipart/form-data in the field "file"');
    }
    const body = await readBodyCapped(
      req,
      MAX_BODY_BYTES,
      `The request is larger than ${formatBytes(MAX_BODY_BYTES)}; scan at most ${formatBytes(MAX_SCAN_REQUEST_BYTES)} of files per request`,
    );
    const files = await uploadedFiles(await readMultipart(body, contentType));
    const result = await scanArtifacts(db, { files, actor, source: token ? "api" : "upload" }, { now: new Date() });
    return NextResponse.json(result);
  },
);
