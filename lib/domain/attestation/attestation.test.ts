import { describe, expect, it } from "vitest";
import {
  accessLinkProblem,
  clockOverride,
  attestationAnswerSchema,
  changeRequestsFor,
  chooseAssignee,
  escalationRecipients,
  isSignerInScope,
  nextOccurrenceName,
  nextRecurrenceDueAt,
  resolveScope,
  taskActions,
  taskState,
  unchangedAnswer,
  validateAnswer,
  type ScopeSigner,
  type TaskClock,
} from "./index";

const DAY = 86_400_000;
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);

const signer = (over: Partial<ScopeSigner> = {}): ScopeSigner => ({
  id: "s1",
  status: "active",
  teamId: "t1",
  environments: ["production"],
  openFindingRuleIds: [],
  ...over,
});

describe("campaign scope", () => {
  it("all-active takes active signers only", () => {
    const list = [
      signer({ id: "a" }),
      signer({ id: "b", status: "suspended" }),
      signer({ id: "c", status: "decommissioned" }),
    ];
    expect(resolveScope({ kind: "all-active" }, list)).toEqual(["a"]);
  });
  it("team and environment match active signers (environment case-insensitively)", () => {
    expect(isSignerInScope({ kind: "team", teamId: "t1" }, signer())).toBe(true);
    expect(isSignerInScope({ kind: "team", teamId: "t2" }, signer())).toBe(false);
    expect(isSignerInScope({ kind: "environment", environment: "Production" }, signer())).toBe(true);
    expect(isSignerInScope({ kind: "environment", environment: "staging" }, signer())).toBe(false);
    expect(isSignerInScope({ kind: "environment", environment: "production" }, signer({ status: "suspended" }))).toBe(
      false,
    );
  });
  it("findings and hand-picked lists include suspended signers but never decommissioned ones", () => {
    const s = signer({ status: "suspended", openFindingRuleIds: ["signer.orphaned"] });
    expect(isSignerInScope({ kind: "findings", ruleIds: ["signer.orphaned"] }, s)).toBe(true);
    expect(isSignerInScope({ kind: "findings", ruleIds: ["signer.stale"] }, s)).toBe(false);
    expect(isSignerInScope({ kind: "signers", signerIds: ["s1"] }, s)).toBe(true);
    expect(isSignerInScope({ kind: "signers", signerIds: ["s1"] }, signer({ status: "decommissioned" }))).toBe(false);
  });
});

describe("assignee", () => {
  const p = { id: "p", isActive: true };
  const b = { id: "b", isActive: true };
  it("is the primary owner when active, else the backup", () => {
    expect(chooseAssignee({ primaryOwner: p, backupOwner: b })).toEqual({
      kind: "assigned",
      personId: "p",
      role: "primary",
    });
    expect(chooseAssignee({ primaryOwner: { ...p, isActive: false }, backupOwner: b })).toEqual({
      kind: "assigned",
      personId: "b",
      role: "backup",
    });
    expect(chooseAssignee({ primaryOwner: null, backupOwner: b })).toEqual({
      kind: "assigned",
      personId: "b",
      role: "backup",
    });
  });
  it("is nobody when neither owner can answer, with the reason", () => {
    expect(chooseAssignee({ primaryOwner: null, backupOwner: null })).toMatchObject({
      kind: "unassignable",
      reason: "no primary or backup owner",
    });
    expect(chooseAssignee({ primaryOwner: { ...p, isActive: false }, backupOwner: null })).toMatchObject({
      kind: "unassignable",
    });
    expect(
      chooseAssignee({ primaryOwner: { ...p, isActive: false }, backupOwner: { ...b, isActive: false } }),
    ).toMatchObject({ kind: "unassignable", reason: "primary and backup owners have both left" });
  });
  it("escalates to the backup owner (not when they hold the task) and the security team, once each", () => {
    const backup = { id: "b", email: "Bob@Example.com", name: "Bob", isActive: true };
    expect(
      escalationRecipients({ assigneeId: "p", backupOwner: backup, securityTeamEmail: "sec@example.com" }).map(
        (r) => r.email,
      ),
    ).toEqual(["bob@example.com", "sec@example.com"]);
    expect(
      escalationRecipients({ assigneeId: "b", backupOwner: backup, securityTeamEmail: "sec@example.com" }).map(
        (r) => r.role,
      ),
    ).toEqual(["security-team"]);
    expect(
      escalationRecipients({ assigneeId: "p", backupOwner: { ...backup, isActive: false }, securityTeamEmail: null }),
    ).toEqual([]);
    expect(
      escalationRecipients({ assigneeId: "p", backupOwner: backup, securityTeamEmail: "BOB@example.com" }),
    ).toHaveLength(1);
  });
});

