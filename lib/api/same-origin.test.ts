import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

// issue 14: a cookie-authenticated state change with no Origin header was accepted on the
// strength of SameSite alone
let assertSameOrigin: (req: NextRequest) => void;
beforeAll(async () => {
  vi.stubEnv("SIGNET_SECRET", "x".repeat(48));
  vi.stubEnv("SIGNET_BASE_URL", "https://signet.example");
  ({ assertSameOrigin } = await import("./handler"));
}, 60_000);

const post = (headers: Record<string, string>) => new NextRequest("https://signet.example/api/v1/signers", { method: "POST", headers });

describe("assertSameOrigin", () => {
  it.each([
    [{ origin: "https://signet.example" }],
    [{ "sec-fetch-site": "same-origin" }],
  ])("accepts %j", (headers) => {
    expect(() => assertSameOrigin(post(headers))).not.toThrow();
  });

  it.each([
    [{}],
    [{ "sec-fetch-site": "cross-site" }],
    [{ "sec-fetch-site": "same-site" }],
    [{ "sec-fetch-site": "none" }],
    [{ origin: "https://evil.example" }],
    [{ origin: "null" }],
    [{ origin: "https://evil.example", "sec-fetch-site": "same-origin" }],
  ])("refuses %j", (headers) => {
    expect(() => assertSameOrigin(post(headers))).toThrow(/Cross-site request refused/);
  });
});
