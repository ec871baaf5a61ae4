import { describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/domain/expiry";
import { currentBand } from "./bands";
import { deliveryKey, planAlerts, type PlanAlertsInput } from "./plan";
import { DEFAULT_ALERT_POLICY, type AlertPolicy } from "./policy";
import type { AlertApiToken, AlertCertificate, AlertCredential, AlertSigner } from "./types";
import { factory } from "@/lib/domain/testing/factory";

const NOW = new Date("2026-06-01T12:00:00Z");
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY_MS);

const signer = factory<AlertSigner>(() => ({
  id: "s1",
  name: "payments-release",
  status: "active",
  primaryOwner: { id: "p1", name: "Ada", email: "ada@example.com", isActive: true },
  backupOwner: { id: "p2", name: "Bob", email: "Bob@Example.com", isActive: true },
  team: { id: "t1", name: "Payments", email: "payments@example.com" },
  credentialType: "none",
}));

const credential = (expiresAt: Date, over: Partial<AlertCredential> = {}): AlertCredential => ({
  id: "s1",
  kind: "signing-service",
  name: "Pipeline credential",
  location: null,
  expiresAt,
  isPipeline: true,
  signer: signer({ credentialType: "static-secret" }),
  ...over,
});

const cert = factory<AlertCertificate>(() => ({
  id: "c1",
  subjectCn: "Payments Release Signing",
  subject: "CN=Payments Release Signing",
  serialHex: "01",
  notAfter: inDays(60),
  isCA: false,
  revocationStatus: "good",
  mutes: [],
  signers: [{ signer: signer(), isSuperseded: false }],
}));

function plan(over: Partial<PlanAlertsInput> = {}) {
  return planAlerts({
    now: NOW,
    certificates: [cert()],
    credentials: [],
    policies: { global: { ...DEFAULT_ALERT_POLICY }, bySignerId: new Map() },
    sentKeys: new Set(),
    securityTeamEmail: "security@example.com",
    ...over,
  });
}

const summary = (p: ReturnType<typeof plan>) => p.deliveries.map((d) => `${d.recipientEmail} ${d.band}`).sort();

describe("currentBand", () => {
  it("is within a band at exactly N days and expired only after notAfter", () => {
    expect(currentBand(inDays(30), NOW, [90, 30])?.label).toBe("30d");
    expect(currentBand(new Date(inDays(30).getTime() + 1), NOW, [90, 30])?.label).toBe("90d");
    expect(currentBand(NOW, NOW, [1])?.label).toBe("1d");
    expect(currentBand(new Date(NOW.getTime() - 1), NOW, [1])?.label).toBe("expired");
    expect(currentBand(inDays(91), NOW, [90, 30])).toBeNull();
  });
});

