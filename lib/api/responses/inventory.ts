import { z } from "@/lib/domain/zod";
import { CERTIFICATE_STATUSES } from "@/lib/domain/certificate-status";
import { FINDING_LIFECYCLE_STATES } from "@/lib/domain/finding-lifecycle";
import { countsOf, idName, isoDate, isoDateOrNull, pageOf, personRef, withId } from "./common";

// Response schemas of the inventory reads and writes: certificates, signers, keys, findings,
// owners, people, teams, signing events, the overview and the audit log.

const ownerRef = z.looseObject({ id: z.string(), name: z.string(), isActive: z.boolean() }).nullable();

// ---------------------------------------------------------------- certificates

/** The fields a certificate has in the list and in its detail alike. */
const certificateFields = {
  id: z.string(),
  sha256: z.string(),
  subject: z.string(),
  subjectCn: z.string().nullable(),
  issuerCn: z.string().nullable(),
  serialHex: z.string(),
  notBefore: isoDate,
  notAfter: isoDate,
  keyAlgorithm: z.string(),
  keyBits: z.number().int().nullable(),
  curve: z.string().nullable(),
  isCA: z.boolean(),
  importedAt: isoDate,
};

/** A row of the certificates list (the page's read model, GET /api/v1/certificates). */
export const certificateListItem = z
  .looseObject({
    ...certificateFields,
    state: z.enum(CERTIFICATE_STATUSES),
    isRevocationUnknown: z.boolean(),
    supersededById: z.string().nullable(),
    revocationStatus: z.string(),
    keyId: z.string(),
    custody: z.string(),
    signers: z.array(idName),
  })
  .meta({ id: "CertificateListItem" });
export const certificatePage = pageOf(certificateListItem, "CertificatePage");

const findingRow = z
  .looseObject({
    id: z.string(),
    ruleId: z.string(),
    title: z.string(),
    nhi: z.string().nullable(),
    severity: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    subjectLabel: z.string(),
    certificateId: z.string().nullable(),
    keyId: z.string().nullable(),
    signerId: z.string().nullable(),
    message: z.string(),
    threshold: z.string().nullable(),
    firstSeenAt: isoDate,
    lastSeenAt: isoDate,
    state: z.enum(FINDING_LIFECYCLE_STATES),
    acceptedUntil: z.string().nullable(),
    triageReason: z.string().nullable(),
  })
  .meta({ id: "Finding" });

const timelineEntry = z
  .looseObject({
    id: z.string(),
    action: z.string(),
    fromState: z.string(),
    toState: z.string(),
    reason: z.string().nullable(),
    until: z.string().nullable(),
    actorType: z.string(),
    actorLabel: z.string().nullable(),
    at: isoDate,
  })
  .meta({ id: "FindingTimelineEntry" });

const auditRow = z
  .looseObject({
    id: z.string(),
    at: isoDate,
    actorType: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    summary: z.string(),
    ip: z.string().nullable(),
  })
  .meta({ id: "AuditEvent" });

const keyIdentity = {
  id: z.string(),
  spkiSha256: z.string(),
  algorithm: z.string(),
  bits: z.number().int().nullable(),
  curve: z.string().nullable(),
  custody: z.string(),
};

export const certificateDetail = z
  .looseObject({
    ...certificateFields,
    issuer: z.string(),
    importSource: z.string(),
    sha1: z.string(),
    validityDays: z.number(),
    state: z.enum(CERTIFICATE_STATUSES),
    isRevocationUnknown: z.boolean(),
    supersededBy: z.looseObject({ id: z.string(), subjectCn: z.string().nullable(), notBefore: isoDate }).nullable(),
    signatureAlgorithm: z.string(),
    isSelfSigned: z.boolean(),
    revocation: z.looseObject({
      status: z.string(),
      reason: z.string().nullable(),
      revokedAt: isoDateOrNull,
      checkedAt: isoDateOrNull,
      source: z.string().nullable(),
      thisUpdate: isoDateOrNull,
      nextUpdate: isoDateOrNull,
      error: z.string().nullable(),
    }),
    key: z.looseObject({ ...keyIdentity, rotationAgeDays: z.number(), certificateCount: z.number().int() }),
    chain: z.array(z.looseObject({})),
    isChainComplete: z.boolean(),
    issuedCount: z.number().int(),
    signers: z.array(
      z.looseObject({ id: z.string(), name: z.string(), status: z.string(), platform: z.string(), addedAt: isoDate }),
    ),
    findings: z.array(findingRow),
    history: z.array(auditRow),
  })
  .meta({ id: "CertificateDetail" });

