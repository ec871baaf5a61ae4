/**
 * The client's address for audit rows and rate limits: the first X-Forwarded-For entry, which
 * scripts/server.mjs sets to the one address it trusts (the socket's, or a trusted proxy's client).
 */
export function forwardedClientIp(headers: Pick<Headers, "get">): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}