describe("planAlerts", () => {
  it("alerts owners and the team in the band the certificate is in, without the security team early", () => {
    expect(summary(plan())).toEqual(["ada@example.com 90d", "bob@example.com 90d", "payments@example.com 90d"]);
    expect(plan({ certificates: [cert({ notAfter: inDays(91) })] }).deliveries).toEqual([]);
  });

  it("sends only the most urgent band crossed since the last run, and escalates within 7 days", () => {
    const p = plan({ certificates: [cert({ notAfter: inDays(5) })] });
    expect(summary(p)).toEqual([
      "ada@example.com 7d",
      "bob@example.com 7d",
      "payments@example.com 7d",
      "security@example.com 7d",
    ]);
  });

  it("never repeats a band, nor sends a less urgent one, to a recipient who already had it", () => {
    const sent = new Set([
      deliveryKey({ recipientEmail: "ada@example.com", subjectType: "certificate", subjectId: "c1", band: "7d" }),
    ]);
    const p = plan({ certificates: [cert({ notAfter: inDays(6) })], sentKeys: sent });
    expect(summary(p)).not.toContain("ada@example.com 7d");
    expect(summary(p)).toContain("bob@example.com 7d");
    // a policy change that re-opens the 14-day band does not send it after 7 d went out
    const sent14 = new Set([
      deliveryKey({ recipientEmail: "ada@example.com", subjectType: "certificate", subjectId: "c1", band: "7d" }),
    ]);
    const widened: AlertPolicy = { ...DEFAULT_ALERT_POLICY, signingBands: [14] };
    const p2 = plan({
      certificates: [cert({ notAfter: inDays(6) })],
      sentKeys: sent14,
      policies: { global: widened, bySignerId: new Map() },
    });
    expect(summary(p2)).not.toContain("ada@example.com 14d");
    // the next, more urgent band still goes out
    const p3 = plan({ certificates: [cert({ notAfter: inDays(0.5) })], sentKeys: sent });
    expect(summary(p3)).toContain("ada@example.com 1d");
  });

  it("skips inactive owners and falls back to the security team when nobody else is left", () => {
    const orphan = signer({
      primaryOwner: { id: "p1", name: "Ada", email: "ada@example.com", isActive: false },
      backupOwner: null,
      team: { id: "t1", name: "Payments", email: null },
    });
    expect(summary(plan({ certificates: [cert({ signers: [{ signer: orphan, isSuperseded: false }] })] }))).toEqual([
      "security@example.com 90d",
    ]);
  });

  it("does not alert on revoked, muted, superseded or decommissioned-signer certificates", () => {
    expect(plan({ certificates: [cert({ revocationStatus: "revoked" })] }).deliveries).toEqual([]);
    expect(plan({ certificates: [cert({ mutes: [{ mutedUntil: inDays(10), liftedAt: null }] })] }).deliveries).toEqual(
      [],
    );
    expect(plan({ certificates: [cert({ signers: [{ signer: signer(), isSuperseded: true }] })] }).deliveries).toEqual(
      [],
    );
    expect(
      plan({
        certificates: [cert({ signers: [{ signer: signer({ status: "decommissioned" }), isSuperseded: false }] })],
      }).deliveries,
    ).toEqual([]);
  });

  it("alerts again once a mute is lifted or has ended", () => {
    expect(
      plan({ certificates: [cert({ mutes: [{ mutedUntil: inDays(10), liftedAt: NOW }] })] }).deliveries,
    ).toHaveLength(3);
    expect(plan({ certificates: [cert({ mutes: [{ mutedUntil: NOW, liftedAt: null }] })] }).deliveries).toHaveLength(3);
  });

  it("uses CA bands for CA certificates", () => {
    expect(summary(plan({ certificates: [cert({ isCA: true, notAfter: inDays(200) })] }))[0]).toBe(
      "ada@example.com 365d",
    );
    expect(plan({ certificates: [cert({ isCA: true, notAfter: inDays(400) })] }).deliveries).toEqual([]);
  });

  it("applies a signer's own policy instead of the global one, including turning alerts off", () => {
    const own: AlertPolicy = { ...DEFAULT_ALERT_POLICY, signingBands: [45] };
    expect(
      summary(
        plan({
          certificates: [cert({ notAfter: inDays(40) })],
          policies: { global: DEFAULT_ALERT_POLICY, bySignerId: new Map([["s1", own]]) },
        }),
      )[0],
    ).toBe("ada@example.com 45d");
    const off: AlertPolicy = { ...DEFAULT_ALERT_POLICY, isEnabled: false };
    expect(plan({ policies: { global: DEFAULT_ALERT_POLICY, bySignerId: new Map([["s1", off]]) } }).deliveries).toEqual(
      [],
    );
  });

  it("sends 'expired' with escalation on expiry, but not for certificates that expired long ago", () => {
    expect(summary(plan({ certificates: [cert({ notAfter: inDays(-2) })] }))).toContain("security@example.com expired");
    expect(plan({ certificates: [cert({ notAfter: inDays(-40) })] }).deliveries).toEqual([]);
  });

  it("alerts on pipeline credentials, re-arming the bands when the credential is replaced", () => {
    const s = credential(inDays(10));
    const first = plan({ certificates: [], credentials: [s] });
    expect(first.deliveries.map((d) => d.band)).toContain(`14d@${inDays(10).toISOString()}`);
    const sent = new Set(first.deliveries.map((d) => d.dedupeKey));
    expect(plan({ certificates: [], credentials: [s], sentKeys: sent }).deliveries).toEqual([]);
    const renewed = credential(inDays(12));
    expect(plan({ certificates: [], credentials: [renewed], sentKeys: sent }).deliveries).toHaveLength(3);
  });

  it("alerts each credential of a signer on its own, naming it", () => {
    const sign = credential(inDays(10), { id: "k1", kind: "ci-secret", name: "SIGN_TOKEN", isPipeline: false });
    const registry = credential(inDays(10), { id: "k2", kind: "registry-token", name: "NPM_TOKEN", isPipeline: false });
    const later = credential(inDays(90), { id: "k3", kind: "ci-secret", name: "LATER", isPipeline: false });
    const p = plan({ certificates: [], credentials: [sign, registry, later] });
    expect(new Set(p.deliveries.map((d) => d.subjectId))).toEqual(new Set(["k1", "k2"]));
    const ada = p.digests.find((d) => d.recipientEmail === "ada@example.com");
    expect(ada?.items.map((i) => i.credential?.name).sort()).toEqual(["NPM_TOKEN", "SIGN_TOKEN"]);
    expect(ada?.items[0]).toMatchObject({ title: "payments-release", credentialType: null });
    // one credential's deliveries do not silence the other's
    const sent = new Set(p.deliveries.filter((d) => d.subjectId === "k1").map((d) => d.dedupeKey));
    const again = plan({ certificates: [], credentials: [sign, registry], sentKeys: sent });
    expect(new Set(again.deliveries.map((d) => d.subjectId))).toEqual(new Set(["k2"]));
  });

  it("groups one digest per recipient, most urgent first, across certificates and credentials", () => {
    const p = plan({
      certificates: [cert({ id: "late", notAfter: inDays(80) }), cert({ id: "soon", notAfter: inDays(3) })],
      credentials: [credential(inDays(20))],
    });
    const ada = p.digests.find((d) => d.recipientEmail === "ada@example.com");
    expect(ada?.recipientName).toBe("Ada");
    expect(ada?.items.map((i) => i.subjectId)).toEqual(["soon", "s1", "late"]);
    expect(p.digests.map((d) => d.recipientEmail)).toEqual([
      "ada@example.com",
      "bob@example.com",
      "payments@example.com",
      "security@example.com",
    ]);
    expect(p.digests.find((d) => d.recipientEmail === "security@example.com")?.items.map((i) => i.subjectId)).toEqual([
      "soon",
    ]);
  });

  it("merges a certificate shared by two signers into one delivery per recipient", () => {
    const other = signer({ id: "s2", name: "payments-hotfix" });
    const p = plan({
      certificates: [
        cert({
          signers: [
            { signer: signer(), isSuperseded: false },
            { signer: other, isSuperseded: false },
          ],
        }),
      ],
    });
    expect(p.deliveries).toHaveLength(3);
    expect(p.deliveries[0].item.signers.map((s) => s.name)).toEqual(["payments-release", "payments-hotfix"]);
  });
});

