import { describe, expect, it } from "vitest";
import { evaluateSigner } from "@/lib/domain/findings/evaluate";
import { credential, ctx, daysFromNow, ids, only, signer } from "@/lib/domain/findings/fixtures";
import type { PrivilegeRef, SignerInput } from "@/lib/domain/findings/types";

const run = (overrides: Partial<SignerInput>, policy?: unknown) => evaluateSigner(signer(overrides), ctx(policy));
const grant = (id: string, scope: string, overrides: Partial<PrivilegeRef> = {}): PrivilegeRef => ({
  id,
  scope,
  environment: null,
  grantedAt: daysFromNow(-300),
  lastExercisedAt: daysFromNow(-1),
  ...overrides,
});

describe("signer.overprivileged", () => {
  it("flags a grant unused for 91 days but not 89", () => {
    const d = only(
      run({ privileges: [grant("g1", "sign:release/production", { lastExercisedAt: daysFromNow(-91) })] }),
      "signer.overprivileged",
    );
    expect(d?.severity).toBe("high");
    expect(d?.message).toContain("1 grant unused for over 90 days (“sign:release/production” last used 2026-08-24)");
    expect(
      only(
        run({ privileges: [grant("g1", "sign:release/production", { lastExercisedAt: daysFromNow(-89) })] }),
        "signer.overprivileged",
      ),
    ).toBeUndefined();
  });

  it("treats a never-exercised grant by its grant date", () => {
    expect(
      only(
        run({ privileges: [grant("g1", "sign:x", { lastExercisedAt: null, grantedAt: daysFromNow(-91) })] }),
        "signer.overprivileged",
      ),
    ).toBeDefined();
    expect(
      run({ privileges: [grant("g1", "sign:x", { lastExercisedAt: null, grantedAt: daysFromNow(-10) })] }),
    ).toEqual([]);
  });

  it("names the first five unused grants with when they were last used, then an ellipsis", () => {
    const stale = Array.from({ length: 6 }, (_, i) =>
      grant(`g${i}`, `repo:acme/r${i}`, i === 0 ? { lastExercisedAt: null } : { lastExercisedAt: daysFromNow(-91) }),
    );
    expect(only(run({ privileges: stale }), "signer.overprivileged")?.message).toBe(
      "Signer “payments-release” has 6 grants unused for over 90 days (“repo:acme/r0” never used since 2026-01-27, " +
        "“repo:acme/r1” last used 2026-08-24, “repo:acme/r2” last used 2026-08-24, “repo:acme/r3” last used 2026-08-24, " +
        "“repo:acme/r4” last used 2026-08-24, …).",
    );
  });

  it("flags wildcard scopes", () => {
    const d = only(run({ privileges: [grant("g1", "repo:acme/*")] }), "signer.overprivileged");
    expect(d?.evidence.wildcardScopes).toEqual(["repo:acme/*"]);
  });

  it("flags more grants than policy, and ignores removed grants", () => {
    const many = Array.from({ length: 11 }, (_, i) => grant(`g${i}`, `repo:acme/r${i}`));
    expect(only(run({ privileges: many }), "signer.overprivileged")?.message).toContain(
      "holds 11 grants (policy allows 10)",
    );
    expect(run({ privileges: many.slice(0, 10) })).toEqual([]);
    expect(run({ privileges: [...many.slice(0, 10), grant("old", "*", { removedAt: daysFromNow(-5) })] })).toEqual([]);
  });
});

describe("signer.env-mixing", () => {
  it("fires, high, when it signed in production and staging", () => {
    const d = only(
      run({ recentSigning: { eventCount: 5, environments: ["production", "staging"], interactiveEvents: [] } }),
      "signer.env-mixing",
    );
    expect(d?.severity).toBe("high");
    expect(d?.message).toContain("signed in the last 90 days for production (production) and non-production (staging)");
    expect(d?.evidence.source).toBe("signing-events");
  });

  it("fires when configured (environments or grants) for both", () => {
    expect(only(run({ environments: ["prod", "dev"] }), "signer.env-mixing")?.evidence.source).toBe("configuration");
    expect(
      only(
        run({ environments: ["production"], privileges: [grant("g1", "sign:app", { environment: "any" })] }),
        "signer.env-mixing",
      ),
    ).toBeUndefined();
    const viaGrant = run({
      privileges: [
        grant("g1", "sign:release/production", { environment: "production" }),
        grant("g2", "sign:release/test", { environment: "test" }),
      ],
    });
    expect(only(viaGrant, "signer.env-mixing")).toBeDefined();
  });

  it("does not count preprod-style names as production", () => {
    const privileges = [grant("g1", "sign:app")];
    expect(only(run({ environments: ["preprod", "staging"], privileges }), "signer.env-mixing")).toBeUndefined();
    expect(only(run({ environments: ["prod", "staging"], privileges }), "signer.env-mixing")).toBeDefined();
    expect(only(run({ environments: ["production-eu", "production-us"] }), "signer.env-mixing")).toBeUndefined();
  });
});

