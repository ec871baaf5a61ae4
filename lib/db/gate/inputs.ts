import type { DbOrTx } from "@/lib/db/client";
import { scannedArtifactSigner, type ScannedArtifactSigner } from "@/lib/db/artifacts/lookup";
import { onDriver } from "@/lib/db/driver";
import { readSignerFacts, type PolicyRow, type SignerCertificateFacts } from "./signer-facts";
import type { GateFacts } from "@/lib/domain/gate/decide";
import type { SignerStatus } from "@/lib/domain/findings/types";
import type { Severity } from "@/lib/domain/severity";

// Everything the release gate judges, read in one go for one question: the signer (by id or name,
// by its certificate, or by a reported signing event of the artifact, else by the signature a
// scan found on it), its current certificate and
// key custody, grants in force, pending attestations, open findings and live exceptions. The pure
// decision is lib/domain/gate/decide.ts; howToFix texts of findings are added by the service.

export type GateSubject = {
  signer?: string | null;
  certificateSha256?: string | null;
  artifactDigest?: string | null;
};

export type GateLoad = Omit<
  GateFacts,
  "action" | "environment" | "scope" | "subjectLabel" | "subjectKind" | "openFindings"
> & {
  openFindings: { ruleId: string; severity: Severity; message: string }[];
  /** the signing event of the artifact (promote), as evidence */
  signingEventId: string | null;
  /** what could not be found when there is no signer: the gate names it in its reason */
  missing: "signer" | "certificate" | "artifact" | null;
  /**
   * the policy row in force, read with the signer's facts (its open findings were read at the
   * `minFindingRank` asked for: the caller checks that this policy asks for the same); undefined when
   * the read stopped before (an unknown certificate or artifact)
   */
  policy?: PolicyRow;
};

const certificateSelect = {
  id: true,
  sha256: true,
  subject: true,
  subjectCn: true,
  notBefore: true,
  notAfter: true,
  isCA: true,
  supersededAt: true,
  revocationStatus: true,
  revokedAt: true,
  revocationCheckedAt: true,
  importedAt: true,
  keyId: true,
  key: { select: { custody: true } },
} as const;

type CertRow = SignerCertificateFacts;

/**
 * The signer's current signing certificate: a leaf not superseded, latest expiry first. Of the
 * signer's certificates readSignerFacts reads only this one (chosen in SQL by the same order) and
 * the one asked about.
 */
function currentCertificate(certs: CertRow[]): CertRow | null {
  const leaves = certs.filter((c) => !c.isCA);
  const pool = leaves.filter((c) => !c.supersededAt);
  const pick = (pool.length ? pool : leaves).sort((a, b) => b.notAfter.getTime() - a.notAfter.getTime());
  return pick[0] ?? null;
}

export async function loadGateFacts(
  db: DbOrTx,
  subject: GateSubject,
  options: { now: Date; minFindingRank: number },
): Promise<GateLoad> {
  const { now } = options;
  let signerRef = subject.signer ?? null;
  let named: CertRow | null = null;
  let signingEvent: { id: string; signedAt: Date; signerId: string; certificateId: string | null } | null = null;
  let scanned: ScannedArtifactSigner | null = null;
  const empty = (missing: GateLoad["missing"]): GateLoad => ({
    signer: null,
    certificate: null,
    timestampAt: null,
    signingEventAt: null,
    signingEventId: null,
    openFindings: [],
    exceptions: [],
    missing,
  });

  if (subject.certificateSha256) {
    const c = await db.certificate.findUnique({
      where: { sha256: subject.certificateSha256 },
      select: { ...certificateSelect, signers: { select: { signerId: true }, take: 2 } },
    });
    if (!c) return empty("certificate");
    named = c;
    // the certificate names its signer when exactly one uses it
    if (!signerRef && c.signers.length === 1) signerRef = c.signers[0].signerId;
    if (!signerRef) return empty("certificate");
  }
  if (subject.artifactDigest) {
    signingEvent = await db.signingEvent.findFirst({
      where: {
        artifactDigest: subject.artifactDigest,
        ...(signerRef ? { signer: { OR: [{ id: signerRef }, { name: signerRef }] } } : {}),
      },
      orderBy: { signedAt: "desc" },
      select: { id: true, signedAt: true, signerId: true, certificateId: true },
    });
    if (signingEvent) signerRef = signingEvent.signerId;
    else {
      // no pipeline reported it: a scanned artifact names its signer by the signature it carries
      scanned = await scannedArtifactSigner(db, subject.artifactDigest, signerRef);
      if (!scanned) return empty("artifact");
      signerRef = scanned.signerId;
    }
  }
  if (!signerRef) return empty("signer");

  // the signer, its findings and the policy in force are read on the driver in one statement
  // (raw: lib/db/driver.ts)
  const certificateId = named?.id ?? signingEvent?.certificateId ?? scanned?.certificateId ?? null;
  const read = await readSignerFacts(onDriver(db), signerRef, {
    now,
    certificateId,
    namedCertificateId: named?.id ?? null,
    minFindingRank: options.minFindingRank,
  });
  const s = read.facts;
  if (!s) return { ...empty("signer"), policy: read.policy };

  const own = s.certificates;
  let cert: CertRow | null;
  let isCertificateForeign = false;
  if (named) {
    cert = named;
    isCertificateForeign = !own.some((c) => c.id === named.id);
  } else if (signingEvent?.certificateId || scanned?.certificateId) {
    const id = signingEvent?.certificateId ?? scanned?.certificateId;
    cert = own.find((c) => c.id === id) ?? currentCertificate(own);
  } else {
    cert = currentCertificate(own);
  }

  return {
    signer: {
      id: s.id,
      name: s.name,
      status: s.status as SignerStatus,
      custody: s.custody,
      privileges: s.privileges,
      approvals: s.approvalRequests,
      pendingAttestations: s.attestations.map((a) => ({ campaignName: a.campaign.name, dueAt: a.campaign.dueAt })),
    },
    certificate: cert
      ? {
          id: cert.id,
          sha256: cert.sha256,
          label: cert.subjectCn ? `CN=${cert.subjectCn} (${cert.sha256.slice(0, 12)}…)` : cert.subject,
          notBefore: cert.notBefore,
          notAfter: cert.notAfter,
          revocationStatus: cert.revocationStatus,
          revokedAt: cert.revokedAt,
          revocationEstablishedAt: cert.revocationCheckedAt ?? cert.importedAt,
          keyCustody: cert.key.custody,
        }
      : null,
    isCertificateForeign,
    // a verified timestamp on the scanned artifact's signature proves when it was signed
    timestampAt: scanned?.timestampAt ?? null,
    signingEventAt: signingEvent?.signedAt ?? null,
    signingEventId: signingEvent?.id ?? null,
    // on the certificate judged here too: readSignerFacts judges by the same choice, in SQL
    openFindings: s.openFindings.map((f) => ({ ...f, severity: f.severity as Severity })),
    exceptions: s.gateExceptions,
    missing: null,
    policy: read.policy,
  };
}
