import { describe, expect, it } from "vitest";
import { renderWebhookBody, slackMessage, teamsMessage } from "./chat-formats";
import type { WebhookEvent } from "./events";

const event: WebhookEvent = {
  id: "evt_1",
  type: "gate.denied",
  occurredAt: "2026-03-02T09:00:00.000Z",
  summary: "Gate denied: sign <release-bot> to production",
  subject: { type: "gate-decision", id: "d1", label: "release-bot" },
  data: { environment: "production" },
};

describe("chat formats", () => {
  it("Slack: text and Block Kit blocks linking the subject, markup escaped", () => {
    const m = slackMessage(event, { baseUrl: "https://signet.test/" });
    expect(m.text).toBe("Signet: Gate denied: sign &lt;release-bot&gt; to production");
    expect(m.blocks[0]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "*<https://signet.test/gate/d1|Gate denied: sign &lt;release-bot&gt; to production>*",
      },
    });
    expect(m.blocks[1]).toMatchObject({ type: "context" });
    expect(JSON.stringify(m.blocks[1])).toContain("environment: production");
  });

  it("Teams: one Adaptive Card 1.4 attachment with facts and an open link", () => {
    const m = teamsMessage(event, { baseUrl: "https://signet.test" });
    expect(m.type).toBe("message");
    expect(m.attachments).toHaveLength(1);
    const card = m.attachments[0];
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.content).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(card.content.body[1]).toMatchObject({ type: "FactSet" });
    expect(card.content.actions).toEqual([
      { type: "Action.OpenUrl", title: "Open in Signet", url: "https://signet.test/gate/d1" },
    ]);
  });

  it("generic is the event itself; no subject means no link", () => {
    expect(JSON.parse(renderWebhookBody(event, { format: "generic", baseUrl: "x" }))).toEqual(event);
    const ping = { ...event, type: "ping" as const, subject: null };
    expect(teamsMessage(ping, { baseUrl: "https://signet.test" }).attachments[0].content.actions).toEqual([]);
  });
});
