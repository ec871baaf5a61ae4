import { beforeAll, expect, it } from "vitest";
import { describeRoute, jsonAnswer, noParams, sessionRequest, tokenRequest } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";
import type { Page } from "@/lib/db/inventory/common";
import { GET } from "./route";

// GET /api/v1/webhooks/deliveries, the /admin/webhooks page's list, through its real route() wrapper on
// both databases: the newest first, filtered by status, the number in each status across every page,
// paging that adds up; administrators only (signed in), never a token.

const MINUTE = 60_000;

type DeliveryAnswer = Page<{
  id: string;
  eventId: string;
  status: string;
  subscriptionName: string;
  createdAt: string;
  deliveredAt: string | null;
}> & {
  counts: Record<string, number>;
};

describeRoute("GET /api/v1/webhooks/deliveries", (route) => {
  let db: Db;
  let token: string;
  let admin: { cookie: string };
  const base = Date.UTC(2026, 10, 1);
  // event 0 is the oldest; statuses cycle so every status has a delivery
  const STATUSES = ["delivered", "failed", "pending", "delivered", "sending", "delivered"];

  beforeAll(async () => {
    db = route.db();
    ({ read: token } = await route.seedApiTokens({ read: { scope: "read" } }));
    admin = await route.seedSignedInUser("admin");
    const subscription = await db.webhookSubscription.create({
      data: { name: "chat", url: "https://hooks.example/x", eventsJson: "[]", secretCiphertext: "not-a-secret" },
    });
    for (const [i, status] of STATUSES.entries())
      await db.webhookDelivery.create({
        data: {
          subscriptionId: subscription.id,
          eventId: `evt-${i}`,
          eventType: "finding.opened",
          payloadJson: "{}",
          status,
          responseStatus: status === "delivered" ? 200 : null,
          deliveredAt: status === "delivered" ? new Date(base + i * MINUTE + 1000) : null,
          createdAt: new Date(base + i * MINUTE),
        },
      });
  });

  const read = (query: string) =>
    jsonAnswer<DeliveryAnswer>(GET(sessionRequest(`/api/v1/webhooks/deliveries${query}`, admin.cookie), noParams));

  it("answers the newest first with the number in each status", async () => {
    const { status, body } = await read("");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 6, page: 1, pageSize: 50 });
    expect(body.rows.map((r) => r.eventId)).toEqual(["evt-5", "evt-4", "evt-3", "evt-2", "evt-1", "evt-0"]);
    expect(body.rows[0]).toMatchObject({
      subscriptionName: "chat",
      createdAt: new Date(base + 5 * MINUTE).toISOString(),
    });
    expect(body.counts).toEqual({ pending: 1, sending: 1, delivered: 3, failed: 1 });
  });

  it("filters by status, and its pages add up", async () => {
    const delivered = await read("?status=delivered&pageSize=2");
    expect(delivered.body).toMatchObject({ total: 3, pageSize: 2 });
    expect(delivered.body.rows.map((r) => r.eventId)).toEqual(["evt-5", "evt-3"]);
    expect((await read("?status=delivered&pageSize=2&page=2")).body.rows.map((r) => r.eventId)).toEqual(["evt-0"]);
    // the counts stay those of every delivery, whatever the filter
    expect(delivered.body.counts.failed).toBe(1);
    expect((await read("?status=failed")).body.rows.map((r) => r.status)).toEqual(["failed"]);
  });

  it("refuses analysts and tokens (administrators only)", async () => {
    const analyst = await route.seedSignedInUser("analyst");
    expect((await GET(sessionRequest("/api/v1/webhooks/deliveries", analyst.cookie), noParams)).status).toBe(403);
    expect((await GET(tokenRequest("/api/v1/webhooks/deliveries", token), noParams)).status).toBe(403);
  });
});
