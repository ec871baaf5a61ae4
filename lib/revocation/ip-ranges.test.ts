import { describe, expect, it } from "vitest";
import { parseAllowHosts, restrictedRange } from "@/lib/revocation/ip-ranges";

describe("restrictedRange", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.1.2", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private (RFC 1918)"],
    ["172.16.0.1", "private (RFC 1918)"],
    ["172.31.255.255", "private (RFC 1918)"],
    ["192.168.1.1", "private (RFC 1918)"],
    ["100.64.0.1", "shared address space (CGNAT)"],
    ["100.127.255.255", "shared address space (CGNAT)"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fd00::1", "unique local (ULA)"],
    ["fc12:3456::1", "unique local (ULA)"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a00:1", "private (RFC 1918)"],
    // issue 14: IPv6 forms embedding an IPv4 address, and deprecated ranges
    ["64:ff9b::7f00:1", "NAT64 (IPv4-embedded)"],
    ["64:ff9b::a9fe:a9fe", "NAT64 (IPv4-embedded)"],
    ["64:ff9b::808:808", "NAT64 (IPv4-embedded)"],
    ["64:ff9b:1::a00:1", "NAT64 (IPv4-embedded)"],
    ["64:ff9b:1:ffff::1", "NAT64 (IPv4-embedded)"],
    ["2002:7f00:1::1", "6to4 (IPv4-embedded)"],
    ["2002:a9fe:a9fe::", "6to4 (IPv4-embedded)"],
    ["2001:0:4136:e378::1", "Teredo (IPv4-embedded)"],
    ["::7f00:1", "IPv4-compatible IPv6 (deprecated)"],
    ["::127.0.0.1", "IPv4-compatible IPv6 (deprecated)"],
    ["::a00:1", "IPv4-compatible IPv6 (deprecated)"],
    ["fec0::1", "site-local (deprecated)"],
    ["feff:ffff::1", "site-local (deprecated)"],
  ])("refuses %s (%s)", (address, label) => {
    expect(restrictedRange(address)).toBe(label);
  });

  it.each(["8.8.8.8", "172.32.0.1", "100.128.0.1", "172.15.255.255", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9a::1", "64:ff9b:2::1", "2003::1", "2001:1::1", "::1:0:0:0:1", "fe7f::1"])("allows the public address %s", (address) => {
    expect(restrictedRange(address)).toBeNull();
  });

  it("does not treat a host name as an address", () => {
    expect(restrictedRange("localhost")).toBe("not an IP address");
  });
});

describe("parseAllowHosts", () => {
  it("splits, trims, lowercases and unbrackets", () => {
    expect(parseAllowHosts(" OCSP.internal ,127.0.0.1,, [::1] ")).toEqual(["ocsp.internal", "127.0.0.1", "::1"]);
    expect(parseAllowHosts(undefined)).toEqual([]);
  });
});
