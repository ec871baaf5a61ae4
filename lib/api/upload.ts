import type { NextRequest } from "next/server";
import { formatBytes } from "@/lib/services/import-certificates";
import { AppError } from "./errors";

// Uploads (certificate import, artifact scans): the body read with a cap that refuses it as soon
// as it passes the limit, and the multipart "file" fields as named byte arrays.

export type UploadedFile = { name: string; bytes: Uint8Array };

/** Reads the body, refusing it as soon as it passes the limit (before it is all in memory). */
export async function readBodyCapped(req: NextRequest, limit: number, advice: string): Promise<Buffer> {
  const tooLarge = () => new AppError("too_large", `The request is larger than ${formatBytes(limit)}; ${advice}`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readMultipart(body: Buffer, contentType: string): Promise<FormData> {
  try {
    return await new Response(new Blob([new Uint8Array(body)]), {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    throw new AppError("bad_request", "The multipart body could not be read");
  }
}

/** The multipart field "file" (repeatable) as files; at least one. */
export async function uploadedFiles(form: FormData): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  for (const entry of form.getAll("file")) {
    if (typeof entry === "string") throw new AppError("validation", 'Field "file" must be a file upload, not text');
    files.push({ name: entry.name || `file-${files.length + 1}`, bytes: new Uint8Array(await entry.arrayBuffer()) });
  }
  if (files.length === 0) throw new AppError("validation", 'Send at least one file in the multipart field "file"');
  return files;
}
