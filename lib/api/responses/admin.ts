import { z } from "@/lib/domain/zod";
import { countsOf, idName, isoDate, isoDateOrNull, pageOf, withId } from "./common";

// Response schemas of the administration routes (tokens, users, jobs, outbox, alert policy and
// mutes) and of attestation campaigns and tasks.

// ---------------------------------------------------------------- tokens, users

const tokenRow = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scope: z.string().meta({ description: "space-separated token scopes" }),
    createdAt: isoDate,
    expiresAt: isoDateOrNull,
    revokedAt: isoDateOrNull,
    lastUsedAt: isoDateOrNull,
    signer: idName.nullable(),
    createdBy: z.looseObject({ id: z.string(), name: z.string(), email: z.string() }),
  })
  .meta({ id: "ApiToken" });
export const tokenList = pageOf(tokenRow, "ApiTokenPage");
export const tokenCreated = z
  .looseObject({
    id: z.string(),
    token: z.string().meta({ description: "the secret, shown this once: store it now" }),
  })
  .meta({ id: "ApiTokenCreated" });
export const tokenRevoked = z.looseObject({ id: z.string(), revokedAt: isoDate });

const userRow = z.looseObject({ id: z.string(), role: z.string() }).meta({ id: "User" });
export const userList = pageOf(userRow.extend({ createdAt: isoDate }), "UserPage");
export const userChanged = userRow.extend({ isChanged: z.boolean() });

// ---------------------------------------------------------------- webhook deliveries

const webhookDelivery = z
  .looseObject({
    id: z.string(),
    subscriptionId: z.string(),
    subscriptionName: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(["pending", "sending", "delivered", "failed"]),
    attempts: z.number().int(),
    nextAttemptAt: isoDate,
    lastError: z.string().nullable(),
    responseStatus: z.number().int().nullable(),
    deliveredAt: isoDateOrNull,
    createdAt: isoDate,
  })
  .meta({ id: "WebhookDelivery" });
export const webhookDeliveryPage = pageOf(webhookDelivery, "WebhookDeliveryPage").extend({
  counts: z
    .looseObject(countsOf("pending", "sending", "delivered", "failed"))
    .meta({ description: "deliveries in each status, across every page" }),
});

// ---------------------------------------------------------------- jobs, outbox

const jobRun = z.looseObject({ id: z.string(), status: z.string(), startedAt: isoDate, finishedAt: isoDateOrNull });
export const jobsStatus = z
  .looseObject({
    isSchedulerRunningHere: z.boolean(),
    jobs: z.array(
      z.looseObject({
        name: z.string(),
        description: z.string().nullable(),
        intervalMs: z.number(),
        lastRun: jobRun.nullable(),
        lastSuccessAt: isoDateOrNull,
        nextRunAt: isoDate,
      }),
    ),
  })
  .meta({ id: "JobsStatus" });
export const jobRunNow = z.looseObject({
  outcome: z.union([
    z.looseObject({ status: z.literal("ok"), runId: z.string(), result: z.unknown() }),
    z.looseObject({ status: z.literal("failed"), runId: z.string(), error: z.string() }),
  ]),
});

const outboxRow = z
  .looseObject({
    id: z.string(),
    recipientEmail: z.string(),
    subject: z.string(),
    status: z.enum(["pending", "sending", "sent", "failed"]),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
  })
  .meta({ id: "OutboxMessage" });
export const outboxPage = z.looseObject({
  messages: z.array(outboxRow.extend({ deliveryCount: z.number().int() })),
  counts: z.record(z.string(), z.number().int()).meta({ description: "messages per status, whatever the filter" }),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const outboxMessage = outboxRow.extend({ textBody: z.string(), htmlBody: z.string() });
export const outboxRetried = z.looseObject({
  message: z.looseObject({
    id: z.string(),
    status: z.literal("pending"),
    nextAttemptAt: isoDate,
    attempts: z.number(),
  }),
});

// ---------------------------------------------------------------- alert policy, mutes

const bands = z.array(z.number());
const alertPolicy = z
  .looseObject({ signingBands: bands, caBands: bands, credentialBands: bands, isEnabled: z.boolean() })
  .meta({ id: "AlertPolicy" });
export const alertPolicyView = z.looseObject({ global: alertPolicy }).meta({ id: "AlertPolicyView" });
export const alertPolicySaved = z.looseObject({ signerId: z.string().nullable(), policy: alertPolicy });

const mute = z
  .looseObject({ id: z.string(), certificateId: z.string(), reason: z.string(), mutedUntil: isoDate })
  .meta({ id: "AlertMute" });
export const muteList = z.looseObject({ mutes: z.array(mute) });
export const muteOne = z.looseObject({ mute });

// ---------------------------------------------------------------- attestations, campaigns

const taskRow = z
  .looseObject({
    id: z.string(),
    status: z.string(),
    state: z.enum(["pending", "overdue", "done"]),
    submittedAt: isoDateOrNull,
    campaign: z.looseObject({ id: z.string(), name: z.string(), dueAt: isoDate }),
    signer: idName,
  })
  .meta({ id: "AttestationTask" });
export const taskList = pageOf(taskRow, "AttestationTaskPage").extend({
  openCount: z.number().int().meta({ description: "tasks still to answer, on every page" }),
  tasks: z.array(taskRow).meta({ description: "the page's rows, for older callers" }),
});
export const attestationAnswered = z.looseObject({}).meta({ id: "AttestationAnswer" });
export const attestationDelegated = z.looseObject({}).meta({ id: "AttestationDelegation" });
export const attestationBulk = z.looseObject({}).meta({ id: "AttestationBulkResult" });
export const attestationJobsRun = z.looseObject({ now: isoDate, attestations: z.unknown(), outbox: z.unknown() });

const campaignRow = withId("Campaign");
export const campaignList = z.looseObject({
  rows: z.array(campaignRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  campaigns: z.array(campaignRow).meta({ description: "the page's rows, for older callers" }),
});
export const campaignStarted = z
  .looseObject({
    campaignId: z.string(),
    assigned: z.number().int(),
    emails: z.number().int(),
    unassignable: z.array(z.looseObject({ signerId: z.string(), name: z.string(), reason: z.string() })),
  })
  .meta({ id: "CampaignStarted" });
export const campaignProgress = z.looseObject({}).meta({ id: "CampaignProgress" });
export const changeRequestResolved = z.looseObject({ id: z.string(), status: z.string() });
export const campaignExportJson = z.unknown().meta({ id: "CampaignExport" });