describe("signer.human-use", () => {
  const event = (id: string, days: number) => ({ id, signedAt: daysFromNow(days), artifactName: "payments-2.4.1.msi" });

  it("fires, high, for interactive signing events in the window", () => {
    const d = only(
      run({
        recentSigning: {
          eventCount: 9,
          environments: ["production"],
          interactiveEvents: [event("e1", -40), event("e2", -3)],
        },
      }),
      "signer.human-use",
    );
    expect(d?.severity).toBe("high");
    expect(d?.message).toContain("signed 2 artifacts interactively");
    expect(d?.message).toContain("latest “payments-2.4.1.msi” on 2026-11-20");
    expect(d?.evidence.eventIds).toEqual(["e2", "e1"]);
  });

  it("ignores events older than the window and pipelines without interactive events", () => {
    expect(
      only(
        run({ recentSigning: { eventCount: 1, environments: [], interactiveEvents: [event("e1", -91)] } }),
        "signer.human-use",
      ),
    ).toBeUndefined();
    expect(only(run({}), "signer.human-use")).toBeUndefined();
  });
});

describe("signer.separation-of-duties", () => {
  it("fires, high, when one identity holds sign and approve grants", () => {
    const d = only(
      run({ privileges: [grant("g1", "sign:release/production"), grant("g2", "approve:release")] }),
      "signer.separation-of-duties",
    );
    expect(d?.severity).toBe("high");
    expect(d?.message).toContain(
      "may both sign and approve/promote the same release (“sign:release/production” and “approve:release”)",
    );
  });

  it("counts a bare * grant as both, and promote as approval", () => {
    expect(only(run({ privileges: [grant("g1", "*")] }), "signer.separation-of-duties")?.message).toContain(
      "through “*”",
    );
    expect(
      only(run({ privileges: [grant("g1", "sign:app"), grant("g2", "promote:app")] }), "signer.separation-of-duties"),
    ).toBeDefined();
  });

  it('treats environment "any" as every environment and a bare verb as its whole family', () => {
    const anyEnv = [
      grant("g1", "sign", { environment: "any" }),
      grant("g2", "approve:release", { environment: "production" }),
    ];
    expect(only(run({ privileges: anyEnv }), "signer.separation-of-duties")).toBeDefined();
  });

  it("does not fire for grants in different environments, or signing alone", () => {
    const split = [
      grant("g1", "sign:app", { environment: "staging" }),
      grant("g2", "approve:app", { environment: "production" }),
    ];
    expect(only(run({ privileges: split }), "signer.separation-of-duties")).toBeUndefined();
    expect(
      only(run({ privileges: [grant("g1", "sign:app"), grant("g2", "repo:acme/app")] }), "signer.separation-of-duties"),
    ).toBeUndefined();
  });
});

describe("signer.static-credential", () => {
  it("fires, medium, for a static secret and not for OIDC", () => {
    const d = only(run({ credentialType: "static-secret" }), "signer.static-credential");
    expect(d?.severity).toBe("medium");
    expect(d?.message).toContain("static-secret credential with no expiry instead of workload identity (OIDC)");
    expect(only(run({ credentialType: "oidc" }), "signer.static-credential")).toBeUndefined();
  });
});

