import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import {
  countSignerCredentials,
  deleteSignerCredentialRow,
  findCredentialSigner,
  findSignerCredential,
  findSignerCredentialByName,
  insertSignerCredential,
  updateSignerCredentialRow,
} from "@/lib/db/signers/credentials";
import {
  MAX_CREDENTIALS_PER_SIGNER,
  type SignerCredentialCreateInput,
  type SignerCredentialRef,
  type SignerCredentialUpdateInput,
} from "@/lib/domain/signer-credentials";
import { recordAuditBy, type Actor } from "./audit";
import { evaluateFindings } from "./evaluate-findings";

// A signer's credentials (a CI secret, a cloud service-account key, a registry token): add, change,
// remove. What and where each is, never its value (the input schema refuses secrets). Each change
// is audited in its transaction, then the signer's findings are evaluated again so
// signer.credential-expiring and its clock (nextEvaluationAt) follow the new expiries.

type Options = { actor: Actor; now: Date };

const audited = (c: SignerCredentialRef) => ({
  kind: c.kind,
  name: c.name,
  location: c.location,
  expiresAt: c.expiresAt?.toISOString() ?? null,
  lastRotatedAt: c.lastRotatedAt?.toISOString() ?? null,
  isPipeline: c.isPipeline,
});

function nameTaken(name: string) {
  return new AppError("conflict", `The signer already has a credential named "${name}"`, {
    issues: [{ path: "name", message: `Already used on this signer: choose another name` }],
  });
}

export async function addSignerCredential(
  db: Db,
  signerId: string,
  input: SignerCredentialCreateInput,
  options: Options,
): Promise<SignerCredentialRef> {
  const signer = await findCredentialSigner(db, signerId);
  if (!signer) throw notFound("Signer");
  const credential = await withTransaction(db, async (tx) => {
    if ((await countSignerCredentials(tx, signerId)) >= MAX_CREDENTIALS_PER_SIGNER)
      throw new AppError("validation", `A signer has at most ${MAX_CREDENTIALS_PER_SIGNER} credentials`);
    if ((await findSignerCredentialByName(tx, signerId, input.name)) !== null) throw nameTaken(input.name);
    const c = await insertSignerCredential(tx, signerId, input);
    await recordAuditBy(tx, options, {
      action: "signer.credential-added",
      targetType: "signer",
      targetId: signerId,
      summary: `Credential ${c.name} added to signer ${signer.name}`,
      details: { credentialId: c.id, after: audited(c) },
    });
    return c;
  });
  await evaluateFindings(db, { now: options.now, signerIds: [signerId] });
  return credential;
}

export async function updateSignerCredential(
  db: Db,
  ids: { signerId: string; credentialId: string },
  input: SignerCredentialUpdateInput,
  options: Options,
): Promise<{ credential: SignerCredentialRef; changed: string[] }> {
  const signer = await findCredentialSigner(db, ids.signerId);
  const current = signer ? await findSignerCredential(db, ids.signerId, ids.credentialId) : null;
  if (!signer || !current) throw notFound("Credential");
  const next = { ...current, ...definedOnly(input) };
  if (next.expiresAt && next.lastRotatedAt && next.lastRotatedAt > next.expiresAt)
    throw new AppError("validation", "Last rotated after the credential expires: check both dates", {
      issues: [{ path: "lastRotatedAt", message: "Last rotated after the credential expires: check both dates" }],
    });
  const before = audited(current);
  const after = audited(next);
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return { credential: current, changed };
  const credential = await withTransaction(db, async (tx) => {
    if (
      input.name &&
      input.name !== current.name &&
      (await findSignerCredentialByName(tx, ids.signerId, input.name)) !== null
    )
      throw nameTaken(input.name);
    const c = await updateSignerCredentialRow(tx, current.id, definedOnly(input));
    await recordAuditBy(tx, options, {
      action: "signer.credential-updated",
      targetType: "signer",
      targetId: ids.signerId,
      summary: `Credential ${c.name} of signer ${signer.name} changed: ${changed.join(", ")}`,
      details: {
        credentialId: c.id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      },
    });
    return c;
  });
  await evaluateFindings(db, { now: options.now, signerIds: [ids.signerId] });
  return { credential, changed };
}

export async function removeSignerCredential(
  db: Db,
  ids: { signerId: string; credentialId: string },
  options: Options,
): Promise<{ id: string; signerId: string }> {
  const signer = await findCredentialSigner(db, ids.signerId);
  const current = signer ? await findSignerCredential(db, ids.signerId, ids.credentialId) : null;
  if (!signer || !current) throw notFound("Credential");
  await withTransaction(db, async (tx) => {
    await deleteSignerCredentialRow(tx, current.id);
    await recordAuditBy(tx, options, {
      action: "signer.credential-removed",
      targetType: "signer",
      targetId: ids.signerId,
      summary: `Credential ${current.name} removed from signer ${signer.name}`,
      details: { credentialId: current.id, before: audited(current) },
    });
  });
  await evaluateFindings(db, { now: options.now, signerIds: [ids.signerId] });
  return { id: current.id, signerId: ids.signerId };
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
