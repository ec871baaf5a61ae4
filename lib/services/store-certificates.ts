import type { Tx } from "@/lib/db/client";
import {
  createCertificate,
  findCertificateBySha256,
  linkIssuerBothWays,
  type ImportSource,
} from "@/lib/db/certificates/certificates";
import { linkCertificateToSigner } from "@/lib/db/signers/signer-admin";
import { upsertSigningKey } from "@/lib/db/keys/keys";
import { pickCertificateFields } from "@/lib/domain/certificate-fields";
import { createIssuerVerifier } from "@/lib/x509/verify";
import type { StoredCertificateFacts } from "@/lib/x509/types";
import { recordAudit, type Actor, type AuditInput } from "./audit";

// Stores parsed certificates inside the caller's transaction. Shared by the importer (one
// transaction per file) and the demo loader (one transaction for the whole dataset).

export type ImportedCertificate = {
  sha256: string;
  subject: string;
  status: "imported" | "already-known";
  /** sha256 of the issuer certificate it was linked to (signature verified) */
  linkedIssuer?: string;
  /** true when the link to the requested signer is new */
  signerLinked?: boolean;
};

export type StoreCertificatesContext = {
  actor: Actor;
  source: ImportSource;
  signerId?: string;
  fileName: string;
  now: Date;
  /** false when the caller records one audit event for a larger change (the demo loader) */
  isAudited?: boolean;
};

/**
 * Stores the certificates of one file inside the caller's transaction: the key by SPKI, the
 * certificate (unless its SHA-256 is known), issuer links both ways, the signer link, and the
 * file's audit event.
 */
export async function storeCertificates(tx: Tx, certificates: StoredCertificateFacts[], ctx: StoreCertificatesContext) {
  const out: ImportedCertificate[] = [];
  const certificateIds: string[] = [];
  const idBySha256 = new Map<string, string>();
  const keyIds = new Set<string>();
  const adoptedIds: string[] = [];
  const isIssuedBy = createIssuerVerifier();
  for (const facts of certificates) {
    const known = await findCertificateBySha256(tx, facts.sha256);
    let id: string;
    const entry: ImportedCertificate = {
      sha256: facts.sha256,
      subject: facts.subject,
      status: known ? "already-known" : "imported",
    };
    if (known) {
      id = known.id;
    } else {
      const { key } = await upsertSigningKey(
        tx,
        { spkiSha256: facts.spkiSha256, algorithm: facts.keyAlgorithm, bits: facts.keyBits, curve: facts.curve },
        { now: ctx.now },
      );
      const cert = pickCertificateFields(facts);
      const created = await createCertificate(tx, cert, { keyId: key.id, importSource: ctx.source, now: ctx.now });
      id = created.id;
      keyIds.add(key.id);
      const links = await linkIssuerBothWays(tx, { id, ...cert }, { isIssuedBy });
      if (links.issuerSha256) entry.linkedIssuer = links.issuerSha256;
      certificateIds.push(id);
      adoptedIds.push(...links.adoptedChildIds);
    }
    idBySha256.set(facts.sha256, id);
    if (ctx.signerId) {
      entry.signerLinked = await linkCertificateToSigner(tx, {
        signerId: ctx.signerId,
        certificateId: id,
        now: ctx.now,
      });
      if (entry.signerLinked && known) {
        certificateIds.push(id);
        keyIds.add(known.keyId);
      }
    }
    out.push(entry);
  }
  const newIds = out.flatMap((c) => (c.status === "imported" ? [idBySha256.get(c.sha256)!] : []));
  const audit = ctx.isAudited === false ? null : auditOfStoredFile(out, newIds, ctx);
  if (audit) await recordAudit(tx, audit);
  return { certificates: out, certificateIds, keyIds: [...keyIds], idBySha256, adoptedIds };
}

/**
 * The audit event for one stored file: what it imported, or which known certificates it linked to
 * the signer; null when the file changed nothing. Shared with the batch path so both audit alike.
 */
export function auditOfStoredFile(
  out: ImportedCertificate[],
  newIds: string[],
  ctx: Pick<StoreCertificatesContext, "actor" | "source" | "signerId" | "fileName" | "now">,
): AuditInput | null {
  const imported = out.filter((c) => c.status === "imported");
  const linked = out.filter((c) => c.signerLinked);
  if (imported.length === 0 && linked.length === 0) return null;
  return {
    actor: ctx.actor,
    action: imported.length > 0 ? "certificate.imported" : "signer.certificate-linked",
    targetType: ctx.signerId ? "signer" : "certificate",
    targetId: ctx.signerId ?? (imported.length === 1 ? newIds[0] : undefined),
    summary:
      imported.length > 0
        ? `Imported ${imported.length} certificate${imported.length === 1 ? "" : "s"} from ${ctx.fileName} (${ctx.source})`
        : `Linked ${linked.length} known certificate${linked.length === 1 ? "" : "s"} from ${ctx.fileName} to a signer`,
    details: {
      fileName: ctx.fileName,
      source: ctx.source,
      signerId: ctx.signerId ?? null,
      certificates: out.map((c) => ({ sha256: c.sha256, status: c.status, signerLinked: c.signerLinked ?? false })),
    },
    at: ctx.now,
  };
}
