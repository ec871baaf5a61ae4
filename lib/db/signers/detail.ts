import type { DbOrTx } from "@/lib/db/client";
import { signerScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { loadExpiryBands } from "@/lib/db/certificates/status";
import { keySelect } from "@/lib/db/keys/keys";
import { privilegeSelect, signerColumnsSelect } from "./signer-admin";
import { withPipelineExpiry } from "./credentials";
import { personRefSelect } from "@/lib/db/people/people";

// Everything the signer page shows, owner-scoped: a signer the user may not see does not exist
// for them (null → 404, so owners cannot probe other signers' ids).

const person = { select: { ...personRefSelect, deactivatedAt: true } } as const;

export async function findVisibleSigner(db: DbOrTx, user: ScopeUser, id: string) {
  const s = await db.signer.findFirst({
    where: { AND: [{ id }, signerScopeWhere(user)] },
    select: {
      ...signerColumnsSelect,
      statusChangedAt: true,
      lastUsedAt: true,
      createdAt: true,
      updatedAt: true,
      primaryOwner: person,
      backupOwner: person,
      team: { select: { id: true, name: true, email: true } },
      privileges: {
        orderBy: [{ removedAt: "asc" }, { scope: "asc" }],
        select: privilegeSelect,
      },
      certificates: {
        orderBy: { certificate: { notAfter: "desc" } },
        select: {
          addedAt: true,
          certificate: {
            select: {
              id: true,
              sha256: true,
              subjectCn: true,
              subject: true,
              issuerCn: true,
              notBefore: true,
              notAfter: true,
              isSelfSigned: true,
              isCA: true,
              supersededAt: true,
              isKeyless: true,
              supersededById: true,
              revocationStatus: true,
              revokedAt: true,
              revocationReason: true,
              revocationCheckedAt: true,
              key: { select: keySelect },
            },
          },
        },
      },
    },
  });
  if (!s) return null;
  const { environmentsJson, artifactTypesJson, certificates, ...rest } = s;
  const certs = certificates.map((c) => ({ ...c.certificate, addedAt: c.addedAt }));
  const keys = new Map<string, (typeof certs)[number]["key"] & { certificates: { notBefore: Date }[] }>();
  for (const c of certs) {
    const k = keys.get(c.key.id) ?? { ...c.key, certificates: [] };
    k.certificates.push({ notBefore: c.notBefore });
    keys.set(c.key.id, k);
  }
  return {
    ...withPipelineExpiry(rest),
    environments: JSON.parse(environmentsJson) as string[],
    artifactTypes: JSON.parse(artifactTypesJson) as string[],
    certificates: certs,
    keys: [...keys.values()],
    // what "expiring" means for the certificate badges (lib/domain/certificate-status.ts)
    expiryBands: await loadExpiryBands(db),
  };
}

export type SignerDetail = NonNullable<Awaited<ReturnType<typeof findVisibleSigner>>>;

/** Open findings about the signer, its certificates and its keys, most severe first. */
export async function signerFindings(db: DbOrTx, signer: { id: string; certificateIds: string[]; keyIds: string[] }) {
  return db.finding.findMany({
    where: {
      resolvedAt: null,
      OR: [{ signerId: signer.id }, { certificateId: { in: signer.certificateIds } }, { keyId: { in: signer.keyIds } }],
    },
    orderBy: [{ severityRank: "desc" }, { firstSeenAt: "asc" }],
    take: 200,
    select: {
      id: true,
      ruleId: true,
      severity: true,
      subjectType: true,
      subjectId: true,
      message: true,
      evidenceJson: true,
      threshold: true,
      firstSeenAt: true,
      lastSeenAt: true,
      state: true,
      triageReason: true,
      acceptedUntil: true,
    },
  });
}

export async function signerAttestations(db: DbOrTx, signerId: string) {
  return db.attestation.findMany({
    where: { signerId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      status: true,
      submittedAt: true,
      createdAt: true,
      escalatedAt: true,
      reminderCount: true,
      campaign: { select: { id: true, name: true, dueAt: true, status: true } },
      assignee: { select: { id: true, name: true } },
      answers: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { isStillNeeded: true, isCustodyConfirmed: true, comment: true, createdAt: true },
      },
    },
  });
}

export async function signerAuditTrail(db: DbOrTx, signerId: string, options: { take: number }) {
  return db.auditEvent.findMany({
    where: { targetType: "signer", targetId: signerId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: options.take,
    select: { id: true, at: true, actorLabel: true, action: true, summary: true },
  });
}

export async function isSignerVisible(db: DbOrTx, user: ScopeUser, id: string): Promise<boolean> {
  return (await db.signer.count({ where: { AND: [{ id }, signerScopeWhere(user)] } })) > 0;
}
