import { AppError } from "./errors";

export { readBodyCapped } from "./read-body";

// Uploads (certificate import, artifact scans): the multipart "file" fields as named byte arrays.
// The body itself is read with `readBodyCapped` (./read-body), which refuses it past its limit.

export type UploadedFile = { name: string; bytes: Uint8Array };

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
