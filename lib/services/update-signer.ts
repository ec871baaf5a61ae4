import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import {
  linkCertificates,
  loadSignerState,
  replaceGrants,
  unlinkCertificates,
  updateSignerRow,
  type SignerFieldsWrite,
  type SignerState,
} from "@/lib/db/signers/signer-admin";
import { formatGrant } from "@/lib/domain/privileges";
import type { SignerUpdateInput } from "@/lib/domain/signer-input";
import { recordAuditBy, type Actor } from "./audit";
import { API_FIELDS } from "./create-signer";
import { evaluateFindings } from "./evaluate-findings";
import { loadLookups, resolveReferences } from "./signer-references";

// Edits a signer (PATCH semantics: fields not given stay as they are). `privileges` and
// `certificates` are the complete new lists. Removed grants keep their row with removedAt, so
// the history of what a signer could do stays visible. Audited with before/after values.

const OWNERSHIP = ["primaryOwnerId", "backupOwnerId", "teamId"] as const;

export async function updateSigner(
  db: Db,
  id: string,
  input: SignerUpdateInput,
  options: { actor: Actor; now: Date },
): Promise<{ id: string; changed: string[] }> {
  const state = await loadSignerState(db, id);
  if (!state) throw notFound("Signer");
  // an owner who is already recorded stays acceptable (even after leaving): only new choices must be active
  input = { ...input };
  if (input.primaryOwner && input.primaryOwner === state.primaryOwnerId) delete input.primaryOwner;
  if (input.backupOwner && input.backupOwner === state.backupOwnerId) delete input.backupOwner;
  const lookups = await loadLookups(db, [input]);
  const { resolved, issues } = resolveReferences(input, lookups, API_FIELDS);
  const nextCredentialType = input.credentialType ?? state.credentialType;
  const nextExpiry = input.credentialExpiresAt !== undefined ? input.credentialExpiresAt : state.credentialExpiresAt;
  if (nextExpiry && (nextCredentialType === "none" || nextCredentialType === "oidc")) {
    issues.push({
      field: "credentialExpiresAt",
      message: `A ${nextCredentialType} credential has no expiry to record`,
    });
  }
  const primary = resolved.primaryOwnerId !== undefined ? resolved.primaryOwnerId : state.primaryOwnerId;
  const backup = resolved.backupOwnerId !== undefined ? resolved.backupOwnerId : state.backupOwnerId;
  if (primary && primary === backup)
    issues.push({ field: "backupOwner", message: "The backup owner must be someone other than the primary owner" });
  const wantedCerts = resolved.certificates;
  const certIds = wantedCerts ? wantedCerts.map((c) => c.id) : state.certificateIds;
  if (issues.length)
    throw new AppError("validation", `Invalid change: ${issues[0].field} — ${issues[0].message}`, {
      issues: issues.map((i) => ({ path: i.field, message: i.message })),
    });

  const fields: SignerFieldsWrite = {
    name: input.name,
    kind: input.kind,
    platform: input.platform,
    environments: input.environments ? [...new Set(input.environments)] : undefined,
    artifactTypes: input.artifactTypes ? [...new Set(input.artifactTypes)] : undefined,
    description: input.description === undefined ? undefined : input.description || null,
    credentialType: input.credentialType,
    credentialExpiresAt:
      nextCredentialType === "none" || nextCredentialType === "oidc" ? null : input.credentialExpiresAt,
    primaryOwnerId: resolved.primaryOwnerId,
    backupOwnerId: resolved.backupOwnerId,
    teamId: resolved.teamId,
    ...custodyChange(state, input.custody, options.now),
    ...(input.keyless === undefined
      ? {}
      : {
          keylessIssuer: input.keyless?.issuer ?? null,
          keylessSubjectPattern: input.keyless?.subjectPattern ?? null,
        }),
  };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(fields) as [keyof SignerFieldsWrite, unknown][]) {
    if (value === undefined) continue;
    const old = state[k];
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    before[k] = old;
    after[k] = value;
  }

  const changedKeyIds = new Set(state.keyIds);
  let grantChange: { added: string[]; removed: string[]; restored: string[] } | null = null;
  await withTransaction(db, async (tx) => {
    await updateSignerRow(
      tx,
      id,
      Object.fromEntries(Object.keys(after).map((k) => [k, fields[k as keyof SignerFieldsWrite]])),
    );
    if (input.privileges) {
      const d = await replaceGrants(tx, id, state.grants, input.privileges, options.now);
      if (d.add.length + d.remove.length + d.restore.length > 0) {
        grantChange = {
          added: d.add.map(formatGrant),
          removed: d.remove.map(formatGrant),
          restored: d.restore.map(formatGrant),
        };
      }
    }
    if (wantedCerts) {
      const current = new Set(state.certificateIds);
      const wanted = new Set(wantedCerts.map((c) => c.id));
      const add = [...wanted].filter((c) => !current.has(c));
      const remove = [...current].filter((c) => !wanted.has(c));
      await unlinkCertificates(tx, id, remove);
      await linkCertificates(tx, id, add, options.now);
      if (add.length || remove.length) {
        before.certificateIds = state.certificateIds;
        after.certificateIds = [...wanted];
      }
      for (const c of wantedCerts) changedKeyIds.add(c.keyId);
    }
    if (grantChange) after.privileges = grantChange;
    const changed = Object.keys(after);
    if (changed.length === 0) return;
    const isOwnership = OWNERSHIP.some((k) => k in after);
    await recordAuditBy(tx, options, {
      action: isOwnership ? "signer.ownership-changed" : "signer.updated",
      targetType: "signer",
      targetId: id,
      summary: `Signer ${input.name ?? state.name} changed: ${changed.join(", ")}`,
      details: { before, after },
    });
  });
  const changed = Object.keys(after);
  if (changed.length)
    await evaluateFindings(db, {
      now: options.now,
      signerIds: [id],
      keyIds: [...changedKeyIds],
      certificateIds: [...new Set([...state.certificateIds, ...certIds])],
    });
  return { id, changed };
}

/**
 * The declared-custody columns to write: none when the declaration (type and evidence) is what is
 * recorded already, so re-saving the form changes nothing. New evidence counts as attested now;
 * null (or "unknown") withdraws the declaration.
 */
function custodyChange(state: SignerState, custody: SignerUpdateInput["custody"], now: Date): SignerFieldsWrite {
  if (custody === undefined) return {};
  const type = custody?.type ?? "unknown";
  const evidence = custody?.evidence?.trim() || null;
  if (type === state.custody && evidence === state.custodyEvidence) return {};
  return { custody: type, custodyEvidence: evidence, custodyAttestedAt: evidence ? now : null };
}
