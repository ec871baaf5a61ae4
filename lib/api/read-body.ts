import { AppError } from "./errors";

/**
 * Reads a request body, refusing it (413, `message`) as soon as it passes `limit` bytes: a
 * declared Content-Length is checked first, a chunked body while it streams, so no more than
 * `limit` bytes are ever held. scripts/server.mjs caps bodies too; this keeps the route safe
 * behind any other server.
 */
export async function readBodyCapped(req: Request, limit: number, message: string): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? 0) > limit) throw new AppError("too_large", message);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    total += r.value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new AppError("too_large", message);
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks);
}
