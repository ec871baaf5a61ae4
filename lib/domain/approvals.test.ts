import { describe, expect, it } from "vitest";
import { defaultPolicy } from "@/lib/domain/policy";
import {
  approvalRequestSchema,
  approvalState,
  approvalWindow,
  decisionProblem,
  isTriggeringHuman,
  isWindowOpen,
  type ApprovalDecider,
} from "./approvals";
import { decideGate, type GateFacts } from "./gate/decide";
import { gateFacts } from "./gate/fixtures";

const NOW = new Date("2026-12-01T12:00:00Z");
const H = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * H);

const request = {
  requestedByType: "user",
  requestedById: "u-requester",
  requestedByPersonId: "p-requester",
  triggeredBy: "Carol@Example.com",
  status: "pending",
  windowStartsAt: NOW,
  windowEndsAt: at(8),
};
const decider = (over: Partial<ApprovalDecider> = {}): ApprovalDecider => ({
  userId: "u-approver",
  personId: "p-approver",
  identities: ["approver@example.com", "Approver"],
  ...over,
});

describe("the request form's field errors", () => {
  const fieldErrors = (input: unknown) =>
    approvalRequestSchema.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);
  it("says what is wrong in words, not zod's defaults", () => {
    expect(fieldErrors({ hours: "" })).toEqual([
      ["environment", "Required"],
      ["hours", "At least 1"],
      ["reason", "Required"],
    ]);
    expect(fieldErrors({ environment: "prod", hours: "1.5", reason: "release" })).toEqual([
      ["hours", "A whole number"],
    ]);
    expect(fieldErrors({ environment: "prod", hours: "eight", reason: "release" })).toEqual([
      ["hours", "Expected a number"],
    ]);
  });
});

describe("approvalWindow", () => {
  it("opens now for the hours asked, within the policy's maximum", () => {
    expect(approvalWindow({ hours: 8 }, { now: NOW, maxHours: 8 })).toEqual({ startsAt: NOW, endsAt: at(8) });
    expect(approvalWindow({ hours: 9 }, { now: NOW, maxHours: 8 })).toMatchObject({ field: "hours" });
  });
  it("refuses a window in the past or far ahead", () => {
    expect(approvalWindow({ hours: 1, startsAt: at(-2).toISOString() }, { now: NOW, maxHours: 8 })).toMatchObject({
      field: "startsAt",
    });
    expect(approvalWindow({ hours: 1, startsAt: at(24 * 8).toISOString() }, { now: NOW, maxHours: 8 })).toMatchObject({
      field: "startsAt",
    });
    expect(approvalWindow({ hours: 2, startsAt: at(3).toISOString() }, { now: NOW, maxHours: 8 })).toEqual({
      startsAt: at(3),
      endsAt: at(5),
    });
  });
});

describe("approval state (expiry from the clock)", () => {
  it("reads pending and approved requests as expired once the window ends", () => {
    expect(approvalState(request, at(7.9))).toBe("pending");
    expect(approvalState(request, at(8))).toBe("expired");
    expect(approvalState({ ...request, status: "approved" }, at(1))).toBe("approved");
    expect(approvalState({ ...request, status: "approved" }, at(8))).toBe("expired");
    expect(approvalState({ ...request, status: "refused" }, at(9))).toBe("refused");
  });
  it("opens the window only when approved, from its start up to (not including) its end", () => {
    const approved = { ...request, status: "approved", windowStartsAt: at(1) };
    expect(isWindowOpen(approved, at(0.5))).toBe(false);
    expect(isWindowOpen(approved, at(1))).toBe(true);
    expect(isWindowOpen(approved, at(8))).toBe(false);
    expect(isWindowOpen({ ...approved, status: "pending" }, at(2))).toBe(false);
  });
});

