import { describe, expect, it } from "vitest";
import { computeSupersession, type LineageCertificate } from "@/lib/domain/certificate-lineage";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const cert = (id: string, notBefore: string, extra: Partial<LineageCertificate> = {}): LineageCertificate => ({
  id,
  notBefore: d(notBefore),
  subject: "CN=app",
  issuer: "CN=CA",
  revocationStatus: "good",
  isCA: false,
  signerIds: ["s1"],
  ...extra,
});

describe("computeSupersession", () => {
  it("a later certificate of the same signer supersedes, from its notBefore; the latest is current", () => {
    const out = computeSupersession([cert("a", "2024-01-01"), cert("b", "2025-01-01"), cert("c", "2026-01-01")]);
    expect(out.get("a")).toEqual({ supersededAt: d("2025-01-01"), supersededById: "b" });
    expect(out.get("b")).toEqual({ supersededAt: d("2026-01-01"), supersededById: "c" });
    expect(out.has("c")).toBe(false);
  });

  it("a revoked renewal supersedes nothing", () => {
    const out = computeSupersession([
      cert("a", "2024-01-01"),
      cert("b", "2025-01-01", { revocationStatus: "revoked" }),
    ]);
    expect(out.size).toBe(0);
  });

  it("another signer's certificate does not supersede, whatever the subject", () => {
    const out = computeSupersession([cert("a", "2024-01-01"), cert("b", "2025-01-01", { signerIds: ["s2"] })]);
    expect(out.size).toBe(0);
  });

  it("a shared certificate is superseded only once every signer has a successor", () => {
    const shared = cert("a", "2024-01-01", { signerIds: ["s1", "s2"] });
    expect(computeSupersession([shared, cert("b", "2025-01-01")]).has("a")).toBe(false);
    const out = computeSupersession([shared, cert("b", "2025-01-01"), cert("c", "2025-06-01", { signerIds: ["s2"] })]);
    expect(out.get("a")).toEqual({ supersededAt: d("2025-06-01"), supersededById: "c" });
  });

  it("unlinked certificates go by subject and issuer", () => {
    const out = computeSupersession([
      cert("a", "2024-01-01", { signerIds: [] }),
      cert("b", "2025-01-01", { signerIds: [] }),
      cert("x", "2025-01-01", { signerIds: [], subject: "CN=other" }),
      cert("y", "2025-01-01", { signerIds: [], issuer: "CN=Other CA" }),
    ]);
    expect([...out.keys()]).toEqual(["a"]);
    expect(out.get("a")?.supersededById).toBe("b");
  });

  it("like supersedes like: a signer's newer CA certificate retires no leaf, a newer leaf no CA certificate", () => {
    const ca = (id: string, notBefore: string) => cert(id, notBefore, { isCA: true, subject: "CN=Issuing CA" });
    const out = computeSupersession([
      cert("leaf1", "2024-01-01"),
      ca("ca1", "2024-06-01"),
      cert("leaf2", "2025-01-01"),
      ca("ca2", "2025-06-01"),
    ]);
    expect(out.get("leaf1")).toEqual({ supersededAt: d("2025-01-01"), supersededById: "leaf2" });
    expect(out.get("ca1")).toEqual({ supersededAt: d("2025-06-01"), supersededById: "ca2" });
    expect(out.has("leaf2")).toBe(false);
    expect(out.has("ca2")).toBe(false);
  });

  it("unlinked: a CA certificate with a leaf's subject and issuer does not supersede it", () => {
    const out = computeSupersession([
      cert("leaf", "2024-01-01", { signerIds: [] }),
      cert("ca", "2025-01-01", { signerIds: [], isCA: true }),
    ]);
    expect(out.size).toBe(0);
  });

  it("the same notBefore is not later", () => {
    expect(computeSupersession([cert("a", "2024-01-01"), cert("b", "2024-01-01")]).size).toBe(0);
  });
});
