// safeFetch against a real server on 127.0.0.1: address checks, allow-list, redirects, limits.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RevocationError, safeFetch, type Resolver } from "@/lib/revocation";

let server: http.Server;
let base: string;
let port: number;
const seenHosts: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seenHosts.push(req.headers.host ?? "");
    if (req.url === "/redirect-private") {
      res.writeHead(302, { location: "http://10.0.0.1/x" });
      return res.end();
    }
    if (req.url === "/redirect-self") {
      res.writeHead(302, { location: "/ok" });
      return res.end();
    }
    if (req.url === "/loop") {
      res.writeHead(302, { location: "/loop" });
      return res.end();
    }
    if (req.url === "/big") {
      res.writeHead(200, { "content-length": String(1_000_000) });
      return res.end(Buffer.alloc(1_000_000));
    }
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const limits = { maxBytes: 1024, timeoutMs: 2_000 };

async function refusal(promise: Promise<unknown>): Promise<RevocationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RevocationError)) throw new Error(`expected a RevocationError, got ${String(error)}`);
  return error;
}

describe("safeFetch address checks", () => {
  it.each([
    "http://127.0.0.1:1/",
    "http://10.1.2.3/",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]:1/",
    "http://100.64.1.1/",
  ])("refuses %s when not allow-listed, before connecting", async (url) => {
    const error = await refusal(safeFetch(url, limits));
    expect(error.code).toBe("refused-address");
    expect(error.message).toMatch(/SIGNET_REVOCATION_ALLOW_HOSTS/);
  });

  it("refuses a host name that resolves to a private address, and one with a mixed answer", async () => {
    const privateDns: Resolver = async () => [{ address: "10.0.0.7", family: 4 }];
    expect((await refusal(safeFetch("http://crl.example/x.crl", { ...limits, resolve: privateDns }))).code).toBe(
      "refused-address",
    );
    const mixed: Resolver = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    expect((await refusal(safeFetch("http://crl.example/x.crl", { ...limits, resolve: mixed }))).code).toBe(
      "refused-address",
    );
  });

  it("connects to the allow-listed IP", async () => {
    const r = await safeFetch(`${base}/ok`, { ...limits, allowHosts: ["127.0.0.1"] });
    expect(Buffer.from(r.body).toString()).toBe("ok");
  });

  it("connects to the address it checked, keeping the host name in the Host header (no second lookup)", async () => {
    let lookups = 0;
    const resolve: Resolver = async () => {
      lookups++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const r = await safeFetch(`http://ocsp.internal.test:${port}/ok`, {
      ...limits,
      allowHosts: ["ocsp.internal.test"],
      resolve,
    });
    expect(r.status).toBe(200);
    expect(lookups).toBe(1);
    expect(seenHosts.at(-1)).toBe(`ocsp.internal.test:${port}`);
  });

  it("re-checks every redirect target", async () => {
    const error = await refusal(safeFetch(`${base}/redirect-private`, { ...limits, allowHosts: ["127.0.0.1"] }));
    expect(error.code).toBe("refused-address");
    expect(error.message).toMatch(/10\.0\.0\.1/);
    const ok = await safeFetch(`${base}/redirect-self`, { ...limits, allowHosts: ["127.0.0.1"] });
    expect(ok.url).toBe(`${base}/ok`);
    expect((await refusal(safeFetch(`${base}/loop`, { ...limits, allowHosts: ["127.0.0.1"] }))).code).toBe(
      "too-many-redirects",
    );
  });

  it("refuses other schemes and credentials in URLs", async () => {
    expect((await refusal(safeFetch("ldap://ldap.example/cn=crl", limits))).code).toBe("refused-scheme");
    expect((await refusal(safeFetch("file:///etc/passwd", limits))).code).toBe("refused-scheme");
    expect(
      (await refusal(safeFetch(`http://user:pw@127.0.0.1:${port}/ok`, { ...limits, allowHosts: ["127.0.0.1"] }))).code,
    ).toBe("refused-scheme");
  });

  it("stops at the size limit announced by content-length", async () => {
    expect((await refusal(safeFetch(`${base}/big`, { ...limits, allowHosts: ["127.0.0.1"] }))).code).toBe("too-large");
  });
});
