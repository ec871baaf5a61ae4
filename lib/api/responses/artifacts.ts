import { z } from "@/lib/domain/zod";
import { countsOf, isoDate, isoDateOrNull, pageOf } from "./common";

// Answers of the artifact routes: a recorded scan (POST /api/v1/scans) and "who signed this?"
// (GET /api/v1/artifacts/{sha256}).

const verification = z.looseObject({
  status: z.enum(["verified", "failed", "not-checked"]),
  reason: z.string().nullable().optional(),
});
const signerRef = z.looseObject({ id: z.string(), name: z.string() });

export const scanResult = z
  .looseObject({
    batchId: z.string(),
    files: z.array(
      z.looseObject({
        name: z.string(),
        sha256: z.string(),
        size: z.number().int(),
        outcome: z.enum(["signed", "unsigned", "malformed", "failed"]),
        format: z.string().nullable(),
        reason: z.string().nullable(),
        isAlreadyKnown: z.boolean(),
        signatures: z.array(
          z.looseObject({
            location: z.string(),
            format: z.string(),
            signerCertificateSha256: z.string().nullable(),
            signer: signerRef.nullable(),
            discovery: z.looseObject({ id: z.string(), state: z.string(), isNew: z.boolean() }).nullable(),
            verification,
            timestampAt: isoDateOrNull,
            findings: z.array(z.string()),
          }),
        ),
      }),
    ),
    summary: z.looseObject(countsOf("signed", "unsigned", "malformed", "failed", "signatures", "discovered")),
    unsigned: z.array(z.looseObject({ name: z.string(), sha256: z.string() })),
  })
  .meta({ id: "ScanResult" });

export const artifactLookup = z
  .looseObject({
    sha256: z.string(),
    name: z.string(),
    size: z.number().int(),
    format: z.string().nullable(),
    outcome: z.string(),
    note: z.string().nullable(),
    firstSeenAt: isoDate,
    lastSeenAt: isoDate,
    signatures: z.array(
      z.looseObject({
        location: z.string(),
        format: z.string(),
        certificate: z
          .looseObject({
            id: z.string(),
            sha256: z.string(),
            subject: z.string(),
            issuer: z.string(),
            notBefore: isoDate,
            notAfter: isoDate,
            revocationStatus: z.string(),
          })
          .nullable(),
        signers: z.array(signerRef),
        discovery: z.looseObject({ id: z.string(), state: z.string() }).nullable(),
        claimedSigningAt: isoDateOrNull,
        timestamp: z
          .looseObject({ kind: z.string(), authority: z.string().nullable(), at: isoDate, isVerified: z.boolean() })
          .nullable(),
        verification,
        keyless: z.looseObject({ issuer: z.string(), subject: z.string() }).nullable(),
      }),
    ),
    signingEvents: z.array(
      z.looseObject({ id: z.string(), signerId: z.string(), signerName: z.string(), signedAt: isoDate }),
    ),
  })
  .meta({ id: "ArtifactLookup" });

const scanBatchRow = z
  .looseObject({
    id: z.string(),
    actorLabel: z.string(),
    source: z.string(),
    startedAt: isoDate,
    finishedAt: isoDateOrNull,
    ...countsOf("totalFiles", "signedFiles", "unsignedFiles", "malformedFiles", "failedFiles", "signatureCount"),
  })
  .meta({ id: "ScanBatch" });
export const scanBatchPage = pageOf(scanBatchRow, "ScanBatchPage");

// ---------------------------------------------------------------- discovery queue

const discoveryCounts = z
  .looseObject(countsOf("new", "linked", "known-external"))
  .meta({ description: "entries in each state, across every page" });
const discoveredIdentity = z
  .looseObject({
    id: z.string(),
    kind: z.enum(["certificate", "keyless"]),
    label: z.string(),
    state: z.enum(["new", "linked", "known-external"]),
    signerId: z.string().nullable(),
    signerName: z.string().nullable(),
    note: z.string().nullable(),
    keylessIssuer: z.string().nullable(),
    keylessSubject: z.string().nullable(),
    firstSeenAt: isoDate,
    lastSeenAt: isoDate,
    signatureCount: z.number().int(),
    certificate: z
      .looseObject({
        sha256: z.string(),
        subject: z.string(),
        issuer: z.string(),
        notAfter: isoDate,
        isCA: z.boolean(),
      })
      .nullable(),
    latestArtifact: z.looseObject({ sha256: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: "DiscoveredIdentity" });
export const discoveryPage = pageOf(discoveredIdentity, "DiscoveryPage").extend({
  state: z.enum(["new", "linked", "known-external"]),
  counts: discoveryCounts,
});
