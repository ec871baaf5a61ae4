// Alert planning: which alert emails a sweep sends. Pure: the caller passes the inventory, the
// policies, the keys of the deliveries already made and `now`.
//
// Rules (issue 7):
// - one delivery per (recipient, subject, band), identified by its dedupe key; a subject that
//   crossed several bands since the last sweep gets only the most urgent one, and never a band
//   less urgent than one the recipient already had;
// - no alert for revoked or muted certificates, for a signer that is decommissioned, or for a
//   certificate the signer has replaced with a newer one (so rotation silences the old one);
// - recipients come from the CURRENT ownership: active primary and backup owners and the team
//   address; the security team is copied within `escalateWithinDays` and on expiry, and gets the
//   alert alone when nobody else would (an orphaned signer must not expire silently);
// - each of a signer's credentials alerts on its own (subject: the credential), to the signer's
//   owners and team, in the policy's credential bands;
// - Signet's own API tokens alert like a signer's credential (its bands, re-armed per expiry):
//   their creator and, for a token bound to a signer, that signer's owners and team;
// - one digest per recipient, most urgent first.
import { DAY_MS } from "@/lib/domain/expiry";
import { currentBand, EXPIRED_BAND, type Band } from "./bands";
import { policyForSigner, type AlertPolicies, type AlertPolicy } from "./policy";
import type {
  AlertApiToken,
  AlertCertificate,
  AlertCredential,
  AlertPlan,
  AlertSigner,
  AlertSubjectType,
  Digest,
  DigestItem,
  PlannedDelivery,
  RecipientRole,
} from "./types";

/** Expired subjects older than this get no "expired" alert: a first sweep must not mail history. */
export const DEFAULT_EXPIRED_WINDOW_DAYS = 30;

export type PlanAlertsInput = {
  now: Date;
  certificates: readonly AlertCertificate[];
  /** signers' credentials that may be expiring (those of decommissioned signers are skipped here too) */
  credentials: readonly AlertCredential[];
  /** API tokens with an expiry that may be in a band (revoked ones are not loaded) */
  apiTokens?: readonly AlertApiToken[];
  policies: AlertPolicies;
  /** dedupe keys of deliveries already made (any run) */
  sentKeys: ReadonlySet<string>;
  securityTeamEmail: string | null;
  expiredWindowDays?: number;
};

type Recipient = { email: string; name: string | null; roles: Set<RecipientRole> };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function deliveryKey(parts: {
  recipientEmail: string;
  subjectType: AlertSubjectType;
  subjectId: string;
  band: string;
}): string {
  return [normaliseEmail(parts.recipientEmail), parts.subjectType, parts.subjectId, parts.band].join("|");
}

/** A credential is replaced in place (new expiry on the same signer): its bands re-arm per expiry. */
export function credentialBandLabel(band: Band, expiresAt: Date): string {
  return `${band.label}@${expiresAt.toISOString()}`;
}

export function planAlerts(input: PlanAlertsInput): AlertPlan {
  const ctx: Ctx = {
    ...input,
    expiredWindowMs: (input.expiredWindowDays ?? DEFAULT_EXPIRED_WINDOW_DAYS) * DAY_MS,
    mostUrgentSent: indexSentKeys(input.sentKeys),
  };
  const deliveries: PlannedDelivery[] = [];
  for (const cert of input.certificates) deliveries.push(...planCertificate(ctx, cert));
  for (const credential of input.credentials) deliveries.push(...planCredential(ctx, credential));
  for (const token of input.apiTokens ?? []) deliveries.push(...planApiToken(ctx, token));
  return { deliveries, digests: groupDigests(deliveries) };
}

type Ctx = PlanAlertsInput & { expiredWindowMs: number; mostUrgentSent: Map<string, number> };

/** Urgency rank of a band label: its days, and -1 for expired (lower is more urgent). */
function bandRank(label: string): number {
  return label === EXPIRED_BAND ? -1 : Number.parseInt(label, 10);
}

/**
 * Sent keys indexed by recipient + subject (+ credential expiry) → the most urgent band sent.
 * Comparing ranks rather than looking up labels of today's policy keeps "never a less urgent band
 * after a more urgent one" true when an admin changes the bands.
 */
