import type { DbOrTx } from "@/lib/db/client";

// Scanned artifacts and the signatures found in them: the only writer of Artifact and
// ArtifactSignature. An artifact is its bytes (SHA-256): scanning the same file again moves its
// lastSeenAt and keeps the signatures stored the first time (the same bytes carry the same ones).

export type ArtifactWrite = {
  sha256: string;
  name: string;
  size: number;
  format: string | null;
  outcome: "signed" | "unsigned" | "malformed";
  note: string | null;
  scanSource: string;
};

/** Stores the artifact or marks it seen again; `isNew` tells whether its signatures still need storing. */
export async function upsertArtifact(
  tx: DbOrTx,
  artifact: ArtifactWrite,
  now: Date,
): Promise<{ id: string; isNew: boolean; hasSignatures: boolean }> {
  const known = await tx.artifact.findUnique({
    where: { sha256: artifact.sha256 },
    select: { id: true, _count: { select: { signatures: true } } },
  });
  if (known) {
    await tx.artifact.update({
      where: { id: known.id },
      data: { lastSeenAt: now, outcome: artifact.outcome, format: artifact.format, note: artifact.note },
    });
    return { id: known.id, isNew: false, hasSignatures: known._count.signatures > 0 };
  }
  const row = await tx.artifact.create({
    data: { ...artifact, firstSeenAt: now, lastSeenAt: now },
    select: { id: true },
  });
  return { id: row.id, isNew: true, hasSignatures: false };
}

export type ArtifactSignatureWrite = {
  location: string;
  format: string;
  certificateId: string | null;
  certificateSha256s: string[];
  digestAlgorithm: string | null;
  claimedSigningAt: Date | null;
  timestampKind: string | null;
  timestampAuthority: string | null;
  timestampAt: Date | null;
  isTimestampVerified: boolean;
  verificationStatus: string;
  verificationReason: string | null;
  keylessIssuer: string | null;
  keylessSubject: string | null;
  keylessWorkflow: string | null;
  keylessRepository: string | null;
  logIndex: string | null;
  integratedAt: Date | null;
  discoveredIdentityId: string | null;
};

export async function insertArtifactSignatures(
  tx: DbOrTx,
  artifactId: string,
  signatures: ArtifactSignatureWrite[],
  now: Date,
): Promise<void> {
  if (signatures.length === 0) return;
  await tx.artifactSignature.createMany({
    data: signatures.map(({ certificateSha256s, ...s }) => ({
      ...s,
      artifactId,
      certificatesJson: JSON.stringify(certificateSha256s),
      recordedAt: now,
    })),
  });
}

/** The stored signatures of an artifact, for a repeat scan (the findings are judged again). */
export async function artifactSignatureRows(db: DbOrTx, artifactId: string) {
  return db.artifactSignature.findMany({
    where: { artifactId },
    orderBy: { location: "asc" },
    select: {
      location: true,
      certificateId: true,
      claimedSigningAt: true,
      timestampAt: true,
      isTimestampVerified: true,
      keylessIssuer: true,
      keylessSubject: true,
    },
  });
}
