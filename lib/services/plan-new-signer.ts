import type { SignerRowWrite } from "@/lib/db/signers/signer-admin";
import { formatGrant } from "@/lib/domain/privileges";
import type { RowIssue } from "@/lib/domain/signer-import";
import type { SignerValues } from "@/lib/domain/signer-input";
import { resolveReferences, type FieldNames, type Lookups } from "./signer-references";

// One path from validated signer values to the row that registers them, for the form/API
// (create-signer.ts) and bulk import (import-signers.ts): references resolved to ids, declared
// custody stamped, and the audit details of "signer.created".

export type NewSignerPlan =
  { write: SignerRowWrite; keyIds: string[]; issues: [] } | { write: null; keyIds: []; issues: RowIssue[] };

export function planNewSigner(
  v: SignerValues,
  lookups: Lookups,
  fields: FieldNames,
  options: { id: string; now: Date },
): NewSignerPlan {
  const { resolved, issues } = resolveReferences(v, lookups, fields);
  if (issues.length) return { write: null, keyIds: [], issues };
  const certificates = resolved.certificates ?? [];
  const evidence = v.custody?.evidence?.trim() || null;
  return {
    issues: [],
    keyIds: [...new Set(certificates.map((c) => c.keyId))],
    write: {
      id: options.id,
      name: v.name,
      kind: v.kind,
      platform: v.platform,
      environments: v.environments,
      artifactTypes: v.artifactTypes,
      description: v.description,
      credentialType: v.credentialType,
      credentialExpiresAt: v.credentialExpiresAt,
      custody: v.custody?.type ?? "unknown",
      custodyEvidence: evidence,
      // evidence given now counts as custody attested now
      custodyAttestedAt: evidence ? options.now : null,
      keylessIssuer: v.keyless?.issuer ?? null,
      keylessSubjectPattern: v.keyless?.subjectPattern ?? null,
      primaryOwnerId: resolved.primaryOwnerId ?? null,
      backupOwnerId: resolved.backupOwnerId ?? null,
      teamId: resolved.teamId ?? null,
      createdAt: options.now,
      grants: v.privileges,
      certificateIds: certificates.map((c) => c.id),
    },
  };
}

/** What the "signer.created" audit event records of a new signer. */
export function signerCreatedDetails(w: SignerRowWrite) {
  return {
    kind: w.kind,
    platform: w.platform,
    primaryOwnerId: w.primaryOwnerId,
    backupOwnerId: w.backupOwnerId,
    teamId: w.teamId,
    privileges: w.grants.map(formatGrant),
    certificateIds: w.certificateIds,
    custody: w.custody,
    custodyEvidence: w.custodyEvidence,
    keylessIssuer: w.keylessIssuer,
    keylessSubjectPattern: w.keylessSubjectPattern,
  };
}