describe("reminder and escalation schedule", () => {
  const task: TaskClock = {
    startAt: T0,
    dueAt: at(21),
    reminderEveryDays: 7,
    reminderCount: 0,
    escalatedAt: null,
    autoSuspendAfterDays: null,
  };
  it("sends nothing before the first cadence has passed", () => {
    expect(taskActions(task, at(6.99))).toEqual({
      reminderNumber: null,
      cadenceIndex: 0,
      isOverdue: false,
      shouldEscalate: false,
      shouldAutoSuspend: false,
    });
  });
  it("sends reminder n at start + n × cadence, once", () => {
    expect(taskActions(task, at(7)).reminderNumber).toBe(1);
    expect(taskActions({ ...task, reminderCount: 1 }, at(13)).reminderNumber).toBeNull();
    expect(taskActions({ ...task, reminderCount: 1 }, at(14)).reminderNumber).toBe(2);
  });
  it("sends only the latest reminder after a gap", () => {
    expect(taskActions(task, at(20)).reminderNumber).toBe(2);
  });
  it("escalates once at the due date, without a reminder on the same run, then keeps reminding", () => {
    const due = taskActions({ ...task, reminderCount: 2 }, at(21));
    expect(due).toMatchObject({ isOverdue: true, shouldEscalate: true, reminderNumber: null, cadenceIndex: 3 });
    // the escalation counted as reminder 3: nothing more until the next cadence
    expect(taskActions({ ...task, reminderCount: 3, escalatedAt: at(21) }, at(22)).reminderNumber).toBeNull();
    const later = taskActions({ ...task, reminderCount: 3, escalatedAt: at(21) }, at(28));
    expect(later).toMatchObject({ isOverdue: true, shouldEscalate: false, reminderNumber: 4 });
  });
  it("auto-suspends only when the policy is on and N days have passed since the due date", () => {
    expect(taskActions(task, at(100)).shouldAutoSuspend).toBe(false);
    expect(taskActions({ ...task, autoSuspendAfterDays: 5 }, at(25.9)).shouldAutoSuspend).toBe(false);
    expect(taskActions({ ...task, autoSuspendAfterDays: 5 }, at(26)).shouldAutoSuspend).toBe(true);
  });
  it("labels tasks done, pending or overdue", () => {
    expect(taskState({ status: "submitted", dueAt: at(1) }, at(5))).toBe("done");
    expect(taskState({ status: "pending", dueAt: at(1) }, at(0))).toBe("pending");
    expect(taskState({ status: "pending", dueAt: at(1) }, at(1))).toBe("overdue");
  });
});

describe("recurrence", () => {
  it("moves the due date by one, three or twelve months, clamped to the month's end", () => {
    expect(nextRecurrenceDueAt(new Date("2026-01-31T12:00:00Z"), "monthly")?.toISOString()).toBe(
      "2026-02-28T12:00:00.000Z",
    );
    expect(nextRecurrenceDueAt(new Date("2027-11-30T00:00:00Z"), "quarterly")?.toISOString()).toBe(
      "2028-02-29T00:00:00.000Z",
    );
    expect(nextRecurrenceDueAt(new Date("2026-03-15T00:00:00Z"), "yearly")?.toISOString()).toBe(
      "2027-03-15T00:00:00.000Z",
    );
    expect(nextRecurrenceDueAt(T0, "none")).toBeNull();
  });
  it("names the next occurrence after its due day, not stacking suffixes", () => {
    expect(nextOccurrenceName("Q1 review", new Date("2026-07-01T00:00:00Z"))).toBe("Q1 review (2026-07-01)");
    expect(nextOccurrenceName("Q1 review (2026-07-01)", new Date("2026-10-01T00:00:00Z"))).toBe(
      "Q1 review (2026-10-01)",
    );
  });
});

