import { describe, expect, it } from "vitest";
import { BODY_LIMITS, bodyLimitFor, checkRequestLine, clientAddress, parseTrustedProxies } from "./request-guard.mjs";

describe("clientAddress (issue 14: X-Forwarded-For rotation bypassed the login limit)", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1 fd00::/8");

  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", proxies)).toBe("203.0.113.9");
  });

  it.each([
    ["one proxy", "127.0.0.1", "198.51.100.7", "198.51.100.7"],
    ["client-written hops on the left are not believed", "127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"],
    ["a chain of trusted proxies", "127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.1.1, 10.2.2.2", "198.51.100.7"],
    ["IPv6 proxy", "fd00::5", "2001:db8::1", "2001:db8::1"],
    ["every hop trusted", "127.0.0.1", "10.0.0.1", "10.0.0.1"],
    ["no header", "127.0.0.1", undefined, "127.0.0.1"],
    ["garbage hop", "127.0.0.1", "not-an-ip", "127.0.0.1"],
  ])("behind trusted proxies: %s", (_name, remote, xff, expected) => {
    expect(clientAddress(remote, xff, proxies)).toBe(expected);
  });

  it("refuses a configuration it cannot read", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/not an address/);
  });
});

describe("checkRequestLine (issue 14: TRACE and malformed requests answered 500)", () => {
  it.each([
    ["TRACE", "/", 405],
    ["TRACK", "/", 405],
    ["CONNECT", "/", 405],
    ["GET", "/sign-in?next=%E0%A4%A", 400],
    ["GET", "/%", 400],
    ["GET", "/sign-in?next=%zz", 400],
    ["GET", "*", 400],
  ])("%s %s → %i", (method, url, status) => {
    expect(checkRequestLine(method, url)?.status).toBe(status);
  });

  it.each([["GET", "/sign-in?next=%2Fsigners%3Fpage%3D2"], ["POST", "/api/v1/signers"], ["GET", "/sign-in?next=%0d%0a"]])("lets %s %s through", (method, url) => {
    expect(checkRequestLine(method, url)).toBeNull();
  });
});

describe("bodyLimitFor", () => {
  it.each([
    ["POST", "/api/auth/sign-in/email", BODY_LIMITS.unauthenticated],
    ["POST", "/setup", BODY_LIMITS.unauthenticated],
    ["POST", "/sign-in", BODY_LIMITS.unauthenticated],
    ["GET", "/signers", BODY_LIMITS.unauthenticated],
    ["POST", "/api/v1/signing-events", BODY_LIMITS.json],
    ["POST", "/admin", BODY_LIMITS.json],
    ["POST", "/api/v1/certificates", BODY_LIMITS.upload],
    ["POST", "/api/v1/signers/import", BODY_LIMITS.upload],
    ["PATCH", "/api/v1/certificates", BODY_LIMITS.json],
  ])("%s %s", (method, path, limit) => {
    expect(bodyLimitFor(method, path)).toBe(limit);
  });

  it("keeps uploads at 25 MiB of files and unauthenticated bodies small", () => {
    expect(BODY_LIMITS.upload).toBeGreaterThan(25 * 1024 * 1024);
    expect(BODY_LIMITS.unauthenticated).toBeLessThanOrEqual(64 * 1024);
  });
});