function indexSentKeys(keys: ReadonlySet<string>): Map<string, number> {
  const index = new Map<string, number>();
  for (const key of keys) {
    const cut = key.lastIndexOf("|");
    const [label, expiry = ""] = key.slice(cut + 1).split("@");
    const rank = bandRank(label);
    if (Number.isNaN(rank)) continue;
    const prefix = `${key.slice(0, cut)}@${expiry}`;
    const seen = index.get(prefix);
    if (seen === undefined || rank < seen) index.set(prefix, rank);
  }
  return index;
}

function sentPrefix(recipientEmail: string, item: Pick<DigestItem, "subjectType" | "subjectId" | "band">): string {
  const [, expiry = ""] = item.band.split("@");
  return `${normaliseEmail(recipientEmail)}|${item.subjectType}|${item.subjectId}@${expiry}`;
}

function planCertificate(ctx: Ctx, cert: AlertCertificate): PlannedDelivery[] {
  if (cert.revocationStatus === "revoked") return [];
  if (isMuted(cert, ctx.now)) return [];
  let band: Band | null = null;
  let shouldEscalate = false;
  const reached: { signer: AlertSigner; policy: AlertPolicy }[] = [];
  for (const { signer, isSuperseded } of cert.signers) {
    if (isSuperseded || signer.status === "decommissioned") continue;
    const policy = policyForSigner(ctx.policies, signer.id);
    if (!policy.isEnabled) continue;
    const bands = cert.isCA ? policy.caBands : policy.signingBands;
    const b = bandWithinWindow(ctx, cert.notAfter, bands);
    if (!b) continue;
    reached.push({ signer, policy });
    if (!band || b.days < band.days) band = b;
    if (isEscalation(cert.notAfter, ctx.now, b, policy)) shouldEscalate = true;
  }
  if (!band || reached.length === 0) return [];
  const recipients = collectRecipients(
    reached.map((r) => r.signer),
    { securityTeamEmail: ctx.securityTeamEmail, shouldEscalate },
  );
  const item: Omit<DigestItem, "roles"> = {
    kind: "cert-expiry",
    subjectType: "certificate",
    subjectId: cert.id,
    band: band.label,
    bandDays: band.days,
    isExpired: band.isExpired,
    expiresAt: cert.notAfter,
    title: cert.subjectCn || cert.subject,
    certificate: { id: cert.id, serialHex: cert.serialHex, isCA: cert.isCA },
    credentialType: null,
    signers: reached.map((r) => ({ id: r.signer.id, name: r.signer.name })),
  };
  return toDeliveries(ctx, item, recipients);
}

/** Each credential alerts on its own (its own id, bands and expiry), to its signer's owners. */
function planCredential(ctx: Ctx, credential: AlertCredential): PlannedDelivery[] {
  const { signer, expiresAt } = credential;
  if (signer.status === "decommissioned") return [];
  const policy = policyForSigner(ctx.policies, signer.id);
  if (!policy.isEnabled) return [];
  const band = bandWithinWindow(ctx, expiresAt, policy.credentialBands);
  if (!band) return [];
  const recipients = collectRecipients([signer], {
    securityTeamEmail: ctx.securityTeamEmail,
    shouldEscalate: isEscalation(expiresAt, ctx.now, band, policy),
  });
  const label = credentialBandLabel(band, expiresAt);
  const item: Omit<DigestItem, "roles"> = {
    kind: "credential-expiry",
    subjectType: "signer-credential",
    subjectId: credential.id,
    band: label,
    bandDays: band.days,
    isExpired: band.isExpired,
    expiresAt,
    title: signer.name,
    certificate: null,
    credentialType: credential.isPipeline ? signer.credentialType : null,
    credential: { id: credential.id, kind: credential.kind, name: credential.name, location: credential.location },
    signers: [{ id: signer.id, name: signer.name }],
  };
  return toDeliveries(ctx, item, recipients);
}

function planApiToken(ctx: Ctx, token: AlertApiToken): PlannedDelivery[] {
  const signer = token.signer && token.signer.status !== "decommissioned" ? token.signer : null;
  const policy = signer ? policyForSigner(ctx.policies, signer.id) : ctx.policies.global;
  if (!policy.isEnabled) return [];
  const band = bandWithinWindow(ctx, token.expiresAt, policy.credentialBands);
  if (!band) return [];
  const creator = token.creator?.isActive ? token.creator : null;
  const recipients = collectRecipients(signer ? [signer] : [], {
    securityTeamEmail: ctx.securityTeamEmail,
    shouldEscalate: isEscalation(token.expiresAt, ctx.now, band, policy),
    extra: creator ? [{ email: creator.email, name: creator.name, role: "token-creator" }] : [],
  });
  const item: Omit<DigestItem, "roles"> = {
    kind: "token-expiry",
    subjectType: "api-token",
    subjectId: token.id,
    band: credentialBandLabel(band, token.expiresAt),
    bandDays: band.days,
    isExpired: band.isExpired,
    expiresAt: token.expiresAt,
    title: token.name,
    certificate: null,
    credentialType: null,
    token: { id: token.id, prefix: token.prefix },
    signers: signer ? [{ id: signer.id, name: signer.name }] : [],
  };
  return toDeliveries(ctx, item, recipients);
}

