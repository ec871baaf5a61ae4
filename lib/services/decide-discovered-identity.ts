import { z } from "@/lib/domain/zod";
import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import {
  decideIdentity,
  findIdentityById,
  identityCertificateSha256,
  openUnregisteredFindingIds,
  type DiscoveredIdentityRef,
} from "@/lib/db/artifacts/discovery";
import { resolveByEngine } from "@/lib/db/findings/lifecycle";
import { linkCertificateToSigner } from "@/lib/db/signers/signer-admin";
import { findSignerById } from "@/lib/db/signers/signers";
import { environmentSchema, signerNameSchema } from "@/lib/domain/signer-input";
import { recordAuditBy, type Actor } from "./audit";
import { createSigner } from "./create-signer";

// The security team decides an entry of the discovery queue (the page's actions): link it to a
// registered signer, create a signer for it in one step (owner and environment), or mark it
// known-external (a vendor's signature, with whose it is). A certificate entry links the
// certificate itself to the signer; a keyless identity is linked on the entry (its certificates
// live ten minutes, the identity is what stays). Either way the entry's signer.unregistered
// finding is resolved in the same transaction.

export const discoveryDecisionSchema = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.literal("link"), identityId: z.string().min(1), signerId: z.string().min(1) }),
  z.strictObject({
    decision: z.literal("create-signer"),
    identityId: z.string().min(1),
    name: signerNameSchema,
    /** person id or email */
    primaryOwner: z.string().trim().min(1, "Choose an owner"),
    environment: environmentSchema,
  }),
  z.strictObject({
    decision: z.literal("known-external"),
    identityId: z.string().min(1),
    note: z.string().trim().min(1, "Say whose signature it is").max(500),
  }),
]);

export type DiscoveryDecision = z.infer<typeof discoveryDecisionSchema>;

export async function decideDiscoveredIdentity(
  db: Db,
  input: DiscoveryDecision,
  options: { actor: Actor; now: Date },
): Promise<{ identityId: string; state: "linked" | "known-external"; signerId: string | null }> {
  const identity = await findIdentityById(db, input.identityId);
  if (!identity) throw notFound("Discovered identity");
  if (identity.state !== "new") {
    throw new AppError("conflict", `This ${identity.kind} was already decided (${identity.state})`);
  }
  let signerId: string | null = null;
  if (input.decision === "link") {
    const signer = await findSignerById(db, input.signerId);
    if (!signer)
      throw new AppError("validation", "No such signer", { issues: [{ path: "signerId", message: "No such signer" }] });
    signerId = signer.id;
  } else if (input.decision === "create-signer") {
    const certificateSha256 = await identityCertificateSha256(db, identity);
    const created = await createSigner(
      db,
      {
        name: input.name,
        kind: "ci-pipeline",
        primaryOwner: input.primaryOwner,
        environments: [input.environment],
        ...(certificateSha256 ? { certificates: [certificateSha256] } : {}),
        // a keyless identity's certificates live ten minutes: the new signer declares the identity
        // itself, so the next scan of its signatures finds the signer instead of a new entry
        ...(identity.kind === "keyless" && identity.keylessIssuer && identity.keylessSubject
          ? { keyless: { issuer: identity.keylessIssuer, subjectPattern: identity.keylessSubject } }
          : {}),
        description: `Created from the discovery queue: ${identity.label}`,
      },
      options,
    );
    signerId = created.id;
  }
  const state = input.decision === "known-external" ? "known-external" : "linked";
  await withTransaction(db, async (tx) => {
    if (signerId && identity.kind === "certificate" && identity.certificateId) {
      await linkCertificateToSigner(tx, { signerId, certificateId: identity.certificateId, now: options.now });
    }
    await decideIdentity(
      tx,
      identity.id,
      { state, signerId, note: input.decision === "known-external" ? input.note : null },
      { now: options.now, decidedById: "id" in options.actor ? options.actor.id : null },
    );
    await resolveByEngine(tx, await openUnregisteredFindingIds(tx, identity), options.now);
    await recordAuditBy(tx, options, {
      action: state === "linked" ? "discovery.linked" : "discovery.known-external",
      targetType: "discovered-identity",
      targetId: identity.id,
      summary: summaryOf(identity, input),
      details: { kind: identity.kind, identityKey: identity.identityKey, decision: input.decision, signerId },
    });
  });
  return { identityId: identity.id, state, signerId };
}

function summaryOf(identity: DiscoveredIdentityRef, input: DiscoveryDecision): string {
  const what = `${identity.kind === "keyless" ? "Keyless identity" : "Certificate"} ${identity.label}`;
  if (input.decision === "known-external") return `${what} marked known-external: ${input.note}`;
  if (input.decision === "create-signer") return `${what} linked to the new signer ${input.name}`;
  return `${what} linked to a signer`;
}