describe("signer.credential-expiring", () => {
  it("fires, high, within 14 days and not after", () => {
    const d = only(
      run({ credentialType: "static-secret", credentials: [credential(daysFromNow(14))] }),
      "signer.credential-expiring",
    );
    expect(d).toMatchObject({ severity: "high", threshold: "credential valid for more than 14 days" });
    expect(d?.message).toContain("expires on 2026-12-07 (in 14 days); releases will fail without it");
    expect(
      only(run({ credentials: [credential(daysFromNow(14, 1000))] }), "signer.credential-expiring"),
    ).toBeUndefined();
  });

  it("says so when the credential has already expired", () => {
    const d = only(run({ credentials: [credential(daysFromNow(-2))] }), "signer.credential-expiring");
    expect(d?.evidence.isExpired).toBe(true);
    expect(d?.message).toContain("expired on 2026-11-21 (2 days ago); releases fail without it");
  });

  it("names each credential inside the window, soonest first, and leaves out the others", () => {
    const d = only(
      run({
        credentialType: "oidc",
        credentials: [
          credential(daysFromNow(40), "REGISTRY_TOKEN"),
          credential(daysFromNow(10), "SIGN_TOKEN"),
          credential(daysFromNow(-1), "GCP_SA_KEY"),
          credential(null, "NO_EXPIRY"),
        ],
      }),
      "signer.credential-expiring",
    );
    expect(d?.message).toContain(
      "CI secret GCP_SA_KEY expired on 2026-11-22 (1 day ago); CI secret SIGN_TOKEN expires on",
    );
    expect(d?.message).toContain("releases fail without them");
    expect(d?.message).not.toContain("REGISTRY_TOKEN");
    expect(d?.evidence).toMatchObject({
      credentialExpiresAt: daysFromNow(-1).toISOString(),
      isExpired: true,
      credentials: [
        { id: "cred-GCP_SA_KEY", name: "GCP_SA_KEY", isExpired: true },
        { id: "cred-SIGN_TOKEN", name: "SIGN_TOKEN", isExpired: false },
      ],
    });
  });
});

describe("suspended signers", () => {
  it("keep governance and standing-grant findings but not behaviour or credential findings", () => {
    const drafts = run({
      status: "suspended",
      lastUsedAt: daysFromNow(-200),
      credentialType: "static-secret",
      credentials: [credential(daysFromNow(2))],
      environments: ["production", "staging"],
      privileges: [grant("g1", "*")],
      recentSigning: {
        eventCount: 1,
        environments: [],
        interactiveEvents: [{ id: "e1", signedAt: daysFromNow(-1), artifactName: "x" }],
      },
    });
    expect(ids(drafts)).toEqual(["signer.overprivileged", "signer.separation-of-duties"]);
  });
});

describe("signer.standing-grant-unused", () => {
  const prod = (overrides: Partial<PrivilegeRef> = {}) =>
    grant("g1", "sign:release/production", { environment: "production", ...overrides });
  it("flags a standing production signing grant unused for 31 days, not 29", () => {
    const d = only(run({ privileges: [prod({ lastExercisedAt: daysFromNow(-31) })] }), "signer.standing-grant-unused");
    expect(d?.severity).toBe("medium");
    expect(d?.evidence).toMatchObject({ privilegeIds: ["g1"] });
    expect(
      only(run({ privileges: [prod({ lastExercisedAt: daysFromNow(-29) })] }), "signer.standing-grant-unused"),
    ).toBeUndefined();
  });
  it("names the first five with their environment and when they were last used, then an ellipsis", () => {
    const stale = Array.from({ length: 6 }, (_, i) =>
      grant(`g${i}`, `sign:r${i}`, {
        environment: i === 0 ? "production" : null,
        lastExercisedAt: i === 0 ? null : daysFromNow(-31),
      }),
    );
    expect(only(run({ privileges: stale }), "signer.standing-grant-unused")?.message).toBe(
      "Signer “payments-release” holds 6 standing production signing grants unused for over 30 days " +
        "(“sign:r0”@production never used since 2026-01-27, “sign:r1”@any last used 2026-10-23, " +
        "“sign:r2”@any last used 2026-10-23, “sign:r3”@any last used 2026-10-23, “sign:r4”@any last used 2026-10-23, …).",
    );
  });
  it("leaves just-in-time, non-production and non-signing grants alone", () => {
    const old = { lastExercisedAt: daysFromNow(-60) };
    const rule = "signer.standing-grant-unused";
    expect(only(run({ privileges: [prod({ ...old, isJustInTime: true })] }), rule)).toBeUndefined();
    expect(only(run({ privileges: [prod({ ...old, environment: "staging" })] }), rule)).toBeUndefined();
    expect(
      only(run({ privileges: [grant("g2", "repo:acme/x", { ...old, environment: "production" })] }), rule),
    ).toBeUndefined();
    // a grant for any environment covers production
    expect(only(run({ privileges: [grant("g3", "sign:x", old)] }), rule)).toBeDefined();
  });
});
