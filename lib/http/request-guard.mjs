// Pure request checks used by scripts/server.mjs, the HTTP server in front of Next's handler.
// Plain JavaScript (with request-guard.d.mts beside it) so the production server runs on bare
// Node without a TypeScript loader. No I/O here: the tests call these directly.
import { BlockList, isIP } from "node:net";

export const KIB = 1024;
export const MIB = 1024 * KIB;

/** Body caps in bytes, by the kind of route (docs/threat-model.md, "Limits before reading"). */
export const BODY_LIMITS = {
  /** sign-in, setup, sign-out: anyone can reach them */
  unauthenticated: 64 * KIB,
  /** JSON API routes and server actions (Next's own server-action default is 1 MB too) */
  json: 1 * MIB,
  /** certificate and signer uploads: 25 MiB of files, base64 (4/3) plus framing */
  upload: Math.ceil((25 * MIB * 4) / 3) + MIB,
  /** artifact scans (multipart only): 100 MiB of files plus framing (lib/services/scan-artifacts.ts) */
  scan: 101 * MIB,
};

const UPLOAD_ROUTES = new Set(["/api/v1/certificates", "/api/v1/signers/import"]);
const UNAUTHENTICATED_PREFIXES = ["/api/auth/", "/sign-in", "/setup"];

/** The most bytes a request to `pathname` may send. */
export function bodyLimitFor(method, pathname) {
  if (method === "POST" && UPLOAD_ROUTES.has(pathname)) return BODY_LIMITS.upload;
  if (method === "POST" && pathname === "/api/v1/scans") return BODY_LIMITS.scan;
  if (UNAUTHENTICATED_PREFIXES.some((p) => pathname === p.replace(/\/$/, "") || pathname.startsWith(p)))
    return BODY_LIMITS.unauthenticated;
  if (method === "GET" || method === "HEAD") return BODY_LIMITS.unauthenticated;
  return BODY_LIMITS.json;
}

/** Methods no route serves: answered 405 here rather than reaching the framework (TRACE echoed 500). */
const REFUSED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

/**
 * Checks the request line. Returns null when the request may go on, or { status, message }.
 * Node's parser already refuses raw CR/LF and control bytes in the request line.
 */
export function checkRequestLine(method, rawUrl) {
  if (REFUSED_METHODS.has(method)) return { status: 405, message: `Method ${method} is not allowed` };
  if (typeof rawUrl !== "string" || !rawUrl.startsWith("/")) return { status: 400, message: "Bad request target" };
  try {
    // every %XX must decode; the query is checked too (searchParams are decoded by the pages)
    decodeURIComponent(rawUrl.replace(/\+/g, " "));
  } catch {
    return { status: 400, message: "Bad percent-encoding in the request target" };
  }
  return null;
}

/**
 * Parses SIGNET_TRUSTED_PROXIES: comma- or space-separated addresses and CIDR ranges
 * (e.g. "10.0.0.0/8, 127.0.0.1, fd00::/8"). Throws on an entry it cannot read, so a typo stops
 * the server instead of silently trusting nobody (or everybody).
 */
export function parseTrustedProxies(value) {
  const list = new BlockList();
  let count = 0;
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address);
    if (!family || extra !== undefined)
      throw new Error(`SIGNET_TRUSTED_PROXIES: "${entry}" is not an address or CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 6 ? 128 : 32))
        throw new Error(`SIGNET_TRUSTED_PROXIES: bad prefix in "${entry}"`);
      list.addSubnet(address, prefix, type);
    }
    count++;
  }
  return { isEmpty: count === 0, has: (address) => isTrusted(list, address) };
}

function unmapped(address) {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address ?? "");
  return m ? m[1] : address;
}

function isTrusted(list, address) {
  const a = unmapped(address);
  const family = isIP(a);
  return family !== 0 && list.check(a, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the socket's peer unless that peer is a trusted proxy; then the
 * right-most X-Forwarded-For hop that is not itself a trusted proxy (hops left of it were
 * written by the client and prove nothing).
 */
export function clientAddress(remoteAddress, forwardedFor, trusted) {
  const remote = unmapped(remoteAddress ?? "") || "unknown";
  if (trusted.isEmpty || !trusted.has(remote)) return remote;
  let current = remote;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => unmapped(h.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    // a garbled hop: the last trusted proxy is the best we know
    if (!isIP(hops[i])) return current;
    current = hops[i];
    if (!trusted.has(current)) return current;
  }
  return current;
}