function toDeliveries(ctx: Ctx, item: Omit<DigestItem, "roles">, recipients: Recipient[]): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  const rank = item.isExpired ? -1 : item.bandDays;
  for (const r of recipients) {
    const sent = ctx.mostUrgentSent.get(sentPrefix(r.email, item));
    if (sent !== undefined && sent <= rank) continue;
    out.push({
      dedupeKey: deliveryKey({
        recipientEmail: r.email,
        subjectType: item.subjectType,
        subjectId: item.subjectId,
        band: item.band,
      }),
      kind: item.kind,
      recipientEmail: r.email,
      subjectType: item.subjectType,
      subjectId: item.subjectId,
      band: item.band,
      recipientName: r.name,
      item: { ...item, roles: [...r.roles] },
    });
  }
  return out;
}

function bandWithinWindow(ctx: Ctx, expiresAt: Date, bands: readonly number[]): Band | null {
  const band = currentBand(expiresAt, ctx.now, bands);
  if (band?.isExpired && ctx.now.getTime() - expiresAt.getTime() > ctx.expiredWindowMs) return null;
  return band;
}

function isEscalation(expiresAt: Date, now: Date, band: Band, policy: AlertPolicy): boolean {
  return band.isExpired || expiresAt.getTime() - now.getTime() <= policy.escalateWithinDays * DAY_MS;
}

export function isMuted(cert: Pick<AlertCertificate, "mutes">, now: Date): boolean {
  return cert.mutes.some((m) => m.liftedAt === null && m.mutedUntil.getTime() > now.getTime());
}

function collectRecipients(
  signers: AlertSigner[],
  options: {
    securityTeamEmail: string | null;
    shouldEscalate: boolean;
    /** recipients beside the signers' owners (an API token's creator) */
    extra?: { email: string; name: string | null; role: RecipientRole }[];
  },
): Recipient[] {
  const byEmail = new Map<string, Recipient>();
  const add = (email: string | null | undefined, name: string | null, role: RecipientRole) => {
    if (!email?.trim()) return;
    const key = normaliseEmail(email);
    const r = byEmail.get(key) ?? { email: key, name, roles: new Set<RecipientRole>() };
    r.roles.add(role);
    if (name && !r.name) r.name = name;
    byEmail.set(key, r);
  };
  for (const s of signers) {
    if (s.primaryOwner?.isActive) add(s.primaryOwner.email, s.primaryOwner.name, "primary-owner");
    if (s.backupOwner?.isActive) add(s.backupOwner.email, s.backupOwner.name, "backup-owner");
    if (s.team?.email) add(s.team.email, null, "team");
  }
  for (const e of options.extra ?? []) add(e.email, e.name, e.role);
  if (options.securityTeamEmail && (options.shouldEscalate || byEmail.size === 0)) {
    add(options.securityTeamEmail, null, "security-team");
  }
  return [...byEmail.values()];
}

export function groupDigests(deliveries: PlannedDelivery[]): Digest[] {
  const byRecipient = new Map<string, Digest>();
  for (const d of deliveries) {
    let digest = byRecipient.get(d.recipientEmail);
    if (!digest) {
      digest = { recipientEmail: d.recipientEmail, recipientName: d.recipientName, items: [] };
      byRecipient.set(d.recipientEmail, digest);
    }
    digest.items.push(d.item);
  }
  for (const digest of byRecipient.values()) digest.items.sort(compareItems);
  return [...byRecipient.values()].sort((a, b) => a.recipientEmail.localeCompare(b.recipientEmail));
}

/** Most urgent first: the earliest expiry, then certificates before credentials, then by title. */
export function compareItems(a: DigestItem, b: DigestItem): number {
  return (
    a.expiresAt.getTime() - b.expiresAt.getTime() || a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title)
  );
}
