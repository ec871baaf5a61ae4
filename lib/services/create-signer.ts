import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { existingSignerNames, insertSigners } from "@/lib/db/signers/signer-admin";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { withSignerDefaults, type SignerCreateInput } from "@/lib/domain/signer-input";
import { recordAuditBy, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";
import { planNewSigner, signerCreatedDetails } from "./plan-new-signer";
import { loadLookups, type FieldNames } from "./signer-references";

// Registers one signer (UI form or POST /api/v1/signers) with its grants, certificates and
// declared key custody, audited in the same transaction, then evaluates its findings.

export const API_FIELDS: FieldNames = {
  primaryOwner: "primaryOwner",
  backupOwner: "backupOwner",
  team: "team",
  certificates: "certificates",
};

export async function createSigner(
  db: Db,
  input: SignerCreateInput,
  options: { actor: Actor; now: Date },
): Promise<{ id: string; name: string }> {
  const v = withSignerDefaults(input);
  const plan = planNewSigner(v, await loadLookups(db, [v]), API_FIELDS, { id: randomUUID(), now: options.now });
  if ((await existingSignerNames(db, [v.name])).size > 0) throw nameTaken(v.name);
  if (!plan.write) {
    const [first] = plan.issues;
    throw new AppError("validation", `Invalid signer: ${first.field} — ${first.message}`, {
      issues: plan.issues.map((i) => ({ path: i.field, message: i.message })),
    });
  }
  const row = plan.write;
  await withTransaction(db, async (tx) => {
    await insertSigners(tx, [row]);
    await recordAuditBy(tx, options, {
      action: "signer.created",
      targetType: "signer",
      targetId: row.id,
      summary: `Signer ${v.name} registered`,
      details: signerCreatedDetails(row),
    });
  }).catch((error: unknown) => {
    // registered by someone else between the check and the insert
    throw isUniqueViolation(error) ? nameTaken(v.name) : error;
  });
  await evaluateFindings(db, {
    now: options.now,
    signerIds: [row.id],
    keyIds: plan.keyIds,
    certificateIds: row.certificateIds,
  });
  return { id: row.id, name: v.name };
}

function nameTaken(name: string) {
  return new AppError("conflict", `A signer named ${name} already exists`, {
    issues: [{ path: "name", message: `A signer named ${name} already exists` }],
  });
}
