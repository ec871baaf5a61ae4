// The webhook form's actions on a real database and session: a URL carrying a credential is refused on
// its field and nothing is stored (no subscription, no audit row).
import { beforeAll, expect, it, vi } from "vitest";
import { describeRoute } from "@/lib/api/testing/route-test";
import type { ActionState } from "@/lib/api/action-state";
import { URL_SECRET_MESSAGE, URL_USERINFO_MESSAGE } from "@/lib/domain/webhooks/url";

// the request an action runs in: its headers carry the caller's session cookie
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} }));

const { createWebhookAction, updateWebhookAction } = await import("./actions");

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
}

// the last column: whether the refused URL comes back to the form (a value that looks like a secret
// never does: lib/api/action.ts submittedFields)
const REFUSED = [
  ["user:pass@", "https://qauser:SuperSecretPass123@hooks.example.com/qa-a", URL_USERINFO_MESSAGE, true],
  ["token=", "https://hooks.example.com/qa-a?token=sk_live_qa_a_12345", URL_SECRET_MESSAGE, false],
] as const;

describeRoute("webhook actions", (route) => {
  beforeAll(async () => {
    request.headers = new Headers({ cookie: (await route.seedSignedInUser("admin")).cookie });
  });

  it.each(REFUSED)(
    "create refuses a URL with %s on the url field and stores nothing",
    async (_, url, message, isSentBack) => {
      const db = route.db();
      const audits = await db.auditEvent.count();
      const state: ActionState<unknown> = await createWebhookAction(
        {},
        form({ name: "QA", url, events: ["finding.opened", "gate.denied"], format: "generic" }),
      );
      expect(state.fieldErrors).toEqual({ url: message });
      // what was typed comes back for the form to show, every ticked event included
      expect(state.values).toMatchObject({ name: "QA", format: "generic" });
      expect(state.values?.url).toBe(isSentBack ? url : undefined);
      expect(state.lists?.events).toEqual(["finding.opened", "gate.denied"]);
      expect(await db.webhookSubscription.count()).toBe(0);
      expect(await db.auditEvent.count()).toBe(audits);
    },
  );

  it("update refuses a URL with credentials and keeps the stored one", async () => {
    const db = route.db();
    const created = await createWebhookAction(
      {},
      form({ name: "QA", url: "https://hooks.example.com/qa-a", events: "finding.opened" }),
    );
    expect(created.fieldErrors).toBeUndefined();
    const { id } = await db.webhookSubscription.findFirstOrThrow({ select: { id: true } });
    const state = await updateWebhookAction(
      {},
      form({ id, name: "QA", url: REFUSED[0][1], events: "finding.opened", isEnabled: "on" }),
    );
    expect(state.fieldErrors).toEqual({ url: URL_USERINFO_MESSAGE });
    expect((await db.webhookSubscription.findUniqueOrThrow({ where: { id } })).url).toBe(
      "https://hooks.example.com/qa-a",
    );
  });
});