describe("planAlerts: API tokens (issue 19)", () => {
  function token(over: Partial<AlertApiToken> = {}): AlertApiToken {
    return {
      id: "k1",
      name: "release pipeline",
      prefix: "sgt_abc123",
      expiresAt: inDays(10),
      creator: { name: "Carol", email: "carol@example.com", isActive: true },
      signer: null,
      ...over,
    };
  }
  const tokens = (...apiTokens: AlertApiToken[]) => plan({ certificates: [], apiTokens });

  it("alerts the creator in the credential bands, once per band", () => {
    const first = tokens(token());
    expect(summary(first)).toEqual([`carol@example.com 14d@${inDays(10).toISOString()}`]);
    expect(first.deliveries[0]).toMatchObject({ kind: "token-expiry", subjectType: "api-token", subjectId: "k1" });
    expect(first.deliveries[0].item.token).toEqual({ id: "k1", prefix: "sgt_abc123" });
    const sent = new Set(first.deliveries.map((d) => d.dedupeKey));
    expect(plan({ certificates: [], apiTokens: [token()], sentKeys: sent }).deliveries).toEqual([]);
    // the next band is a new alert; beyond the widest band nothing
    const later = planAlerts({
      ...{ certificates: [], credentials: [], apiTokens: [token()], sentKeys: sent },
      now: new Date(NOW.getTime() + 4 * DAY_MS),
      policies: { global: { ...DEFAULT_ALERT_POLICY }, bySignerId: new Map() },
      securityTeamEmail: null,
    });
    expect(later.deliveries.map((d) => d.band)).toEqual([`7d@${inDays(10).toISOString()}`]);
    expect(tokens(token({ expiresAt: inDays(31) })).deliveries).toEqual([]);
  });

  it("alerts a bound signer's owners and team too, with the creator's role named", () => {
    const p = tokens(token({ signer: signer() }));
    expect(p.deliveries.map((d) => `${d.recipientEmail} ${d.item.roles.join("+")}`).sort()).toEqual([
      "ada@example.com primary-owner",
      "bob@example.com backup-owner",
      "carol@example.com token-creator",
      "payments@example.com team",
    ]);
    expect(p.deliveries[0].item.signers).toEqual([{ id: "s1", name: "payments-release" }]);
  });

  it("escalates to the security team within 7 days, and when the creator was disabled and nobody else is left", () => {
    expect(summary(tokens(token({ expiresAt: inDays(5) }))).map((s) => s.split(" ")[0])).toEqual([
      "carol@example.com",
      "security@example.com",
    ]);
    const orphan = token({ creator: { name: "Carol", email: "carol@example.com", isActive: false } });
    expect(summary(tokens(orphan)).map((s) => s.split(" ")[0])).toEqual(["security@example.com"]);
  });

  it("follows the bound signer's own policy (disabled: no alert)", () => {
    const off: AlertPolicy = { ...DEFAULT_ALERT_POLICY, isEnabled: false };
    const p = plan({
      certificates: [],
      apiTokens: [token({ signer: signer() })],
      policies: { global: { ...DEFAULT_ALERT_POLICY }, bySignerId: new Map([["s1", off]]) },
    });
    expect(p.deliveries).toEqual([]);
  });
});
