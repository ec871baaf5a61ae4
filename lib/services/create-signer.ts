import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { existingSignerNames, insertSigners, isUniqueViolation, setKeyCustody } from "@/lib/db/signer-admin";
import { formatGrant } from "@/lib/domain/privileges";
import { withSignerDefaults, type SignerCreateInput } from "@/lib/domain/signer-input";
import { recordAudit, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";
import { loadLookups, resolveReferences } from "./signer-references";

// Registers one signer (UI form or POST /api/v1/signers) with its grants, certificates and key
// custody, audited in the same transaction, then evaluates its findings.

export const API_FIELDS = { primaryOwner: "primaryOwner", backupOwner: "backupOwner", team: "team", certificates: "certificates" };

export async function createSigner(db: Db, input: SignerCreateInput, options: { actor: Actor; now: Date }): Promise<{ id: string; name: string }> {
  const v = withSignerDefaults(input);
  const lookups = await loadLookups(db, [v]);
  const { resolved, issues } = resolveReferences(v, lookups, API_FIELDS);
  if (v.custody && v.certificates.length === 0) {
    issues.push({ field: "custody", message: "Custody is recorded on the keys of the signer's certificates: add a certificate fingerprint" });
  }
  if ((await existingSignerNames(db, [v.name])).size > 0) throw nameTaken(v.name);
  if (issues.length) throw new AppError("validation", `Invalid signer: ${issues[0].field} — ${issues[0].message}`, { issues: issues.map((i) => ({ path: i.field, message: i.message })) });

  const id = randomUUID();
  const certificates = resolved.certificates ?? [];
  const keyIds = [...new Set(certificates.map((c) => c.keyId))];
  await db.$transaction(async (tx) => {
    await insertSigners(tx, [
      {
        id,
        name: v.name,
        kind: v.kind,
        platform: v.platform,
        environments: v.environments,
        artifactTypes: v.artifactTypes,
        description: v.description,
        credentialType: v.credentialType,
        credentialExpiresAt: v.credentialExpiresAt,
        primaryOwnerId: resolved.primaryOwnerId ?? null,
        backupOwnerId: resolved.backupOwnerId ?? null,
        teamId: resolved.teamId ?? null,
        createdAt: options.now,
        grants: v.privileges,
        certificateIds: certificates.map((c) => c.id),
      },
    ]);
    if (v.custody) await setKeyCustody(tx, keyIds, v.custody, options.now);
    await recordAudit(tx, {
      actor: options.actor,
      action: "signer.created",
      targetType: "signer",
      targetId: id,
      summary: `Signer ${v.name} registered`,
      details: {
        kind: v.kind,
        platform: v.platform,
        primaryOwnerId: resolved.primaryOwnerId ?? null,
        backupOwnerId: resolved.backupOwnerId ?? null,
        teamId: resolved.teamId ?? null,
        privileges: v.privileges.map(formatGrant),
        certificateIds: certificates.map((c) => c.id),
        custody: v.custody?.type ?? null,
      },
      at: options.now,
    });
  }).catch((error: unknown) => {
    // registered by someone else between the check and the insert
    throw isUniqueViolation(error) ? nameTaken(v.name) : error;
  });
  await evaluateFindings(db, { now: options.now, signerIds: [id], keyIds, certificateIds: certificates.map((c) => c.id) });
  return { id, name: v.name };
}

function nameTaken(name: string) {
  return new AppError("conflict", `A signer named ${name} already exists`, { issues: [{ path: "name", message: `A signer named ${name} already exists` }] });
}
