import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BODY_LIMITS, parseTrustedProxies } from "@/lib/http/request-guard.mjs";
import { createRequestListener } from "./server.mjs";

// The server in front of Next (scripts/server.mjs), in-process with a stand-in for Next's handler
// that records what it was given. The built app is probed the same way by scripts/security-app.int.test.ts.

type Seen = { xff?: string; xfh?: string; bytes: number };
const seen: Seen[] = [];

async function fakeNext(req: IncomingMessage, res: ServerResponse) {
  const entry: Seen = {
    xff: req.headers["x-forwarded-for"] as string,
    xfh: req.headers["x-forwarded-host"] as string,
    bytes: 0,
  };
  seen.push(entry);
  for await (const chunk of req) entry.bytes += (chunk as Buffer).length;
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ ok: true }));
}

function listen(listener: http.RequestListener) {
  return new Promise<{ server: http.Server; port: number }>((resolve) => {
    const server = http.createServer(listener);
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

async function send(
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: Buffer;
    chunked?: { chunk: Buffer; times: number };
  },
) {
  const started = Date.now();
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; elapsedMs: number; sentBytes: number }>(
    (resolve, reject) => {
      let sentBytes = 0;
      const req = http.request({
        port,
        host: "127.0.0.1",
        method: options.method ?? "GET",
        path: options.path,
        headers: options.headers,
        agent: false,
      });
      req.on("response", (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, elapsedMs: Date.now() - started, sentBytes });
        req.destroy();
      });
      req.on("error", (e) => (sentBytes > 0 ? undefined : reject(e)));
      if (options.chunked) {
        const { chunk, times } = options.chunked;
        let i = 0;
        const pump = () => {
          while (i < times && !req.destroyed) {
            i++;
            sentBytes += chunk.length;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          if (!req.destroyed) req.end();
        };
        pump();
      } else req.end(options.body);
    },
  );
}

/** POSTs `times` copies of `chunk` as a chunked JSON body, as a slow or hostile client would. */
const postChunked = (port: number, path: string, chunk: Buffer, times: number, headers: Record<string, string> = {}) =>
  send(port, {
    method: "POST",
    path,
    headers: { ...headers, "content-type": "application/json" },
    chunked: { chunk, times },
  });

describe("scripts/server.mjs in front of Next", () => {
  let server: http.Server;
  let port: number;
  let proxied: http.Server;
  let proxiedPort: number;

  beforeAll(async () => {
    ({ server, port } = await listen(
      createRequestListener(fakeNext, { trustedProxies: parseTrustedProxies(undefined) }),
    ));
    ({ server: proxied, port: proxiedPort } = await listen(
      createRequestListener(fakeNext, { trustedProxies: parseTrustedProxies("127.0.0.1"), isHttps: true }),
    ));
  });
  // each test reads what the fake Next saw of its own requests only
  beforeEach(() => {
    seen.length = 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    proxied.closeAllConnections();
    await new Promise((r) => server.close(r));
    await new Promise((r) => proxied.close(r));
  });

  it("replaces a forged X-Forwarded-For (and X-Forwarded-Host) with the socket's address", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await send(port, {
        path: "/api/health",
        headers: { "x-forwarded-for": `198.51.100.${i}`, "x-forwarded-host": "evil.example", "x-real-ip": "6.6.6.6" },
      });
      expect(r.status).toBe(200);
    }
    expect(seen.map((s) => s.xff)).toEqual(Array(5).fill("127.0.0.1"));
    expect(seen.every((s) => s.xfh === undefined)).toBe(true);
  });

  it("behind a trusted proxy, takes the right-most untrusted hop", async () => {
    const r = await send(proxiedPort, { path: "/", headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.20" } });
    expect(r.status).toBe(200);
    expect(seen[0].xff).toBe("198.51.100.20");
    expect(r.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  });

  it("sends no HSTS when the base URL is http", async () => {
    const r = await send(port, { path: "/" });
    expect(r.headers["strict-transport-security"]).toBeUndefined();
  });

  it("answers TRACE with 405 and undecodable URLs with 400, never reaching Next", async () => {
    expect((await send(port, { method: "TRACE", path: "/" })).status).toBe(405);
    expect((await send(port, { path: "/sign-in?next=%E0%A4%A" })).status).toBe(400);
    expect(seen).toHaveLength(0);
  });

  it("refuses a declared 100 MiB body to sign-in at once (413)", async () => {
    const r = await postChunked(port, "/api/auth/sign-in/email", Buffer.alloc(64 * 1024, 120), 1, {
      "content-length": String(100 * 1024 * 1024),
    });
    expect(r.status).toBe(413);
    expect(seen).toHaveLength(0);
  });

  it("refuses a chunked body as soon as it passes the cap, without reading the rest", async () => {
    const r = await postChunked(port, "/api/auth/sign-in/email", Buffer.alloc(16 * 1024, 120), 6400);
    expect(r.status).toBe(413);
    // the handler saw at most the cap, and the client was stopped long before its 100 MiB
    expect(seen[0].bytes).toBeLessThanOrEqual(BODY_LIMITS.unauthenticated);
    expect(r.sentBytes).toBeLessThan(20 * 1024 * 1024);
  });

  it("lets a body under the cap through whole", async () => {
    const r = await postChunked(port, "/api/v1/signing-events", Buffer.alloc(100 * 1024, 120), 5);
    expect(r.status).toBe(200);
    expect(seen[0].bytes).toBe(500 * 1024);
  });
});
