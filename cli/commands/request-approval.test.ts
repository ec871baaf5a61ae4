import { beforeEach, describe, expect, it } from "vitest";
import { runSignet } from "../main";
import { captureIo, standInSignet } from "../testing/stand-in-signet";

// `signet request-approval` against a stand-in Signet on 127.0.0.1: what it sends, and its exit codes.

const signet = standInSignet({ status: 201, body: {} });
const io = captureIo;

const args = ["request-approval", "--signer", "bot", "--environment", "production", "--hours", "4", "--reason", "4.2"];

describe("signet request-approval", () => {
  beforeEach(() => {
    process.env.SIGNET_TOKEN = "sgt_test";
    process.env.GITHUB_ACTOR = "carol";
  });

  it("files the request with the CI actor as triggering human and prints where to approve it", async () => {
    signet.answer = {
      status: 201,
      body: {
        id: "ar1",
        state: "pending",
        scope: "sign:release",
        windowStartsAt: "2026-12-01T12:00:00.000Z",
        windowEndsAt: "2026-12-01T16:00:00.000Z",
        notified: 2,
      },
    };
    const a = io();
    expect(await runSignet([...args, "--url", signet.url], a.value)).toBe(0);
    expect(signet.received).toEqual({
      auth: "Bearer sgt_test",
      path: "/api/v1/approvals",
      body: { signer: "bot", environment: "production", hours: 4, reason: "4.2", triggeredBy: "carol" },
    });
    expect(a.out[0]).toBe("PENDING: approval request ar1 for sign:release@production");
    expect(a.out[2]).toBe(`  open ${signet.url}/approvals/ar1`);
  });

  it("exits 1 when Signet refuses, 3 when it cannot be reached, 2 on a usage error", async () => {
    signet.answer = {
      status: 422,
      body: { error: { code: "validation", message: "A window may last at most 8 hours" } },
    };
    const r = io();
    expect(await runSignet([...args, "--url", signet.url], r.value)).toBe(1);
    expect(r.err[0]).toMatch(/refused \(HTTP 422\): A window may last at most 8 hours/);
    expect(await runSignet([...args, "--url", "http://127.0.0.1:9"], io().value)).toBe(3);
    expect(await runSignet(["request-approval", "--environment", "production", "--url", signet.url], io().value)).toBe(
      2,
    );
  });
});
