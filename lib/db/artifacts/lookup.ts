import type { DbOrTx } from "@/lib/db/client";

// "Who signed this?": one artifact by its SHA-256 with its signatures, the certificates and
// signers behind them, and the signing events pipelines reported for the same digest. Reads
// across aggregates; writes nothing.

export type ArtifactLookup = {
  sha256: string;
  name: string;
  size: number;
  format: string | null;
  outcome: string;
  note: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  signatures: {
    location: string;
    format: string;
    certificate: {
      id: string;
      sha256: string;
      subject: string;
      issuer: string;
      notBefore: Date;
      notAfter: Date;
      revocationStatus: string;
    } | null;
    signers: { id: string; name: string }[];
    discovery: { id: string; state: string; signerId: string | null } | null;
    digestAlgorithm: string | null;
    claimedSigningAt: Date | null;
    timestamp: { kind: string; authority: string | null; at: Date; isVerified: boolean } | null;
    verification: { status: string; reason: string | null };
    keyless: {
      issuer: string;
      subject: string;
      workflow: string | null;
      repository: string | null;
      logIndex: string | null;
      integratedAt: Date | null;
    } | null;
  }[];
  signingEvents: {
    id: string;
    signerId: string;
    signerName: string;
    signedAt: Date;
    environment: string | null;
    artifactName: string;
    ciRunUrl: string | null;
  }[];
};

/** Both spellings pipelines use for a SHA-256 digest. */
export function digestSpellings(sha256: string): string[] {
  return [sha256, `sha256:${sha256}`];
}

export async function findArtifactBySha256(db: DbOrTx, sha256: string): Promise<ArtifactLookup | null> {
  const a = await db.artifact.findUnique({
    where: { sha256 },
    select: {
      sha256: true,
      name: true,
      size: true,
      format: true,
      outcome: true,
      note: true,
      firstSeenAt: true,
      lastSeenAt: true,
      signatures: {
        orderBy: { location: "asc" },
        select: {
          location: true,
          format: true,
          digestAlgorithm: true,
          claimedSigningAt: true,
          timestampKind: true,
          timestampAuthority: true,
          timestampAt: true,
          isTimestampVerified: true,
          verificationStatus: true,
          verificationReason: true,
          keylessIssuer: true,
          keylessSubject: true,
          keylessWorkflow: true,
          keylessRepository: true,
          logIndex: true,
          integratedAt: true,
          discoveredIdentity: { select: { id: true, state: true, signerId: true, signer: { select: { name: true } } } },
          certificate: {
            select: {
              id: true,
              sha256: true,
              subject: true,
              issuer: true,
              notBefore: true,
              notAfter: true,
              revocationStatus: true,
              signers: { select: { signer: { select: { id: true, name: true } } } },
            },
          },
        },
      },
    },
  });
  if (!a) return null;
  const events = await db.signingEvent.findMany({
    where: { artifactDigest: { in: digestSpellings(sha256) } },
    orderBy: { signedAt: "desc" },
    take: 50,
    select: {
      id: true,
      signerId: true,
      signedAt: true,
      environment: true,
      artifactName: true,
      ciRunUrl: true,
      signer: { select: { name: true } },
    },
  });
  return {
    ...a,
    signatures: a.signatures.map((s) => {
      const { signers, ...certificate } = s.certificate ?? { signers: [] };
      const linked = signers.map((x) => x.signer);
      const viaQueue = s.discoveredIdentity?.signerId
        ? [{ id: s.discoveredIdentity.signerId, name: s.discoveredIdentity.signer!.name }]
        : [];
      return {
        location: s.location,
        format: s.format,
        certificate: s.certificate
          ? (certificate as NonNullable<ArtifactLookup["signatures"][number]["certificate"]>)
          : null,
        signers: [...linked, ...viaQueue.filter((v) => !linked.some((l) => l.id === v.id))],
        discovery: s.discoveredIdentity
          ? { id: s.discoveredIdentity.id, state: s.discoveredIdentity.state, signerId: s.discoveredIdentity.signerId }
          : null,
        digestAlgorithm: s.digestAlgorithm,
        claimedSigningAt: s.claimedSigningAt,
        timestamp:
          s.timestampKind && s.timestampAt
            ? {
                kind: s.timestampKind,
                authority: s.timestampAuthority,
                at: s.timestampAt,
                isVerified: s.isTimestampVerified,
              }
            : null,
        verification: { status: s.verificationStatus, reason: s.verificationReason },
        keyless:
          s.keylessIssuer && s.keylessSubject
            ? {
                issuer: s.keylessIssuer,
                subject: s.keylessSubject,
                workflow: s.keylessWorkflow,
                repository: s.keylessRepository,
                logIndex: s.logIndex,
                integratedAt: s.integratedAt,
              }
            : null,
      };
    }),
    signingEvents: events.map(({ signer, ...e }) => ({ ...e, signerName: signer.name })),
  };
}

export type ScannedArtifactSigner = { signerId: string; certificateId: string | null; timestampAt: Date | null };

/**
 * The signer a scanned artifact shows, for the release gate: the first signature whose certificate
 * one signer uses (or whose keyless identity the discovery queue linked to a signer), restricted
 * to `signerRef` (id or name) when the pipeline named one; with its verified timestamp.
 */
export async function scannedArtifactSigner(
  db: DbOrTx,
  digest: string,
  signerRef: string | null,
): Promise<ScannedArtifactSigner | null> {
  const sha256 = digest.replace(/^sha256:/, "");
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const found = await findArtifactBySha256(db, sha256);
  for (const s of found?.signatures ?? []) {
    const candidates = signerRef ? s.signers.filter((x) => x.id === signerRef || x.name === signerRef) : s.signers;
    if (candidates.length !== 1) continue;
    return {
      signerId: candidates[0].id,
      certificateId: s.certificate?.id ?? null,
      timestampAt: s.timestamp?.isVerified ? s.timestamp.at : null,
    };
  }
  return null;
}
