import { createHash } from "node:crypto";
import { AppError, forbidden, notFound } from "@/lib/api/errors";
import type { ApiTokenRecord } from "@/lib/db/tokens/api-tokens";
import { type Db, withTransaction } from "@/lib/db/client";
import { resolveCertificates } from "@/lib/db/signers/signer-admin";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { findSigningEventByKey, insertSigningEvents } from "@/lib/db/signing-events/signing-activity";
import { findSignerById, grantsInForce, isCertificateOfSigner, markGrantsExercised } from "@/lib/db/signers/signers";
import { grantsExercisedBy } from "@/lib/domain/privileges";
import {
  canonicalSigningEvent,
  idempotencyKeySchema,
  signedAtProblem,
  type SigningEventInput,
} from "@/lib/domain/signing-event-input";
import { recordAudit, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";
import { evaluateIncidentRecovery } from "./evaluate-incident-recovery";

// A pipeline reports that it signed an artifact. A token with scope "signing-events" is bound to
// one signer and may report only for it; "ingest" tokens and analysts name the signer. The event
// moves the signer's lastUsedAt and the matching grants' lastExercisedAt forward (matching rules
// in lib/domain/privileges.ts), then the signer's findings are re-evaluated. Events for suspended
// or decommissioned signers are kept (they are evidence) and answered with a warning.
//
// Pipelines retry. A report may carry an idempotency key (the Idempotency-Key header, or eventId
// in the body), unique per signer: a retry with the same key and the same report gets the event
// recorded the first time back (isReplay, nothing written, audited or re-evaluated again); the
// same key with a different report is a conflict. A unique index decides between concurrent
// retries.

export type RecordSigningEventOptions = {
  actor: Actor;
  now: Date;
  token: ApiTokenRecord | null;
  idempotencyKey?: string | null;
};

export type RecordedSigningEvent = {
  id: string;
  signerId: string;
  /** true: a retry of an event recorded earlier; nothing was recorded now */
  isReplay: boolean;
  event: {
    signedAt: Date;
    recordedAt: Date;
    artifactName: string;
    artifactDigest: string | null;
    environment: string | null;
    scope: string | null;
    artifactType: string | null;
    triggeredBy: string | null;
    isInteractive: boolean;
    ciRunUrl: string | null;
    certificateSha256: string | null;
  };
  exercisedGrants: { id: string; scope: string; environment: string }[];
  warnings: string[];
};

const INGEST_TRANSACTION = { maxWait: 10_000, timeout: 20_000 };

export async function recordSigningEvent(
  db: Db,
  input: SigningEventInput,
  options: RecordSigningEventOptions,
): Promise<RecordedSigningEvent> {
  let signerId: string;
  try {
    signerId = signerFor(input, options.token);
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") {
      await withTransaction(db, (tx) =>
        recordAudit(tx, {
          actor: options.actor,
          action: "api.token-refused",
          targetType: "signer",
          targetId: input.signerId,
          summary: error.message,
          details: { tokenSignerId: options.token?.signerId ?? null },
          at: options.now,
        }),
      );
    }
    throw error;
  }
  const key = idempotencyKeyOf(input, options.idempotencyKey);
  const requestSha256 = key ? createHash("sha256").update(canonicalSigningEvent(input, signerId)).digest("hex") : null;
  if (key) {
    const replay = await replayOf(db, { signerId, key, requestSha256: requestSha256! });
    if (replay) return replay;
  }
  const signedAt = new Date(input.signedAt);
  const skew = signedAtProblem(signedAt, options.now);
  if (skew) throw new AppError("validation", skew, { issues: [{ path: "signedAt", message: skew }] });
  const signer = await findSignerById(db, signerId);
  if (!signer) throw notFound("Signer");
  let certificateId: string | null = null;
  if (input.certificateSha256) {
    const cert = (await resolveCertificates(db, [input.certificateSha256])).get(input.certificateSha256);
    const problem = !cert
      ? "No certificate with this SHA-256 fingerprint in Signet; import it first"
      : !(await isCertificateOfSigner(db, signerId, cert.id))
        ? `The certificate is not one of ${signer.name}'s certificates`
        : null;
    if (problem)
      throw new AppError("validation", problem, { issues: [{ path: "certificateSha256", message: problem }] });
    certificateId = cert!.id;
  }
  const exercised = grantsExercisedBy(await grantsInForce(db, signerId), input);
  const warnings: string[] = [];
  if (signer.status !== "active") warnings.push(`${signer.name} is ${signer.status}: it should not be signing`);
  if (input.isInteractive) warnings.push("Interactive signing (a person, not the pipeline) is reported as a finding");
  if (input.scope && exercised.length === 0)
    warnings.push(
      `No grant of ${signer.name} covers scope ${input.scope}${input.environment ? ` in ${input.environment}` : ""}`,
    );

  // the event as it is stored, audited and answered
  const event: Omit<RecordedSigningEvent["event"], "certificateSha256"> = {
    signedAt,
    recordedAt: options.now,
    artifactName: input.artifactName,
    artifactDigest: input.artifactDigest,
    environment: input.environment ?? null,
    scope: input.scope ?? null,
    artifactType: input.artifactType ?? null,
    triggeredBy: input.triggeredBy ?? null,
    isInteractive: input.isInteractive,
    ciRunUrl: input.ciRunUrl ?? null,
  };
  // the transaction queues for a pooled connection and for the audit chain's lock behind bulk
  // uploads; Prisma's 2 s / 5 s defaults failed events with 500 under the load run (PostgreSQL)
  const id = await withTransaction(
    db,
    async (tx) => {
      const [eventId] = await insertSigningEvents(tx, [
        { ...event, signerId, certificateId, idempotencyKey: key, requestSha256 },
      ]);
      await markGrantsExercised(
        tx,
        exercised.map((g) => g.id),
        signedAt,
      );
      // on the event, not the signer: the signer page shows events on its timeline already
      await recordAudit(tx, {
        actor: options.actor,
        action: "signing-event.recorded",
        targetType: "signing-event",
        targetId: eventId,
        summary: `${signer.name} signed ${input.artifactName}${input.isInteractive ? " interactively" : ""}`,
        details: {
          signerId,
          certificateId,
          environment: event.environment,
          scope: event.scope,
          artifactType: event.artifactType,
          triggeredBy: event.triggeredBy,
          exercisedPrivilegeIds: exercised.map((g) => g.id),
          idempotencyKey: key,
        },
        at: options.now,
      });
      return eventId;
    },
    INGEST_TRANSACTION,
  ).catch(async (error: unknown) => {
    // a concurrent retry with the same key was recorded first: answer as its replay
    const replay =
      key && isUniqueViolation(error) ? await replayOf(db, { signerId, key, requestSha256: requestSha256! }) : null;
    if (replay) return replay;
    throw error;
  });
  if (typeof id !== "string") return id;
  await evaluateFindings(db, {
    now: options.now,
    signerIds: [signerId],
    certificateIds: certificateId ? [certificateId] : [],
  });
  // a re-signing with a new certificate may complete a key-compromise incident's recovery task
  if (certificateId) await evaluateIncidentRecovery(db, { now: options.now, actor: options.actor });
  return {
    id,
    signerId,
    isReplay: false,
    event: { ...event, certificateSha256: input.certificateSha256 ?? null },
    exercisedGrants: exercised.map((g) => ({ id: g.id, scope: g.scope, environment: g.environment })),
    warnings,
  };
}

