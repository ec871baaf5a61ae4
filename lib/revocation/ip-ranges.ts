// Addresses a revocation fetch must not reach unless configuration allows them: a certificate's
// URLs come from whoever issued it, so they must not become a way into the internal network.
import { BlockList, isIP } from "node:net";

type Range = { label: string; v4?: [string, number][]; v6?: [string, number][] };

const RANGES: Range[] = [
  { label: "unspecified", v4: [["0.0.0.0", 8]], v6: [["::", 128]] },
  { label: "loopback", v4: [["127.0.0.0", 8]], v6: [["::1", 128]] },
  { label: "private (RFC 1918)", v4: [["10.0.0.0", 8], ["172.16.0.0", 12], ["192.168.0.0", 16]] },
  { label: "shared address space (CGNAT)", v4: [["100.64.0.0", 10]] },
  { label: "link-local", v4: [["169.254.0.0", 16]], v6: [["fe80::", 10]] },
  { label: "unique local (ULA)", v6: [["fc00::", 7]] },
  { label: "multicast", v4: [["224.0.0.0", 4]], v6: [["ff00::", 8]] },
  { label: "reserved", v4: [["240.0.0.0", 4], ["192.0.0.0", 24], ["198.18.0.0", 15]] },
  // IPv6 forms that carry an IPv4 address a gateway or the host may translate and reach: each
  // could lead to 127.0.0.1 or 10.x behind a translator, so the whole range is refused
  { label: "NAT64 (IPv4-embedded)", v6: [["64:ff9b::", 96], ["64:ff9b:1::", 48]] },
  { label: "6to4 (IPv4-embedded)", v6: [["2002::", 16]] },
  { label: "Teredo (IPv4-embedded)", v6: [["2001::", 32]] },
  { label: "IPv4-compatible IPv6 (deprecated)", v6: [["::", 96]] },
  { label: "site-local (deprecated)", v6: [["fec0::", 10]] },
];

const lists = RANGES.map((r) => {
  const list = new BlockList();
  for (const [net, prefix] of r.v4 ?? []) list.addSubnet(net, prefix, "ipv4");
  for (const [net, prefix] of r.v6 ?? []) list.addSubnet(net, prefix, "ipv6");
  return { label: r.label, list };
});

/** IPv4-mapped IPv6 (::ffff:a.b.c.d or ::ffff:7f00:1) → the IPv4 address, else null. */
function mappedIpv4(address: string): string | null {
  const m = /^::ffff:(?:0:)?(.+)$/i.exec(address);
  if (!m) return null;
  if (isIP(m[1]) === 4) return m[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(m[1]);
  if (!hex) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address is not publicly routable (e.g. "loopback"), or null for a public address. */
export function restrictedRange(address: string): string | null {
  const v4 = isIP(address) === 6 ? mappedIpv4(address) : null;
  const ip = v4 ?? address;
  const family = isIP(ip);
  if (family === 0) return "not an IP address";
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const { label, list } of lists) if (list.check(ip, type)) return label;
  return null;
}

/** Host names and IPs from SIGNET_REVOCATION_ALLOW_HOSTS (comma-separated), lowercased. */
export function parseAllowHosts(value: string | undefined | null): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1"))
    .filter(Boolean);
}