const fileImportStatuses = ["imported", "already-known", "failed", "refused-private-key"] as const;
export const importResult = z
  .looseObject({
    files: z.array(
      z.looseObject({
        file: z.string(),
        status: z.enum(fileImportStatuses),
        certificates: z.array(z.looseObject({ sha256: z.string(), status: z.string() })),
        error: z.string().optional(),
      }),
    ),
    summary: z.looseObject(countsOf(...fileImportStatuses, "certificatesImported", "certificatesAlreadyKnown")),
  })
  .meta({ id: "CertificateImportResult" });

// ---------------------------------------------------------------- revocation

const revocationState = {
  revocationStatus: z.enum(["good", "revoked", "unknown", "unchecked"]),
  revocationReason: z.string().nullable(),
  revokedAt: isoDateOrNull,
  revocationCheckedAt: isoDateOrNull,
  revocationSource: z.enum(["ocsp", "crl", "recorded"]).nullable(),
  revocationThisUpdate: isoDateOrNull,
  revocationNextUpdate: isoDateOrNull,
  revocationError: z.string().nullable(),
};
const revocationRequest = z
  .looseObject({
    id: z.string(),
    certificateId: z.string(),
    kind: z.string(),
    reason: z.string(),
    requestedAt: isoDate,
    deadlineAt: isoDate,
    status: z.string(),
    confirmedAt: isoDateOrNull,
    note: z.string().nullable(),
    createdAt: isoDate,
    deadline: z.enum(["met", "open", "overdue"]),
  })
  .meta({ id: "RevocationRequest" });
export const certificateRevocation = z
  .looseObject({ certificateId: z.string(), ...revocationState, requests: z.array(revocationRequest) })
  .meta({ id: "CertificateRevocation" });
export const recordedRevocation = z.looseObject({ request: revocationRequest });

const certificateRef = z.looseObject({ id: z.string(), subject: z.string(), subjectCn: z.string().nullable() });
const revocationListRow = z.union([
  z
    .looseObject({
      id: z.string(),
      kind: z.string(),
      reason: z.string(),
      status: z.string(),
      requestedAt: isoDate,
      deadlineAt: isoDate,
      confirmedAt: isoDateOrNull,
      note: z.string().nullable(),
      certificate: certificateRef.extend({ serialHex: z.string() }),
    })
    .meta({ id: "RevocationQueueRequest", description: "view=requests" }),
  certificateRef
    .extend({
      revocationStatus: z.string(),
      revocationCheckedAt: isoDateOrNull,
      revocationError: z.string().nullable(),
      notAfter: isoDate,
    })
    .meta({ id: "FailedRevocationCheck", description: "view=failed" }),
]);
export const revocationPage = pageOf(revocationListRow, "RevocationPage").extend({
  view: z.enum(["requests", "failed"]),
  requests: z.looseObject({
    total: z.number().int().meta({ description: "open requests, and those confirmed in the last 30 days" }),
    overdue: z.number().int().meta({ description: "open requests past their deadline" }),
  }),
  lastChecks: z
    .looseObject(countsOf("total", "answered", "unchecked", "failed"))
    .meta({ description: "unexpired certificates by the outcome of their last revocation check" }),
});

const revocationCheckSummary = z
  .looseObject({
    ...countsOf("checked", "good", "revoked", "unknown", "errors", "noRevocationInfo", "confirmedRequests"),
    durationMs: z.number(),
  })
  .meta({ id: "RevocationCheckSummary" });
export const revocationCheck = z.looseObject({ summary: revocationCheckSummary });
export const certificateRevocationCheck = z.looseObject({
  summary: revocationCheckSummary,
  revocation: z.looseObject(revocationState).nullable(),
});

