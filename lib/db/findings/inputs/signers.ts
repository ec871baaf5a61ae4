import { privilegeSelect } from "@/lib/db/signers/signer-admin";
import type { Db } from "@/lib/db/client";
import { parseStringArray } from "@/lib/db/certificates/certificates";
import { lastDrillOf } from "@/lib/db/incidents/reads";
import { ANY_ENVIRONMENT } from "@/lib/db/signers/signers";
import type { SignerInput, SignerStatus } from "@/lib/domain/findings/types";
import { DAY_MS } from "@/lib/domain/expiry";
import { groupBy, inJsonList, toRequiredDate, type Page } from "@/lib/db/sql";

type SignerCertificateRow = {
  signerId: string;
  notBefore: unknown;
  notAfter: unknown;
  revocationStatus: string;
  keyId: string;
  spkiSha256: string;
  custody: string;
};

// The findings engine's view of signers: owners, grants, certificates and keys, and what they
// signed within the activity window, and when each was last drilled.

const owner = { select: { id: true, name: true, isActive: true } } as const;

/**
 * Signers by id (at most ~500) or the next page of all signers, in id order. Signers are few
 * compared with certificates, so this stays on the query builder.
 */
export async function loadSignerInputs(
  db: Db,
  selection: { ids: string[] } | Page,
  options: { now: Date; activityWindowDays: number },
): Promise<SignerInput[]> {
  const since = new Date(options.now.getTime() - options.activityWindowDays * DAY_MS);
  const signers = await db.signer.findMany({
    where:
      "ids" in selection
        ? { id: { in: selection.ids } }
        : selection.afterId === null
          ? {}
          : { id: { gt: selection.afterId } },
    ...("ids" in selection ? {} : { orderBy: { id: "asc" as const }, take: selection.limit }),
    select: {
      id: true,
      name: true,
      status: true,
      kind: true,
      environmentsJson: true,
      credentialType: true,
      credentials: {
        select: { id: true, kind: true, name: true, expiresAt: true, isPipeline: true },
        orderBy: [{ isPipeline: "desc" as const }, { name: "asc" as const }],
      },
      createdAt: true,
      lastUsedAt: true,
      primaryOwner: owner,
      backupOwner: owner,
      privileges: {
        select: privilegeSelect,
      },
    },
  });
  if (signers.length === 0) return [];
  const ids = signers.map((s) => s.id);
  const [certLinks, envCounts, interactive, attestations, lastDrills] = await Promise.all([
    // one join instead of the query builder's nested selects (three queries with an IN list of
    // every certificate and key id: most of the signer pass's time at 25,000 signers)
    db.$queryRaw<SignerCertificateRow[]>`
      SELECT sc."signerId" AS "signerId", c."notBefore" AS "notBefore", c."notAfter" AS "notAfter",
        c."revocationStatus" AS "revocationStatus", k."id" AS "keyId", k."spkiSha256" AS "spkiSha256", k."custody" AS "custody"
      FROM "SignerCertificate" sc
        JOIN "Certificate" c ON c."id" = sc."certificateId"
        JOIN "SigningKey" k ON k."id" = c."keyId"
      WHERE ${inJsonList(db, 'sc."signerId"', ids)}`,
    db.signingEvent.groupBy({
      by: ["signerId", "environment"],
      where: { signerId: { in: ids }, signedAt: { gte: since } },
      _count: { _all: true },
      _max: { signedAt: true },
    }),
    db.signingEvent.findMany({
      where: { signerId: { in: ids }, signedAt: { gte: since }, isInteractive: true },
      orderBy: { signedAt: "desc" },
      select: { id: true, signerId: true, signedAt: true, artifactName: true, environment: true },
    }),
    db.attestation.findMany({
      where: { signerId: { in: ids }, status: "pending", campaign: { status: "open" } },
      select: {
        signerId: true,
        campaignId: true,
        escalatedAt: true,
        campaign: { select: { name: true, dueAt: true } },
      },
    }),
    lastDrillOf(db, ids),
  ]);
  const certsOf = groupBy(certLinks, (l) => l.signerId);
  const countsOf = groupBy(envCounts, (e) => e.signerId);
  const interactiveOf = groupBy(interactive, (e) => e.signerId);
  const attestationsOf = groupBy(attestations, (a) => a.signerId);
  return signers.map((s) => {
    const certs = (certsOf.get(s.id) ?? []).map((l) => ({
      notBefore: toRequiredDate(l.notBefore),
      notAfter: toRequiredDate(l.notAfter),
      revocationStatus: l.revocationStatus,
      key: { id: l.keyId, spkiSha256: l.spkiSha256, custody: l.custody },
    }));
    const counts = countsOf.get(s.id) ?? [];
    const keys = new Map(certs.map((c) => [c.key.id, c.key]));
    return {
      id: s.id,
      name: s.name,
      status: s.status as SignerStatus,
      kind: s.kind,
      environments: parseStringArray(s.environmentsJson),
      credentialType: s.credentialType,
      credentials: s.credentials,
      createdAt: s.createdAt,
      primaryOwner: s.primaryOwner,
      backupOwner: s.backupOwner,
      hasValidCertificate: certs.some(
        (c) => c.notBefore <= options.now && c.notAfter >= options.now && c.revocationStatus !== "revoked",
      ),
      lastUsedAt: s.lastUsedAt,
      // the engine spells "any environment" as null
      privileges: s.privileges.map((p) => ({
        ...p,
        environment: p.environment === ANY_ENVIRONMENT ? null : p.environment,
      })),
      recentSigning: {
        eventCount: counts.reduce((n, c) => n + c._count._all, 0),
        environments: counts
          .map((c) => c.environment)
          .filter((e): e is string => !!e)
          .sort(),
        interactiveEvents: (interactiveOf.get(s.id) ?? []).map(({ signerId: _signerId, ...e }) => e),
        environmentsLastAt: counts
          .filter((c) => c.environment)
          .flatMap((c) => (c._max.signedAt ? [c._max.signedAt] : [])),
      },
      certificateValidity: certs.map((c) => ({ notBefore: c.notBefore, notAfter: c.notAfter })),
      keys: [...keys.values()],
      overdueAttestations: (attestationsOf.get(s.id) ?? []).map((a) => ({
        campaignId: a.campaignId,
        campaignName: a.campaign.name,
        dueAt: a.campaign.dueAt,
        escalatedAt: a.escalatedAt,
      })),
      lastDrillAt: lastDrills.get(s.id) ?? null,
    };
  });
}
