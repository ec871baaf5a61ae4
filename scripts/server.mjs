#!/usr/bin/env node
// The production HTTP server (`npm start` runs it after building): Node's http server in front of
// Next's request handler, because route handlers cannot see the socket. Before Next sees a request
// it (1) decides the client address from the socket and SIGNET_TRUSTED_PROXIES and overwrites
// X-Forwarded-For with it, so rate limits and audit rows cannot be steered by a forged header;
// (2) answers TRACE/CONNECT and undecodable URLs with 4xx; (3) caps the body while it streams,
// chunked or not, answering 413 as soon as the cap is passed without keeping what was sent.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bodyLimitFor, checkRequestLine, clientAddress, parseTrustedProxies } from "../lib/http/request-guard.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function refuse(res, status, message, extraHeaders = {}) {
  const body = JSON.stringify({
    error: { code: status === 413 ? "too_large" : status === 405 ? "method_not_allowed" : "bad_request", message },
  });
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    connection: "close",
    ...extraHeaders,
  });
  res.end(body);
}

/**
 * Counts body bytes as the parser hands them to the request stream, before any reader. Past the
 * limit the data is dropped, the client gets 413 and the connection closes within a second; the framework's writes
 * to the response from then on are ignored.
 */
function capBody(req, res, limit) {
  let received = 0;
  let isOver = false;
  const push = req.push.bind(req);
  req.push = (chunk, encoding) => {
    if (isOver) return true;
    if (chunk !== null && chunk !== undefined) {
      received += chunk.length;
      if (received > limit) {
        isOver = true;
        tooLarge(req, res, limit);
        return true;
      }
    }
    return push(chunk, encoding);
  };
}

function tooLarge(req, res, limit) {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  // not "connection: close": closing while the client still writes resets the connection, and a
  // reset can discard the 413 before the client reads it (it saw EPIPE or ECONNRESET instead). The
  // rest of the body is read and dropped (capBody) until it ends or the second below is up
  refuse(res, 413, `The request body is larger than ${limit} bytes`, { connection: "keep-alive" });
  // from here on Next's own response (if it gets to write one) goes nowhere
  for (const method of ["writeHead", "setHeader", "removeHeader", "write", "end", "flushHeaders"]) {
    res[method] = () => res;
  }
  setTimeout(() => req.socket.destroy(), 1000).unref();
}

export function createRequestListener(handle, { trustedProxies, isHttps = false }) {
  return (req, res) => {
    // browsers remember to use https only (SIGNET_BASE_URL decides, as it does for secure cookies)
    if (isHttps) res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
    const problem = checkRequestLine(req.method ?? "", req.url);
    if (problem)
      return refuse(
        res,
        problem.status,
        problem.message,
        problem.status === 405 ? { allow: "GET, HEAD, POST, PUT, PATCH, DELETE" } : {},
      );
    const remote = req.socket.remoteAddress;
    const isFromTrustedProxy = !trustedProxies.isEmpty && trustedProxies.has(remote ?? "");
    req.headers["x-forwarded-for"] = clientAddress(remote, req.headers["x-forwarded-for"], trustedProxies);
    delete req.headers["x-real-ip"];
    delete req.headers["forwarded"];
    if (!isFromTrustedProxy) {
      // Next fills these from the socket and Host header when absent; only a proxy may set them
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
      delete req.headers["x-forwarded-port"];
    }
    const pathname = req.url.split("?")[0];
    const limit = bodyLimitFor(req.method, pathname);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit)
      return refuse(res, 413, `The request body is larger than ${limit} bytes`);
    capBody(req, res, limit);
    handle(req, res).catch((error) => {
      console.error("[signet] request failed:", error);
      if (!res.headersSent) refuse(res, 500, "Internal error");
      else res.destroy();
    });
  };
}

export async function startServer({ port, hostname, dev = false }) {
  const trustedProxies = parseTrustedProxies(process.env.SIGNET_TRUSTED_PROXIES);
  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname, port });
  await app.prepare();
  const isHttps = (process.env.SIGNET_BASE_URL ?? "").startsWith("https://");
  const server = http.createServer(createRequestListener(app.getRequestHandler(), { trustedProxies, isHttps }));
  // a slow client cannot hold a request open forever
  server.requestTimeout = 5 * 60_000;
  server.headersTimeout = 66_000; // above keepAliveTimeout, as Node's docs advise
  // Idle keep-alive sockets close after 65 s, later than clients' own idle timeouts (undici 4 s,
  // load balancers 60 s): a client then never starts a request on a socket the server is closing.
  // With Node's 5 s default a busy client's POST met EPIPE (not retried) in the load run.
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve) => server.listen(port, hostname, resolve));
  const shown = hostname && hostname !== "0.0.0.0" ? hostname : "localhost";
  // the port listened on: the kernel's choice when asked for port 0
  const bound = server.address()?.port ?? port;
  console.log(
    `signet: listening on http://${shown}:${bound}${trustedProxies.isEmpty ? "" : " (trusting the configured proxies)"}`,
  );
  let isClosing = false;
  const stop = (signal) => {
    if (isClosing) return;
    isClosing = true;
    console.log(`signet: ${signal}, stopping`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // requests still running after 5 s are cut off: a stop must not hang
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, 5000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  return server;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.env.NODE_ENV ??= "production";
  const port = Number(process.env.PORT ?? 3000);
  startServer({ port, hostname: process.env.HOSTNAME || undefined }).catch((error) => {
    console.error("signet: the server could not start:", error);
    process.exit(1);
  });
}
