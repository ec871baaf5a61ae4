import type { WebhookEvent, WebhookFormat } from "./events";

// Chat message bodies for incoming-webhook URLs, rendered from the generic event at send time.
// Slack: https://api.slack.com/messaging/webhooks (text + Block Kit blocks). Teams: a Workflows
// "post to a channel when a webhook request is received" URL takes a message with one Adaptive
// Card attachment. Shapes are documented in docs/webhooks.md and held by chat-formats.test.ts.

const SUBJECT_PATHS: Record<string, string> = {
  finding: "/findings",
  certificate: "/certificates",
  signer: "/signers",
  "gate-decision": "/gate",
  incident: "/incidents",
};

/** The dashboard page of the event's subject, when it has one. */
export function subjectUrl(event: WebhookEvent, baseUrl: string): string | null {
  const s = event.subject;
  const base = s && SUBJECT_PATHS[s.type];
  if (!s || !base) return null;
  return `${baseUrl.replace(/\/$/, "")}${base}/${encodeURIComponent(s.id)}`;
}

function facts(event: WebhookEvent): { title: string; value: string }[] {
  const out: { title: string; value: string }[] = [{ title: "Event", value: event.type }];
  if (event.subject) out.push({ title: event.subject.type, value: event.subject.label || event.subject.id });
  for (const key of ["severity", "ruleId", "band", "environment", "reason"]) {
    const v = event.data[key];
    if (typeof v === "string" && v) out.push({ title: key, value: v });
  }
  out.push({ title: "When", value: event.occurredAt });
  return out;
}

export type SlackMessage = {
  text: string;
  blocks: (
    | { type: "section"; text: { type: "mrkdwn"; text: string } }
    | { type: "context"; elements: { type: "mrkdwn"; text: string }[] }
  )[];
};

/** Slack's mrkdwn treats &, < and > as markup. */
function slackEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export function slackMessage(event: WebhookEvent, options: { baseUrl: string }): SlackMessage {
  const url = subjectUrl(event, options.baseUrl);
  const summary = slackEscape(event.summary);
  return {
    text: `Signet: ${summary}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: url ? `*<${url}|${summary}>*` : `*${summary}*` } },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: facts(event)
              .map((f) => `${slackEscape(f.title)}: ${slackEscape(f.value)}`)
              .join(" · "),
          },
        ],
      },
    ],
  };
}

export type TeamsMessage = {
  type: "message";
  attachments: {
    contentType: "application/vnd.microsoft.card.adaptive";
    contentUrl: null;
    content: {
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json";
      type: "AdaptiveCard";
      version: "1.4";
      body: (
        | { type: "TextBlock"; text: string; weight: "Bolder"; size: "Medium"; wrap: true }
        | { type: "FactSet"; facts: { title: string; value: string }[] }
      )[];
      actions: { type: "Action.OpenUrl"; title: string; url: string }[];
    };
  }[];
};

export function teamsMessage(event: WebhookEvent, options: { baseUrl: string }): TeamsMessage {
  const url = subjectUrl(event, options.baseUrl);
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: `Signet: ${event.summary}`, weight: "Bolder", size: "Medium", wrap: true },
            { type: "FactSet", facts: facts(event) },
          ],
          actions: url ? [{ type: "Action.OpenUrl", title: "Open in Signet", url }] : [],
        },
      },
    ],
  };
}

/** The JSON body a subscription of this format receives for one event. */
export function renderWebhookBody(event: WebhookEvent, options: { format: WebhookFormat; baseUrl: string }): string {
  if (options.format === "slack") return JSON.stringify(slackMessage(event, options));
  if (options.format === "teams") return JSON.stringify(teamsMessage(event, options));
  return JSON.stringify(event);
}