const impactEvent = z.looseObject({ id: z.string(), signedAt: isoDate });
export const revocationImpact = z
  .looseObject({
    certificateId: z.string(),
    revocationDate: isoDate,
    invalidated: z.array(impactEvent),
    remainValid: z.array(impactEvent),
    affectedSigners: z.array(z.looseObject({ id: z.string(), name: z.string(), invalidatedCount: z.number().int() })),
    certificate: z.looseObject({ id: z.string(), subject: z.string(), serialHex: z.string() }),
  })
  .meta({ id: "RevocationImpact" });

// ---------------------------------------------------------------- signers

/** The fields a signer has in the list and in its detail alike. */
const signerFields = {
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  platform: z.string(),
  status: z.string(),
  environments: z.array(z.string()),
  credentialType: z.string(),
};

/** One of a signer's credentials: what and where it is and when it expires, never its value. */
export const signerCredential = z
  .looseObject({
    id: z.string(),
    kind: z.string(),
    name: z.string(),
    location: z.string().nullable(),
    expiresAt: isoDateOrNull,
    lastRotatedAt: isoDateOrNull,
    // the one the pipeline reaches the signing service with (the legacy credentialExpiresAt field)
    isPipeline: z.boolean(),
  })
  .meta({ id: "SignerCredential" });
export const signerCredentialList = z.looseObject({ credentials: z.array(signerCredential) });
export const signerCredentialUpdated = z.looseObject({ credential: signerCredential, changed: z.array(z.string()) });
export const signerCredentialRemoved = z.looseObject({ id: z.string(), signerId: z.string() });

export const signerListRow = z
  .looseObject({
    ...signerFields,
    primaryOwner: personRef.nullable(),
    backupOwner: personRef.nullable(),
    team: idName.nullable(),
    certificateCount: z.number().int(),
    openFindings: z.number().int(),
    worstSeverity: z.string().nullable(),
    lastUsedAt: isoDateOrNull,
    credentials: z.array(signerCredential),
  })
  .meta({ id: "SignerListRow" });
export const signerPage = pageOf(signerListRow, "SignerPage");

export const signerDetail = z
  .looseObject({
    ...signerFields,
    artifactTypes: z.array(z.string()),
    // the pipeline credential's expiry (kept for clients written before several credentials)
    credentialExpiresAt: isoDateOrNull,
    credentials: z.array(signerCredential),
    custody: z.string(),
    // the Sigstore keyless identity the signer signs as (OIDC issuer + subject pattern), or null
    keylessIssuer: z.string().nullable(),
    keylessSubjectPattern: z.string().nullable(),
    certificates: z.array(z.looseObject({ id: z.string() })),
    keys: z.array(z.looseObject({ id: z.string() })),
  })
  .meta({ id: "SignerDetail" });
export const signerCreated = z.looseObject({ id: z.string(), name: z.string() }).meta({ id: "SignerCreated" });
export const signerUpdated = z.looseObject({ id: z.string(), changed: z.array(z.string()) });
export const signerStatusChanged = withId("SignerStatusChange");
export const reassignResult = z.looseObject({}).meta({ id: "ReassignResult" });
export const signerImportResult = z
  .looseObject({
    isDryRun: z.boolean(),
    summary: z.looseObject(countsOf("rows", "created", "errors")),
    rows: z.array(z.looseObject({})),
  })
  .meta({ id: "SignerImportResult" });

// ---------------------------------------------------------------- signing events

export const recordedSigningEvent = z
  .looseObject({
    id: z.string(),
    signerId: z.string(),
    isReplay: z.boolean(),
    event: z.looseObject({
      signedAt: isoDate,
      recordedAt: isoDate,
      artifactName: z.string(),
      artifactType: z.string().nullable(),
      triggeredBy: z.string().nullable(),
    }),
    exercisedGrants: z.array(z.looseObject({ id: z.string(), scope: z.string(), environment: z.string() })),
    warnings: z.array(z.string()),
  })
  .meta({ id: "RecordedSigningEvent" });
export const signingEventPage = z.looseObject({ rows: z.array(z.looseObject({ id: z.string() })) });

// ---------------------------------------------------------------- keys

const keyListRow = z
  .looseObject({
    ...keyIdentity,
    firstSeenAt: isoDate,
    rotationAgeDays: z.number(),
    isRotationOverdue: z.boolean(),
    isRetired: z.boolean(),
    certificateCount: z.number().int(),
    latestNotAfter: isoDateOrNull,
  })
  .meta({ id: "KeyListRow" });