describe("answers", () => {
  const ctx = {
    privileges: [
      { id: "g1", scope: "sign:release/production", environment: "production" },
      { id: "g2", scope: "approve:release", environment: "any" },
    ],
    keys: [{ id: "k1", custody: "software-file" }],
  };
  /** an answer as the form posts it, parsed and validated against the signer's grants and keys */
  const validate = (answer: unknown) => validateAnswer(attestationAnswerSchema.parse(answer), ctx);
  /** the answer's decision on each grant, by grant id */
  const decisions = (byGrant: Record<string, "keep" | "remove">) =>
    Object.entries(byGrant).map(([privilegeId, decision]) => ({ privilegeId, decision }));

  it("needs a decision for every standing grant when the signer is still needed", () => {
    const r = validate({ isStillNeeded: true, privileges: decisions({ g1: "keep" }) });
    expect(r).toEqual({
      ok: false,
      problems: [{ path: "privileges.g2", message: "Decide whether to keep approve:release" }],
    });
  });
  it("refuses grants and keys of other signers", () => {
    const r = validate({
      isStillNeeded: true,
      privileges: decisions({ g1: "keep", g2: "keep", gX: "remove" }),
      custody: { isConfirmed: false, keyId: "kX", custody: "hsm", evidence: "HSM attestation 42" },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(["privileges.gX", "custody.keyId"]);
  });
  it("requires evidence for a custody correction", () => {
    expect(
      attestationAnswerSchema.safeParse({
        isStillNeeded: true,
        custody: { isConfirmed: false, keyId: "k1", custody: "hsm", evidence: "" },
      }).success,
    ).toBe(false);
  });
  it("turns removals and corrections into change requests", () => {
    const r = validate({
      isStillNeeded: true,
      privileges: decisions({ g1: "keep", g2: "remove" }),
      custody: { isConfirmed: false, keyId: "k1", custody: "cloud-kms", evidence: "arn:aws:kms:eu-west-1:1:key/abc" },
      comment: " ok ",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.comment).toBe("ok");
    expect(changeRequestsFor(r.value)).toEqual([
      { kind: "privilege-removal", privilegeId: "g2", details: { scope: "approve:release", environment: "any" } },
      {
        kind: "custody-correction",
        details: { keyId: "k1", from: "software-file", to: "cloud-kms", evidence: "arn:aws:kms:eu-west-1:1:key/abc" },
      },
    ]);
  });
  it("a decommission removes every grant in one request", () => {
    const r = validate({ isStillNeeded: false });
    expect(r.ok && changeRequestsFor(r.value)).toEqual([
      { kind: "decommission", details: { privileges: ["sign:release/production (production)", "approve:release"] } },
    ]);
  });
  it("a bulk answer keeps everything and opens nothing", () => {
    const a = unchangedAnswer(ctx, null);
    expect(a.decisions.every((d) => d.decision === "keep")).toBe(true);
    expect(changeRequestsFor(a)).toEqual([]);
  });
});

describe("access links", () => {
  const link = { personId: "p", expiresAt: at(14), usedAt: null };
  it("accepts an unused, unexpired link for its own person only", () => {
    expect(accessLinkProblem(link, { personId: "p", now: at(1) })).toBeNull();
    expect(accessLinkProblem(link, { personId: "q", now: at(1) })).toBe("wrong-person");
    expect(accessLinkProblem(link, { personId: null, now: at(1) })).toBe("wrong-person");
  });
  it("refuses unknown, used and expired links", () => {
    expect(accessLinkProblem(null, { personId: "p", now: at(1) })).toBe("unknown");
    expect(accessLinkProblem({ ...link, usedAt: at(0.5) }, { personId: "p", now: at(1) })).toBe("used");
    expect(accessLinkProblem(link, { personId: "p", now: at(14) })).toBe("expired");
  });
});

describe("clock override", () => {
  it("is refused unless explicitly allowed outside production", () => {
    expect(clockOverride(undefined, {})).toBeNull();
    expect(clockOverride("2026-01-01T00:00:00Z", {})).toEqual({
      error: "The clock cannot be overridden on this server",
    });
    expect(
      clockOverride("2026-01-01T00:00:00Z", { SIGNET_ALLOW_CLOCK_OVERRIDE: "1", NODE_ENV: "production" }),
    ).toMatchObject({ error: expect.any(String) });
    expect(
      clockOverride("2026-01-01T00:00:00Z", {
        SIGNET_ALLOW_CLOCK_OVERRIDE: "1",
        NODE_ENV: "production",
        SIGNET_ENV: "local",
      }),
    ).toEqual({ now: new Date("2026-01-01T00:00:00Z") });
    expect(clockOverride("garbage", { SIGNET_ALLOW_CLOCK_OVERRIDE: "1" })).toEqual({
      error: "`now` is not a valid date",
    });
  });
});