/** The header is the primary place; eventId in the body is accepted when it says the same. */
function idempotencyKeyOf(input: SigningEventInput, header: string | null | undefined): string | null {
  if (header === null || header === undefined) return input.eventId ?? null;
  const parsed = idempotencyKeySchema.safeParse(header.trim());
  if (!parsed.success) {
    const message = `Idempotency-Key header: ${parsed.error.issues[0].message}`;
    throw new AppError("validation", message, { issues: [{ path: "Idempotency-Key", message }] });
  }
  if (input.eventId !== undefined && input.eventId !== parsed.data) {
    const message = "The Idempotency-Key header and eventId in the body differ; send one key (the header is enough)";
    throw new AppError("validation", message, { issues: [{ path: "eventId", message }] });
  }
  return parsed.data;
}

/** The event already recorded under this key: itself for the same report, a conflict for another. */
async function replayOf(
  db: Db,
  q: { signerId: string; key: string; requestSha256: string },
): Promise<RecordedSigningEvent | null> {
  const e = await findSigningEventByKey(db, q.signerId, q.key);
  if (!e) return null;
  if (e.requestSha256 !== q.requestSha256) {
    throw new AppError(
      "conflict",
      `Idempotency key ${JSON.stringify(q.key)} was already used on ${e.recordedAt.toISOString()} for a different signing event of this signer (${e.artifactName}); a retry must send the same report, a new event needs a new key`,
      { details: { eventId: e.id } },
    );
  }
  return {
    id: e.id,
    signerId: e.signerId,
    isReplay: true,
    event: {
      signedAt: e.signedAt,
      recordedAt: e.recordedAt,
      artifactName: e.artifactName,
      artifactDigest: e.artifactDigest,
      environment: e.environment,
      scope: e.scope,
      artifactType: e.artifactType,
      triggeredBy: e.triggeredBy,
      isInteractive: e.isInteractive,
      ciRunUrl: e.ciRunUrl,
      certificateSha256: e.certificate?.sha256 ?? null,
    },
    exercisedGrants: [],
    warnings: [`A retry: this event was recorded on ${e.recordedAt.toISOString()}; nothing was recorded again`],
  };
}

function signerFor(input: SigningEventInput, token: ApiTokenRecord | null): string {
  if (token?.scopes.includes("signing-events")) {
    if (!token.signerId) throw forbidden("This token is not bound to a signer");
    if (input.signerId && input.signerId !== token.signerId)
      throw forbidden("This API token may report signing events only for its own signer");
    return token.signerId;
  }
  if (!input.signerId)
    throw new AppError("validation", "signerId is required", {
      issues: [{ path: "signerId", message: "signerId is required" }],
    });
  return input.signerId;
}