export const keyPage = pageOf(keyListRow, "KeyPage");
export const keyDetail = keyListRow
  .extend({
    certificates: z.array(z.looseObject({ id: z.string(), notAfter: isoDate, signers: z.array(idName) })),
    findings: z.array(findingRow),
    history: z.array(auditRow),
  })
  .meta({ id: "KeyDetail" });

// ---------------------------------------------------------------- findings

export const findingPage = pageOf(findingRow, "FindingPage");
export const findingDetail = findingRow
  .extend({
    evidence: z.record(z.string(), z.unknown()),
    resolvedAt: isoDateOrNull,
    timeline: z.array(timelineEntry),
  })
  .meta({ id: "FindingDetail" });
const triagedFinding = findingRow
  .pick({ id: true, state: true, acceptedUntil: true, triageReason: true })
  .meta({ id: "TriagedFinding" });
export const findingTransition = triagedFinding;
export const bulkFindingTransition = z
  .looseObject({
    changed: z.array(triagedFinding),
    skipped: z.array(z.looseObject({ id: z.string(), message: z.string() })),
  })
  .meta({ id: "BulkFindingTransition" });

// ---------------------------------------------------------------- owners, people, teams

/** A person as every people read names them (lib/db/people's personRefSelect). */
const personRefFields = { id: z.string(), name: z.string(), email: z.string(), isActive: z.boolean() };

const ownerRow = z
  .union([
    z.looseObject({ kind: z.literal("person"), ...personRefFields }),
    z.looseObject({ kind: z.literal("team"), id: z.string(), name: z.string(), email: z.string().nullable() }),
  ])
  .meta({ id: "OwnerRow" });
export const ownerPage = pageOf(ownerRow, "OwnerPage");

const personListRow = z
  .looseObject({ ...personRefFields, deactivatedAt: isoDateOrNull, team: idName.nullable() })
  .meta({ id: "Person" });
export const personPage = pageOf(personListRow, "PersonPage");
export const personDetail = personListRow
  .extend({
    /** the accounts they run pipelines as (GitHub login, GitLab username…), lower-case */
    ciHandles: z.array(z.string()),
    signers: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        roles: z.array(z.enum(["primary", "backup"])),
        primaryOwner: ownerRef,
        backupOwner: ownerRef,
        team: idName.nullable(),
      }),
    ),
  })
  .meta({ id: "PersonDetail" });
export const personChanged = z.looseObject({}).meta({ id: "PersonChange" });
export const personCiAccountsOrTeam = z
  .looseObject({
    ciHandles: z.array(z.string()).optional(),
    team: z.looseObject({ id: z.string(), name: z.string() }).nullable().optional(),
  })
  .meta({ id: "PersonCiAccountsOrTeam" });
export const teamList = z.looseObject({ rows: z.array(z.looseObject({ id: z.string(), name: z.string() })) });
export const teamCreated = withId("Team");
export const personCreated = withId("PersonCreated");

// ---------------------------------------------------------------- overview, audit

const tile = z.looseObject({ count: z.number().int(), href: z.string() });
export const overview = z
  .looseObject({
    generatedAt: isoDate,
    signers: z.looseObject({ total: tile, active: tile, orphaned: tile }),
    certificates: z.looseObject(
      Object.fromEntries(["total", ...CERTIFICATE_STATUSES].map((s) => [s, tile])) as Record<string, typeof tile>,
    ),
    expiringWithinDays: z.looseObject({ leaf: z.number(), ca: z.number() }),
    expiryWeeks: z.array(tile.extend({ from: z.string(), to: z.string() })),
    findingsBySeverity: z.array(tile.extend({ severity: z.string() })),
    openFindings: tile,
    failedDeliveries: tile.nullable(),
    today: z
      .record(
        z.string(),
        z.looseObject({
          blastRadius: z.looseObject({ events: z.number().int(), environments: z.number().int() }).nullable(),
          single: z.looseObject({ type: z.enum(["finding", "signer", "certificate"]), id: z.string() }).nullable(),
        }),
      )
      .meta({
        description:
          "by ranked item id: signing events and environments in the last 30 days over the subjects of the list the item links to, and the one subject when that list holds one",
      }),
  })
  .meta({ id: "Overview" });

export const auditPage = pageOf(auditRow, "AuditPage");
