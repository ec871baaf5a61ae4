import { createHash, randomBytes } from "node:crypto";

// API tokens: `sgt_` + 32 random bytes (base64url). Only the SHA-256 is stored; the prefix
// identifies a token in lists and the audit log without revealing it.
export const TOKEN_PREFIX = "sgt_";

export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashApiToken(token), prefix: token.slice(0, 10) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