describe("separation of duties (decisionProblem)", () => {
  it("lets a third person decide", () => {
    expect(decisionProblem(request, decider(), NOW)).toBeNull();
  });
  it("refuses the requester, by user or by person", () => {
    expect(decisionProblem(request, decider({ userId: "u-requester" }), NOW)).toBe("self-approval");
    expect(decisionProblem(request, decider({ personId: "p-requester" }), NOW)).toBe("self-approval");
  });
  it("refuses the pipeline's triggering human by email, its local part or name, any case", () => {
    expect(decisionProblem(request, decider({ identities: ["carol@example.com"] }), NOW)).toBe("triggering-human");
    expect(
      decisionProblem({ ...request, triggeredBy: "carol" }, decider({ identities: ["Carol@example.com"] }), NOW),
    ).toBe("triggering-human");
    expect(decisionProblem({ ...request, triggeredBy: "@carol" }, decider({ identities: ["carol"] }), NOW)).toBe(
      "triggering-human",
    );
  });
  it("refuses the person whose declared CI account triggered the run, whatever it looks like", () => {
    const run = { ...request, triggeredBy: "@ZZ-Build-7731" };
    expect(decisionProblem(run, decider({ identities: ["alan@example.com", "zz-build-7731"] }), NOW)).toBe(
      "triggering-human",
    );
    expect(decisionProblem(run, decider({ identities: ["alan@example.com", "zz-build-77"] }), NOW)).toBeNull();
    expect(isTriggeringHuman(null, ["anything"])).toBe(false);
  });
  it("refuses a decided or expired request", () => {
    expect(decisionProblem({ ...request, status: "approved" }, decider(), NOW)).toBe("already-decided");
    expect(decisionProblem(request, decider(), at(8))).toBe("expired");
  });
  it("a token's request names no human requester", () => {
    const byToken = { ...request, requestedByType: "token", requestedById: "u-approver", requestedByPersonId: null };
    expect(decisionProblem(byToken, decider(), NOW)).toBeNull();
  });
});

describe("the gate and just-in-time grants", () => {
  const facts = (
    approvals: GateFacts["signer"] extends infer S ? (S extends { approvals?: infer A } ? A : never) : never,
    standing = false,
  ): GateFacts =>
    gateFacts(
      {},
      {
        privileges: [
          { id: "g1", scope: "sign:release", environment: "production", isJustInTime: true },
          ...(standing ? [{ id: "g2", scope: "sign:*", environment: "any" }] : []),
        ],
        approvals,
      },
    );
  const decide = (f: GateFacts, now = NOW) => decideGate(f, { now, policy: defaultPolicy });
  const window = { id: "r1", privilegeId: "g1", status: "approved", windowStartsAt: at(1), windowEndsAt: at(3) };

  it("denies outside an approved window, naming the request to make", () => {
    const d = decide(facts([]));
    expect(d.outcome).toBe("deny");
    expect(d.reasons[0]).toMatchObject({ ruleId: "gate.approval-required", effect: "deny" });
    expect(d.reasons[0].howToFix).toContain("signet request-approval --signer release-bot --environment production");
  });
  it("names a pending request", () => {
    const d = decide(facts([{ ...window, status: "pending" }]), at(2));
    expect(d.reasons[0].message).toContain("approval request r1 awaits a decision");
  });
  it("allows inside the window and denies before and after it", () => {
    expect(decide(facts([window]), at(0.5)).outcome).toBe("deny");
    expect(decide(facts([window]), at(2)).outcome).toBe("allow");
    expect(decide(facts([window]), at(3)).outcome).toBe("deny");
  });
  it("a window of another grant does not count; a standing grant that covers needs none", () => {
    expect(decide(facts([{ ...window, privilegeId: "other" }]), at(2)).outcome).toBe("deny");
    expect(decide(facts([], true)).outcome).toBe("allow");
  });
  it("applies to promote too", () => {
    expect(decide({ ...facts([]), action: "promote" }).reasons.map((r) => r.ruleId)).toContain(
      "gate.approval-required",
    );
  });
});
