import { beforeEach, describe, expect, it } from "vitest";
import { runSignet } from "../main";
import { captureIo, standInSignet } from "../testing/stand-in-signet";

// `signet gate` against a stand-in gate on 127.0.0.1: exit codes per decision, fail closed and
// --fail-open when Signet cannot be reached, and a refused request always failing closed.

const signet = standInSignet({ status: 200, body: {} });
const io = captureIo;

const decision = (d: string, reasons: unknown[] = []) => ({
  status: 200,
  body: { decision: d, decisionId: "gd1", policyVersion: 3, reasons },
});

describe("signet gate", () => {
  beforeEach(() => {
    process.env.SIGNET_TOKEN = "sgt_test";
    delete process.env.GITHUB_ACTOR;
  });

  it("exits 0 on allow and warn, 1 on deny, and sends the question with the token", async () => {
    signet.answer = decision("allow");
    const a = io();
    expect(
      await runSignet(
        ["gate", "--url", signet.url, "--signer", "bot", "--environment", "production", "--triggered-by", "alice"],
        a.value,
      ),
    ).toBe(0);
    expect(signet.received).toEqual({
      auth: "Bearer sgt_test",
      path: "/api/v1/gate",
      body: { environment: "production", action: "sign", signer: "bot", triggeredBy: "alice" },
    });
    expect(a.out[0]).toMatch(/^ALLOW: sign to production \(decision gd1, policy version 3\)/);
    signet.answer = decision("warn", [
      { ruleId: "gate.no-grant", effect: "warn", message: "no grant", howToFix: "grant it" },
    ]);
    expect(
      await runSignet(["gate", "--url", signet.url, "--signer", "bot", "--environment", "production"], io().value),
    ).toBe(0);
    signet.answer = decision("deny", [
      { ruleId: "cert.expired", effect: "deny", message: "expired", howToFix: "renew" },
    ]);
    const d = io();
    expect(
      await runSignet(["gate", "--url", signet.url, "--signer", "bot", "--environment", "production"], d.value),
    ).toBe(1);
    expect(d.out.join("\n")).toMatch(/deny {5}cert\.expired: expired\n {11}fix: renew/);
  });

  it("fails closed when Signet cannot be reached, unless --fail-open, and says which", async () => {
    const closed = io();
    const down = "http://127.0.0.1:9";
    expect(await runSignet(["gate", "--url", down, "--signer", "bot", "--environment", "prod"], closed.value)).toBe(3);
    expect(closed.err[0]).toMatch(/could not be reached .*failing closed/);
    const open = io();
    expect(
      await runSignet(["gate", "--url", down, "--signer", "bot", "--environment", "prod", "--fail-open"], open.value),
    ).toBe(0);
    expect(open.err[0]).toMatch(/--fail-open: allowing WITHOUT a decision/);
    signet.answer = { status: 503, body: {} };
    expect(
      await runSignet(
        ["gate", "--url", signet.url, "--signer", "bot", "--environment", "prod", "--fail-open"],
        io().value,
      ),
    ).toBe(0);
  });

  it("a refused request fails closed even with --fail-open; a missing token is a usage error", async () => {
    signet.answer = { status: 403, body: { error: { code: "forbidden", message: "scope" } } };
    const r = io();
    expect(
      await runSignet(
        ["gate", "--url", signet.url, "--signer", "bot", "--environment", "prod", "--fail-open"],
        r.value,
      ),
    ).toBe(3);
    expect(r.err[0]).toMatch(/refused the request \(HTTP 403\): scope/);
    delete process.env.SIGNET_TOKEN;
    expect(await runSignet(["gate", "--url", signet.url, "--signer", "bot", "--environment", "prod"], io().value)).toBe(
      2,
    );
  });
});
