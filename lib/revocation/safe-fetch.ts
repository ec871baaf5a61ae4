// HTTP(S) fetching for revocation data from URLs found in certificates: http/https only, a time
// and size limit, and no connections to internal addresses unless allow-listed. The host is
// resolved once, every address is checked, and the connection goes to the checked address (so
// a second DNS answer cannot rebind it); each redirect is checked the same way.
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { restrictedRange } from "./ip-ranges";
import { RevocationError } from "./types";

export type ResolvedAddress = { address: string; family: number };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type SafeFetchOptions = {
  method?: "GET" | "POST";
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** the body is streamed and the request aborted once it passes this many bytes */
  maxBytes: number;
  /** for the whole exchange, redirects and body included */
  timeoutMs: number;
  maxRedirects?: number;
  /** host names or IP addresses that may be internal (lowercase) */
  allowHosts?: readonly string[];
  /** the setting that names allowHosts, for the refusal message (default SIGNET_REVOCATION_ALLOW_HOSTS) */
  allowHostsSetting?: string;
  /** answer non-2xx responses instead of throwing (a webhook sender records the status) */
  isAnyStatusReturned?: boolean;
  resolve?: Resolver;
};

export type SafeFetchResponse = { status: number; headers: IncomingHttpHeaders; body: Uint8Array; url: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const defaultResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export async function safeFetch(url: string, options: SafeFetchOptions): Promise<SafeFetchResponse> {
  const deadline = Date.now() + options.timeoutMs;
  const maxRedirects = options.maxRedirects ?? 3;
  let current = url;
  let method = options.method ?? "GET";
  let body = options.body;
  for (let hop = 0; ; hop++) {
    const target = await checkTarget(current, options);
    const response = await request(target, { ...options, method, body }, deadline);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || !location) {
      if (!options.isAnyStatusReturned && (response.status < 200 || response.status > 299)) {
        throw new RevocationError("http-status", `${current} answered HTTP ${response.status}`);
      }
      return { ...response, url: current };
    }
    if (hop >= maxRedirects)
      throw new RevocationError("too-many-redirects", `${url}: more than ${maxRedirects} redirects`);
    current = new URL(location, current).toString();
    if (response.status === 303) {
      method = "GET";
      body = undefined;
    }
  }
}

type Target = { url: URL; hostname: string; address: string };

async function checkTarget(raw: string, options: SafeFetchOptions): Promise<Target> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RevocationError("refused-scheme", `not a valid URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new RevocationError("refused-scheme", `${raw}: only http and https URLs are fetched`);
  }
  if (url.username || url.password)
    throw new RevocationError("refused-scheme", `${raw}: URLs with credentials are not fetched`);
  const hostname = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  let addresses: ResolvedAddress[];
  if (isIP(hostname)) addresses = [{ address: hostname, family: isIP(hostname) }];
  else {
    try {
      addresses = await (options.resolve ?? defaultResolver)(hostname);
    } catch (error) {
      throw new RevocationError(
        "dns",
        `${raw}: cannot resolve ${hostname} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        { cause: error },
      );
    }
    if (addresses.length === 0) throw new RevocationError("dns", `${raw}: ${hostname} has no addresses`);
  }
  const allow = options.allowHosts ?? [];
  const isHostAllowed = allow.includes(hostname);
  // every address must pass: a mixed answer is how rebinding attacks start
  for (const a of addresses) {
    const range = restrictedRange(a.address);
    if (range && !isHostAllowed && !allow.includes(a.address.toLowerCase())) {
      throw new RevocationError(
        "refused-address",
        `${raw}: refused to connect to ${a.address} (${range}); add the host to ${options.allowHostsSetting ?? "SIGNET_REVOCATION_ALLOW_HOSTS"} if it is a trusted internal host`,
      );
    }
  }
  return { url, hostname, address: addresses[0].address };
}

function request(
  target: Target,
  options: SafeFetchOptions & { method: "GET" | "POST" },
  deadline: number,
): Promise<Omit<SafeFetchResponse, "url">> {
  const { url } = target;
  const remaining = deadline - Date.now();
  const where = url.toString();
  if (remaining <= 0)
    return Promise.reject(new RevocationError("timeout", `${where}: timed out after ${options.timeoutMs} ms`));
  return new Promise((resolve, reject) => {
    let isSettled = false;
    const fail = (error: RevocationError) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const lib = url.protocol === "https:" ? https : http;
    const req = lib.request({
      // connect to the address that was checked; Host and TLS name stay the URL's host
      host: target.address,
      port: url.port || (url.protocol === "https:" ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: options.method,
      servername: isIP(target.hostname) ? undefined : target.hostname,
      headers: {
        host: url.host,
        "user-agent": "Signet revocation checker",
        ...(options.body ? { "content-length": String(options.body.byteLength) } : {}),
        ...options.headers,
      },
      agent: false,
    });
    const timer = setTimeout(
      () => fail(new RevocationError("timeout", `${where}: timed out after ${options.timeoutMs} ms`)),
      remaining,
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      fail(new RevocationError("network", `${where}: ${error.code ?? error.message}`, { cause: error })),
    );
    req.on("response", (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers["content-length"]);
      const tooLarge = () =>
        new RevocationError("too-large", `${where}: response larger than ${options.maxBytes} bytes`);
      if (Number.isFinite(declared) && declared > options.maxBytes) return fail(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) return fail(tooLarge());
        chunks.push(chunk);
      });
      res.on("error", (error) => fail(new RevocationError("network", `${where}: ${error.message}`, { cause: error })));
      res.on("close", () =>
        fail(new RevocationError("network", `${where}: connection closed before the response ended`)),
      );
      res.on("end", () => {
        if (isSettled) return;
        isSettled = true;
        clearTimeout(timer);
        resolve({ status, headers: res.headers, body: new Uint8Array(Buffer.concat(chunks)) });
      });
    });
    req.end(options.body ? Buffer.from(options.body) : undefined);
  });
}
