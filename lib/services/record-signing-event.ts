import { AppError, forbidden, notFound } from "@/lib/api/errors";
import type { ApiTokenRecord } from "@/lib/db/api-tokens";
import type { Db } from "@/lib/db/client";
import { resolveCertificates } from "@/lib/db/signer-admin";
import { grantsInForce, insertSigningEvent, markGrantsExercised } from "@/lib/db/signing-activity";
import { grantsExercisedBy } from "@/lib/domain/privileges";
import { signedAtProblem, type SigningEventInput } from "@/lib/domain/signing-event-input";
import { recordAudit, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";

// A pipeline reports that it signed an artifact. A token with scope "signing-events" is bound to
// one signer and may report only for it; "ingest" tokens and analysts name the signer. The event
// moves the signer's lastUsedAt and the matching grants' lastExercisedAt forward (matching rules
// in lib/domain/privileges.ts), then the signer's findings are re-evaluated. Events for suspended
// or decommissioned signers are kept (they are evidence) and answered with a warning.

export async function recordSigningEvent(db: Db, input: SigningEventInput, options: { actor: Actor; now: Date; token: ApiTokenRecord | null }) {
  let signerId: string;
  try {
    signerId = signerFor(input, options.token);
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") {
      await db.$transaction((tx) =>
        recordAudit(tx, { actor: options.actor, action: "api.token-refused", targetType: "signer", targetId: input.signerId, summary: error.message, details: { tokenSignerId: options.token?.signerId ?? null }, at: options.now }),
      );
    }
    throw error;
  }
  const signedAt = new Date(input.signedAt);
  const skew = signedAtProblem(signedAt, options.now);
  if (skew) throw new AppError("validation", skew, { issues: [{ path: "signedAt", message: skew }] });
  const signer = await db.signer.findUnique({ where: { id: signerId }, select: { id: true, name: true, status: true } });
  if (!signer) throw notFound("Signer");
  let certificateId: string | null = null;
  if (input.certificateSha256) {
    const cert = (await resolveCertificates(db, [input.certificateSha256])).get(input.certificateSha256);
    const problem = !cert
      ? "No certificate with this SHA-256 fingerprint in Signet; import it first"
      : !(await db.signerCertificate.findUnique({ where: { signerId_certificateId: { signerId, certificateId: cert.id } }, select: { signerId: true } }))
        ? `The certificate is not one of ${signer.name}'s certificates`
        : null;
    if (problem) throw new AppError("validation", problem, { issues: [{ path: "certificateSha256", message: problem }] });
    certificateId = cert!.id;
  }
  const exercised = grantsExercisedBy(await grantsInForce(db, signerId), input);
  const warnings: string[] = [];
  if (signer.status !== "active") warnings.push(`${signer.name} is ${signer.status}: it should not be signing`);
  if (input.isInteractive) warnings.push("Interactive signing (a person, not the pipeline) is reported as a finding");
  if (input.scope && exercised.length === 0) warnings.push(`No grant of ${signer.name} covers scope ${input.scope}${input.environment ? ` in ${input.environment}` : ""}`);

  const id = await db.$transaction(async (tx) => {
    const eventId = await insertSigningEvent(tx, {
      signerId,
      certificateId,
      signedAt,
      environment: input.environment ?? null,
      artifactName: input.artifactName,
      artifactDigest: input.artifactDigest,
      isInteractive: input.isInteractive,
      ciRunUrl: input.ciRunUrl ?? null,
      scope: input.scope ?? null,
      recordedAt: options.now,
    });
    await markGrantsExercised(tx, exercised.map((g) => g.id), signedAt);
    // on the event, not the signer: the signer page shows events on its timeline already
    await recordAudit(tx, {
      actor: options.actor,
      action: "signing-event.recorded",
      targetType: "signing-event",
      targetId: eventId,
      summary: `${signer.name} signed ${input.artifactName}${input.isInteractive ? " interactively" : ""}`,
      details: { signerId, certificateId, environment: input.environment ?? null, scope: input.scope ?? null, exercisedPrivilegeIds: exercised.map((g) => g.id) },
      at: options.now,
    });
    return eventId;
  });
  await evaluateFindings(db, { now: options.now, signerIds: [signerId], certificateIds: certificateId ? [certificateId] : [] });
  return { id, signerId, exercisedGrants: exercised.map((g) => ({ id: g.id, scope: g.scope, environment: g.environment })), warnings };
}

function signerFor(input: SigningEventInput, token: ApiTokenRecord | null): string {
  if (token?.scope === "signing-events") {
    if (!token.signerId) throw forbidden("This token is not bound to a signer");
    if (input.signerId && input.signerId !== token.signerId) throw forbidden("This API token may report signing events only for its own signer");
    return token.signerId;
  }
  if (!input.signerId) throw new AppError("validation", "signerId is required", { issues: [{ path: "signerId", message: "signerId is required" }] });
  return input.signerId;
}
