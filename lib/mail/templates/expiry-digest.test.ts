import { describe, expect, it } from "vitest";
import type { Digest, DigestItem } from "@/lib/domain/alerts/types";
import { renderExpiryDigest } from "./expiry-digest";

const NOW = new Date("2026-06-01T12:00:00Z");
const DAY = 86_400_000;

function item(over: Partial<DigestItem> = {}): DigestItem {
  return {
    kind: "cert-expiry",
    subjectType: "certificate",
    subjectId: "c1",
    band: "14d",
    bandDays: 14,
    isExpired: false,
    expiresAt: new Date(NOW.getTime() + 10 * DAY),
    title: "Payments <script>alert(1)</script>",
    certificate: { id: "c1", serialHex: "0A1B", isCA: false },
    credentialType: null,
    signers: [{ id: "s1", name: "payments & co" }],
    roles: ["primary-owner"],
    ...over,
  };
}

const digest = (items: DigestItem[], name: string | null = "Ada"): Digest => ({
  recipientEmail: "ada@example.com",
  recipientName: name,
  items,
});

describe("renderExpiryDigest", () => {
  it("says how many, what and how soon in the subject", () => {
    const three = [item(), item({ subjectId: "c2", bandDays: 7, band: "7d" }), item({ subjectId: "c3" })];
    expect(renderExpiryDigest(digest(three), { now: NOW, baseUrl: "https://signet.example" }).subject).toBe(
      "3 signing certificates you own expire in 10 days (7- and 14-day alerts)",
    );
    expect(
      renderExpiryDigest(digest([item({ isExpired: true, bandDays: 0, band: "expired" })]), { now: NOW, baseUrl: "x" })
        .subject,
    ).toBe("1 signing certificate you own has expired");
    const sec = item({
      roles: ["security-team"],
      kind: "credential-expiry",
      subjectType: "signer-credential",
      certificate: null,
      credentialType: "static-secret",
      bandDays: 1,
    });
    expect(renderExpiryDigest(digest([sec], null), { now: NOW, baseUrl: "x" }).subject).toBe(
      "[Escalation] 1 pipeline credential expires in 10 days (1-day alert)",
    );
  });

  it("names which of a signer's credentials expires and where it lives", () => {
    const cred = item({
      kind: "credential-expiry",
      subjectType: "signer-credential",
      subjectId: "k1",
      certificate: null,
      credentialType: null,
      title: "payments-release",
      credential: { id: "k1", kind: "ci-secret", name: "SIGN_TOKEN", location: "GitHub Actions secret in acme/app" },
    });
    const mail = renderExpiryDigest(digest([cred]), { now: NOW, baseUrl: "https://signet.example" });
    expect(mail.text).toContain("CI secret SIGN_TOKEN of signer payments-release");
    expect(mail.text).toContain("Where it lives: GitHub Actions secret in acme/app");
  });

  it("states the actual days left and the band, not the band's width (issue 17)", () => {
    // a CA certificate 29 days from expiry sits in a 180-day band: the subject said "within 180 days"
    const ca = item({ bandDays: 180, band: "180d", expiresAt: new Date(NOW.getTime() + 29 * DAY + 3_600_000) });
    const caMail = renderExpiryDigest(digest([{ ...ca, certificate: { id: "c1", serialHex: "01", isCA: true } }]), {
      now: NOW,
      baseUrl: "x",
    });
    expect(caMail.subject).toBe("1 CA certificate you own expires in 29 days (180-day alert)");
    expect(caMail.text).toContain("EXPIRES IN 29 DAYS");
    expect(caMail.text).toContain("This is the 180-day alert of the alert policy.");
    const spread = [
      item({ expiresAt: new Date(NOW.getTime() + 5 * DAY), bandDays: 7 }),
      item({ subjectId: "c2", expiresAt: new Date(NOW.getTime() + 12 * DAY) }),
      item({ subjectId: "c3", isExpired: true, bandDays: 0, expiresAt: new Date(NOW.getTime() - DAY) }),
    ];
    expect(renderExpiryDigest(digest(spread), { now: NOW, baseUrl: "x" }).subject).toBe(
      "3 signing certificates you own have expired or expire in 5 to 12 days (7- and 14-day alerts)",
    );
    const hours = item({ expiresAt: new Date(NOW.getTime() + 3_600_000), bandDays: 1 });
    expect(renderExpiryDigest(digest([hours]), { now: NOW, baseUrl: "x" }).subject).toBe(
      "1 signing certificate you own expires within 24 hours (1-day alert)",
    );
  });

  it("escapes inventory values in HTML and links back to the certificate and signer", () => {
    const mail = renderExpiryDigest(digest([item()]), { now: NOW, baseUrl: "https://signet.example/" });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("Payments &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).toContain("payments &amp; co");
    expect(mail.html).toContain('href="https://signet.example/certificates/c1"');
    expect(mail.text).toContain("https://signet.example/signers/s1");
    expect(mail.text).toContain("EXPIRES IN 10 DAYS (2026-06-11 12:00 UTC)");
    expect(mail.text).toContain("Hello Ada,");
    expect(mail.text).toContain("What to do:");
  });

  it("keeps certificate subjects on one line so they cannot forge extra text lines", () => {
    const mail = renderExpiryDigest(digest([item({ title: "Evil\r\nBcc: x@y" })]), { now: NOW, baseUrl: "x" });
    expect(mail.text).toContain("“Evil Bcc: x@y”");
  });
});

describe("long digests", () => {
  it("lists the most urgent 50 and counts the rest", () => {
    const items = Array.from({ length: 60 }, (_, i) =>
      item({ subjectId: `c${i}`, title: `cert ${i}`, certificate: { id: `c${i}`, serialHex: "01", isCA: false } }),
    );
    const mail = renderExpiryDigest(digest(items), { now: NOW, baseUrl: "https://s" });
    expect(mail.subject).toBe("60 signing certificates you own expire in 10 days (14-day alert)");
    expect(mail.text).toContain("50. “cert 49”".replace("50. ", "50. Signing certificate "));
    expect(mail.text).not.toContain("cert 50”");
    expect(mail.text).toContain("…and 10 more, less urgent");
    expect(mail.html).toContain("…and 10 more, less urgent");
  });
});
