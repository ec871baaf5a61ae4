import { beforeAll, expect, it } from "vitest";
import { describeRoute, noParams, tokenRequest } from "@/lib/api/testing/route-test";
import { TOKEN_SCOPES } from "@/lib/domain/token-scopes";
import { POST as postOne } from "../[id]/transitions/route";
import { POST as postMany } from "./route";

// Triage stays with signed-in admins and analysts, as suppression was: no API token scope grants it,
// so a pipeline token cannot hide its own findings. (The moves themselves: finding-lifecycle.int.test.ts.)

describeRoute("/api/v1/findings/…/transitions", (route) => {
  let tokens: Record<string, string>;
  beforeAll(async () => {
    const scopes = TOKEN_SCOPES.filter((s) => s !== "signing-events");
    tokens = await route.seedApiTokens({ all: { scope: scopes.join(" ") as (typeof scopes)[number] } });
  });

  it("refuses API tokens, whatever their scopes, before reading the body", async () => {
    const body = JSON.stringify({ action: "acknowledge", ids: ["f1"] });
    const one = await postOne(
      tokenRequest("/api/v1/findings/f1/transitions", tokens.all, {
        method: "POST",
        body,
        contentType: "application/json",
      }),
      { params: Promise.resolve({ id: "f1" }) },
    );
    const many = await postMany(
      tokenRequest("/api/v1/findings/transitions", tokens.all, {
        method: "POST",
        body,
        contentType: "application/json",
      }),
      noParams,
    );
    expect([one.status, many.status]).toEqual([403, 403]);
  });
});
