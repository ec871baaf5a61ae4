import { describe, expect, it } from "vitest";
import {
  certificateStatus,
  certificateStatusView,
  expiringWithinDays,
  isActionable,
} from "@/lib/domain/certificate-status";
import { DEFAULT_ALERT_POLICY } from "@/lib/domain/alerts/policy";
import { DAY_MS } from "@/lib/domain/expiry";

const NOW = new Date("2026-06-01T12:00:00Z");
const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
const bands = { signingBands: [90, 30, 7], caBands: [365, 180] };
const leaf = (notAfterDays: number, extra: Partial<Parameters<typeof certificateStatus>[0]> = {}) => ({
  notAfter: at(notAfterDays),
  isCA: false,
  revocationStatus: "good",
  ...extra,
});

describe("certificateStatus", () => {
  it("judges a keyless certificate by its signing time: keyless, never expiring or expired", () => {
    const tenMinutes = { notAfter: new Date(NOW.getTime() - 400 * DAY_MS), isCA: false, revocationStatus: "unchecked" };
    expect(certificateStatus({ ...tenMinutes, isKeyless: true }, NOW, bands)).toBe("keyless");
    expect(certificateStatus({ ...leaf(0), isKeyless: true }, NOW, bands)).toBe("keyless");
    expect(certificateStatus(tenMinutes, NOW, bands)).toBe("expired");
    expect(isActionable("keyless")).toBe(false);
  });

  it("still shows a revoked or superseded keyless certificate as such", () => {
    expect(certificateStatus(leaf(-1, { isKeyless: true, revocationStatus: "revoked" }), NOW, bands)).toBe("revoked");
    expect(certificateStatus(leaf(-1, { isKeyless: true, supersededAt: at(-2) }), NOW, bands)).toBe("superseded");
  });

  it("uses the alert policy's widest band for expiring, per kind", () => {
    expect(certificateStatus(leaf(91), NOW, bands)).toBe("valid");
    expect(certificateStatus(leaf(90), NOW, bands)).toBe("expiring");
    expect(certificateStatus(leaf(200, { isCA: true }), NOW, bands)).toBe("expiring");
    expect(certificateStatus(leaf(366, { isCA: true }), NOW, bands)).toBe("valid");
    expect(certificateStatus(leaf(20), NOW, { signingBands: [14], caBands: [] })).toBe("valid");
    expect(expiringWithinDays({ signingBands: [], caBands: [] }, { isCA: false })).toBe(0);
  });

  it("is valid through the notAfter instant and expired after it", () => {
    expect(certificateStatus({ ...leaf(0), notAfter: NOW }, NOW, bands)).toBe("expiring");
    expect(certificateStatus({ ...leaf(0), notAfter: new Date(NOW.getTime() - 1) }, NOW, bands)).toBe("expired");
  });

  it("never calls a revoked certificate valid, whatever its dates", () => {
    expect(certificateStatus(leaf(400, { revocationStatus: "revoked" }), NOW, bands)).toBe("revoked");
    expect(certificateStatus(leaf(-5, { revocationStatus: "revoked", supersededAt: at(-30) }), NOW, bands)).toBe(
      "revoked",
    );
  });

  it("a superseded certificate is history, expired or not, even before its renewal's validity starts", () => {
    expect(certificateStatus(leaf(-10, { supersededAt: at(-40) }), NOW, bands)).toBe("superseded");
    expect(certificateStatus(leaf(20, { supersededAt: at(-1) }), NOW, bands)).toBe("superseded");
    expect(certificateStatus(leaf(20, { supersededAt: at(3) }), NOW, bands)).toBe("superseded");
    expect(certificateStatus(leaf(20, { supersededAt: null }), NOW, bands)).toBe("expiring");
    expect(isActionable("superseded")).toBe(false);
    expect(isActionable("expired")).toBe(true);
  });

  it("reports a failed revocation check beside the status", () => {
    expect(certificateStatusView(leaf(200, { revocationStatus: "unknown" }), NOW, bands)).toEqual({
      status: "valid",
      isRevocationUnknown: true,
    });
    expect(certificateStatusView(leaf(200), NOW, bands).isRevocationUnknown).toBe(false);
  });

  it("the default alert policy gives 90 days for leaves and 365 for CAs", () => {
    expect(expiringWithinDays(DEFAULT_ALERT_POLICY, { isCA: false })).toBe(90);
    expect(expiringWithinDays(DEFAULT_ALERT_POLICY, { isCA: true })).toBe(365);
  });
});
