import { z } from "@/lib/domain/zod";
import { idName, isoDate, isoDateOrNull, okResponse, pageOf } from "./common";

// Response schemas of the release gate (decisions, per-signer exceptions) and of the stored,
// versioned findings and gate policy.

// ---------------------------------------------------------------- gate

const gateOutcome = z.enum(["allow", "warn", "deny"]);

const gateReason = z
  .looseObject({
    ruleId: z.string(),
    check: z
      .string()
      .meta({ description: "the gate check that raised it: equals ruleId except for gate.open-finding" }),
    effect: z.enum(["deny", "warn", "excepted"]),
    message: z.string(),
    howToFix: z.string(),
    exception: z.looseObject({ id: z.string(), reason: z.string(), endsAt: isoDate }).optional(),
  })
  .meta({ id: "GateReason" });

const signingTimeSource = z.enum(["timestamp", "signing-event", "now"]);

export const gateAnswer = z
  .looseObject({
    decision: gateOutcome,
    decisionId: z.string(),
    policyVersion: z.number().int(),
    decidedAt: isoDate,
    signer: idName.nullable(),
    certificate: z.looseObject({ id: z.string(), sha256: z.string() }).nullable(),
    signingTime: z.looseObject({ at: isoDate, source: signingTimeSource }),
    reasons: z.array(gateReason),
  })
  .meta({ id: "GateAnswer" });

const gateDecisionRow = z
  .looseObject({
    id: z.string(),
    decidedAt: isoDate,
    outcome: gateOutcome,
    action: z.string(),
    environment: z.string(),
    subjectLabel: z.string(),
    signerId: z.string().nullable(),
    signerName: z.string().nullable(),
    certificateId: z.string().nullable(),
    artifactDigest: z.string().nullable(),
    artifactType: z.string().nullable(),
    triggeredBy: z.string().nullable(),
    reasons: z.array(gateReason),
    signingTimeSource: signingTimeSource,
    signingTimeAt: isoDate,
    policyVersion: z.number().int(),
  })
  .meta({ id: "GateDecision" });
export const gateDecisionPage = pageOf(gateDecisionRow, "GateDecisionPage");

const gateException = z
  .looseObject({
    id: z.string(),
    signerId: z.string(),
    signerName: z.string(),
    ruleId: z.string(),
    reason: z.string(),
    endsAt: isoDate,
    createdAt: isoDate,
    liftedAt: isoDateOrNull,
  })
  .meta({ id: "GateException" });
// the policy page's read model (rows, a page at a time, with each one's state); `exceptions` stays for older callers
export const gateExceptionList = pageOf(
  gateException.extend({ state: z.enum(["in force", "lifted", "ended"]) }),
  "GateExceptionPage",
).extend({ exceptions: z.array(gateException).meta({ description: "up to 200, live ones first (older callers)" }) });
export const gateExceptionCreated = z.looseObject({ id: z.string() });
export const gateExceptionLifted = okResponse;

// ---------------------------------------------------------------- policy

const policyDocument = z
  .record(z.string(), z.unknown())
  .meta({ description: "the stored overrides of the built-in defaults" });
const policyChange = z
  .looseObject({ path: z.string(), before: z.unknown(), after: z.unknown() })
  .meta({ id: "PolicyChange" });

export const policyInForce = z
  .looseObject({
    version: z.number().int().meta({ description: "0: the built-in defaults, no saved version" }),
    document: policyDocument,
    effective: z.record(z.string(), z.unknown()).meta({ description: "the defaults merged with the document" }),
  })
  .meta({ id: "PolicyInForce" });

export const policySaved = z.looseObject({
  version: z.number().int(),
  previousVersion: z.number().int(),
  changes: z.array(policyChange),
  reevaluation: z.literal("queued"),
});

const policyVersion = z
  .looseObject({
    version: z.number().int(),
    document: policyDocument,
    comment: z.string().nullable(),
    createdByLabel: z.string(),
    createdAt: isoDate,
  })
  .meta({ id: "PolicyVersion" });
// the policy page's read model (rows, a page at a time, with each one's changes); `versions` stays for older callers
export const policyVersionList = pageOf(
  policyVersion.extend({ changes: z.array(policyChange) }),
  "PolicyVersionPage",
).extend({ versions: z.array(policyVersion).meta({ description: "up to 200, newest first (older callers)" }) });
export const policyVersionDiff = policyVersion
  .extend({ previousVersion: z.number().int(), changes: z.array(policyChange) })
  .meta({ id: "PolicyVersionDiff" });
