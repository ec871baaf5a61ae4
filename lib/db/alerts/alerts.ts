import type { Tx, DbOrTx } from "@/lib/db/client";
import { certificateScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { deliveredKeys } from "@/lib/db/deliveries/alert-deliveries";
import { toBool, toRequiredDate } from "@/lib/db/sql";
import { DAY_MS } from "@/lib/domain/expiry";
import {
  alertPolicySchema,
  DEFAULT_ALERT_POLICY,
  type AlertPolicies,
  type AlertPolicy,
} from "@/lib/domain/alerts/policy";
import { DEFAULT_EXPIRED_WINDOW_DAYS } from "@/lib/domain/alerts/plan";
import type { AlertApiToken, AlertCertificate, AlertCredential, AlertSigner } from "@/lib/domain/alerts/types";
import { loadExpiringApiTokens } from "./api-token-alerts";
import { personRefSelect } from "@/lib/db/people/people";

// Alert data: what a sweep reads (only subjects that can be in a band, so a 250k inventory stays
// cheap), the deliveries it writes, policies and mutes.

// ------------------------------------------------------------------ policies

type PolicyRow = {
  signerId: string | null;
  signingBandsJson: string;
  caBandsJson: string;
  credentialBandsJson: string;
  escalateWithinDays: number;
  isEnabled: boolean;
};

function policyFromRow(row: PolicyRow): AlertPolicy {
  const parsed = alertPolicySchema.safeParse({
    signingBands: safeJson(row.signingBandsJson),
    caBands: safeJson(row.caBandsJson),
    credentialBands: safeJson(row.credentialBandsJson),
    escalateWithinDays: row.escalateWithinDays,
    isEnabled: row.isEnabled,
  });
  if (parsed.success) return parsed.data;
  // a broken row must not silence every alert: fall back to the defaults, loudly
  console.error(
    `[signet] alert policy ${row.signerId ?? "(global)"} is invalid, using defaults:`,
    parsed.error.issues[0]?.message,
  );
  return { ...DEFAULT_ALERT_POLICY, isEnabled: row.isEnabled };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function loadAlertPolicies(db: DbOrTx): Promise<AlertPolicies> {
  const rows = await db.alertPolicy.findMany();
  const globalRow = rows.find((r) => r.signerId === null);
  const bySignerId = new Map<string, AlertPolicy>();
  for (const row of rows) if (row.signerId) bySignerId.set(row.signerId, policyFromRow(row));
  return { global: globalRow ? policyFromRow(globalRow) : { ...DEFAULT_ALERT_POLICY }, bySignerId };
}

/** Creates or replaces the global policy (signerId null) or a signer's. */
export async function saveAlertPolicy(db: DbOrTx, signerId: string | null, policy: AlertPolicy): Promise<void> {
  const data = {
    signingBandsJson: JSON.stringify(policy.signingBands),
    caBandsJson: JSON.stringify(policy.caBands),
    credentialBandsJson: JSON.stringify(policy.credentialBands),
    escalateWithinDays: policy.escalateWithinDays,
    isEnabled: policy.isEnabled,
  };
  const scopeKey = signerId ? `signer:${signerId}` : "global";
  await db.alertPolicy.upsert({ where: { scopeKey }, create: { scopeKey, signerId, ...data }, update: data });
}

// ------------------------------------------------------------------ sweep inputs

/** The value under `key`, made and stored by `make` the first time. */
function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

const personSelect = { select: personRefSelect } as const;
export const alertSignerSelect = {
  id: true,
  name: true,
  status: true,
  credentialType: true,
  primaryOwner: personSelect,
  backupOwner: personSelect,
  team: { select: { id: true, name: true, email: true } },
} as const;

export type AlertSweepInputs = {
  certificates: AlertCertificate[];
  credentials: AlertCredential[];
  apiTokens: AlertApiToken[];
  sentKeys: Set<string>;
};

function maxDays(policies: AlertPolicies, pick: (p: AlertPolicy) => number[]): number {
  const all = [policies.global, ...policies.bySignerId.values()].filter((p) => p.isEnabled).flatMap(pick);
  return all.length ? Math.max(...all) : 0;
}

/**
 * Loads the certificates and credentials that can be in a band at `now` under any policy in
 * force, with their signers' CURRENT owners, their active mutes, whether each signer has a newer
 * certificate, and the dedupe keys already delivered for them.
 */
export async function loadAlertSweepInputs(
  db: DbOrTx,
  options: { now: Date; policies: AlertPolicies; expiredWindowDays?: number },
): Promise<AlertSweepInputs> {
  const { now, policies } = options;
  const from = new Date(now.getTime() - (options.expiredWindowDays ?? DEFAULT_EXPIRED_WINDOW_DAYS) * DAY_MS);
  const until = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const rows = await loadCertificateRows(db, {
    from,
    signingUntil: until(maxDays(policies, (p) => p.signingBands)),
    caUntil: until(maxDays(policies, (p) => p.caBands)),
  });
  const credentials = (
    await db.signerCredential.findMany({
      where: {
        expiresAt: { gte: from, lte: until(maxDays(policies, (p) => p.credentialBands)) },
        signer: { status: { not: "decommissioned" } },
      },
      select: {
        id: true,
        kind: true,
        name: true,
        location: true,
        expiresAt: true,
        isPipeline: true,
        signer: { select: alertSignerSelect },
      },
      orderBy: { id: "asc" },
    })
  ).flatMap((c) => (c.expiresAt ? [{ ...c, expiresAt: c.expiresAt }] : []));
  const apiTokens = await loadExpiringApiTokens(db, {
    from,
    until: until(maxDays(policies, (p) => p.credentialBands)),
  });
  const mutes = await db.alertMute.findMany({
    where: { liftedAt: null, mutedUntil: { gt: now } },
    select: { certificateId: true, mutedUntil: true, liftedAt: true },
  });
  const mutesByCert = new Map<string, { mutedUntil: Date; liftedAt: Date | null }[]>();
  for (const m of mutes) mutesByCert.set(m.certificateId, [...(mutesByCert.get(m.certificateId) ?? []), m]);

  const byId = new Map<string, AlertCertificate>();
  const signers = new Map<string, AlertSigner>();
  for (const r of rows) {
    const cert = getOrAdd(byId, r.certificateId, () => ({
      id: r.certificateId,
      subjectCn: r.subjectCn,
      subject: r.subject,
      serialHex: r.serialHex,
      notAfter: toRequiredDate(r.notAfter),
      isCA: toBool(r.isCA),
      revocationStatus: r.revocationStatus,
      mutes: mutesByCert.get(r.certificateId) ?? [],
      signers: [],
    }));
    const signer = getOrAdd(signers, r.signerId, () => ({
      id: r.signerId,
      name: r.signerName,
      status: r.signerStatus,
      credentialType: r.credentialType,
      primaryOwner: ownerOf(r.poId, r.poName, r.poEmail, r.poActive),
      backupOwner: ownerOf(r.boId, r.boName, r.boEmail, r.boActive),
      team: r.teamId ? { id: r.teamId, name: r.teamName ?? "", email: r.teamEmail } : null,
    }));
    cert.signers.push({ signer, isSuperseded: toBool(r.isSuperseded) });
  }
  const certificates = [...byId.values()];

  const sentKeys = new Set([
    ...(await deliveredKeys(
      db,
      "certificate",
      certificates.map((c) => c.id),
    )),
    ...(await deliveredKeys(
      db,
      "signer-credential",
      credentials.map((c) => c.id),
    )),
    ...(await deliveredKeys(
      db,
      "api-token",
      apiTokens.map((t) => t.id),
    )),
  ]);
  return { certificates, credentials, apiTokens, sentKeys };
}

function ownerOf(id: string | null, name: string | null, email: string | null, isActive: unknown) {
  return id ? { id, name: name ?? "", email: email ?? "", isActive: toBool(isActive) } : null;
}

type CertificateRow = {
  certificateId: string;
  subjectCn: string | null;
  subject: string;
  serialHex: string;
  notAfter: Date | string;
  isCA: unknown;
  revocationStatus: string;
  signerId: string;
  signerName: string;
  signerStatus: string;
  credentialType: string;
  poId: string | null;
  poName: string | null;
  poEmail: string | null;
  poActive: unknown;
  boId: string | null;
  boName: string | null;
  boEmail: string | null;
  boActive: unknown;
  teamId: string | null;
  teamName: string | null;
  teamEmail: string | null;
  isSuperseded: unknown;
};

/**
 * One row per (certificate in the window, signer using it), with the signer's current owners and
 * whether a renewal superseded the certificate (Certificate.supersededAt, the one lineage rule).
 * One SQL statement instead of nested ORM reads keeps a 250k-certificate inventory within the
 * sweep's time budget.
 */
async function loadCertificateRows(
  db: DbOrTx,
  w: { from: Date; signingUntil: Date; caUntil: Date },
): Promise<CertificateRow[]> {
  return db.$queryRaw<CertificateRow[]>`
    SELECT c."id" AS "certificateId", c."subjectCn", c."subject", c."serialHex", c."notAfter", c."isCA", c."revocationStatus",
      s."id" AS "signerId", s."name" AS "signerName", s."status" AS "signerStatus", s."credentialType",
      po."id" AS "poId", po."name" AS "poName", po."email" AS "poEmail", po."isActive" AS "poActive",
      bo."id" AS "boId", bo."name" AS "boName", bo."email" AS "boEmail", bo."isActive" AS "boActive",
      t."id" AS "teamId", t."name" AS "teamName", t."email" AS "teamEmail",
      -- the lineage rule, stored on write (lib/db/certificates/lineage.ts)
      CASE WHEN c."supersededAt" IS NOT NULL THEN 1 ELSE 0 END AS "isSuperseded"
    FROM "Certificate" c
    JOIN "SignerCertificate" sc ON sc."certificateId" = c."id"
    JOIN "Signer" s ON s."id" = sc."signerId"
    LEFT JOIN "Person" po ON po."id" = s."primaryOwnerId"
    LEFT JOIN "Person" bo ON bo."id" = s."backupOwnerId"
    LEFT JOIN "Team" t ON t."id" = s."teamId"
    WHERE c."revocationStatus" <> 'revoked' AND s."status" <> 'decommissioned' AND c."notAfter" >= ${w.from}
      AND ((c."isCA" = FALSE AND c."notAfter" <= ${w.signingUntil}) OR (c."isCA" = TRUE AND c."notAfter" <= ${w.caUntil}))
    ORDER BY c."id", s."id"`;
}

// ------------------------------------------------------------------ mutes

/** The certificate if `user` may see it (owners: only certificates of signers they own). */
export async function findCertificateForAlerts(db: DbOrTx, certificateId: string, user: ScopeUser) {
  return db.certificate.findFirst({
    where: { id: certificateId, ...certificateScopeWhere(user) },
    select: { id: true, subjectCn: true, subject: true, notAfter: true },
  });
}

export async function findAlertMute(db: DbOrTx, muteId: string) {
  return db.alertMute.findUnique({ where: { id: muteId } });
}

export async function createAlertMute(
  tx: Tx,
  data: { certificateId: string; reason: string; mutedUntil: Date; mutedById: string; now: Date },
) {
  return tx.alertMute.create({
    data: {
      certificateId: data.certificateId,
      reason: data.reason,
      mutedUntil: data.mutedUntil,
      mutedById: data.mutedById,
      createdAt: data.now,
    },
  });
}

/** Lifts a mute unless already lifted; returns whether this call lifted it. */
export async function liftAlertMute(tx: Tx, options: { muteId: string; now: Date }): Promise<boolean> {
  const r = await tx.alertMute.updateMany({
    where: { id: options.muteId, liftedAt: null },
    data: { liftedAt: options.now },
  });
  return r.count === 1;
}

export async function listActiveMutes(db: DbOrTx, options: { now: Date; user: ScopeUser; certificateId?: string }) {
  return db.alertMute.findMany({
    where: {
      liftedAt: null,
      mutedUntil: { gt: options.now },
      certificate: certificateScopeWhere(options.user),
      ...(options.certificateId ? { certificateId: options.certificateId } : {}),
    },
    orderBy: { createdAt: "desc" },
  });
}

/** Signers an admin can give their own alert policy (the policy page's picker). */
export async function listSignersForAlertPolicy(db: DbOrTx) {
  return db.signer.findMany({
    where: { status: { not: "decommissioned" } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 2000,
  });
}

export async function findSignerForAlertPolicy(db: DbOrTx, signerId: string) {
  return db.signer.findUnique({ where: { id: signerId }, select: { id: true, name: true } });
}

/** What the policy page shows: the global policy, every signer's own (with its name), and the picker's signers. */
export async function loadAlertPolicyView(db: DbOrTx) {
  const [policies, signers] = await Promise.all([loadAlertPolicies(db), listSignersForAlertPolicy(db)]);
  const names = new Map(signers.map((s) => [s.id, s.name]));
  const missing = [...policies.bySignerId.keys()].filter((id) => !names.has(id));
  if (missing.length) {
    for (const s of await db.signer.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } }))
      names.set(s.id, s.name);
  }
  return {
    global: policies.global,
    signers: Object.fromEntries(policies.bySignerId),
    overrides: [...policies.bySignerId]
      .map(([signerId, policy]) => ({ signerId, signerName: names.get(signerId) ?? signerId, policy }))
      .sort((a, b) => a.signerName.localeCompare(b.signerName)),
    signerOptions: signers,
  };
}
