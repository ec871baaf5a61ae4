// The expiry digest: one email per recipient per sweep, most urgent first. Plain text and HTML
// say the same thing. Only names, dates, serial numbers and links: never certificate bodies,
// keys or secrets. Every value from the inventory is escaped in the HTML part.
import type { Digest, DigestItem, RecipientRole } from "@/lib/domain/alerts/types";
import { formatUtc } from "@/lib/domain/dates";
import { credentialLabel } from "@/lib/domain/signer-credentials";
import { escapeHtml, oneLine } from "../escape";

export type RenderedMail = { subject: string; text: string; html: string };

export type RenderOptions = { now: Date; baseUrl: string };

const DAY_MS = 86_400_000;

/** Items listed in one email; a first sweep over a big inventory must not mail a phone book. */
export const MAX_LISTED_ITEMS = 50;

export function renderExpiryDigest(digest: Digest, options: RenderOptions): RenderedMail {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const isSecurityTeam = digest.items.every((i) => i.roles.length === 1 && i.roles[0] === "security-team");
  const subject = digestSubject(digest.items, { isSecurityTeam, now: options.now });
  const greeting = digest.recipientName ? `Hello ${oneLine(digest.recipientName, 80)},` : "Hello,";
  const intro = isSecurityTeam
    ? "These signing certificates and pipeline credentials are close to expiry or have expired. Their owners were alerted too; you receive this as the security team's escalation."
    : "These signing certificates and pipeline credentials are yours to look after. Releases stop signing when they expire.";
  const entries = digest.items
    .slice(0, MAX_LISTED_ITEMS)
    .map((item) => describeItem(item, { now: options.now, baseUrl }));
  const unlisted = digest.items.length - entries.length;
  const more =
    unlisted > 0 ? `…and ${unlisted} more, less urgent. See them all in Signet: ${baseUrl}/certificates` : null;

  const text = [
    greeting,
    "",
    intro,
    "Most urgent first:",
    "",
    ...entries.flatMap((e, i) => [
      `${i + 1}. ${e.title} — ${e.when.toUpperCase()} (${e.date})`,
      ...e.lines.map((l) => `   ${l}`),
      ...e.links.map((l) => `   ${l.label}: ${l.url}`),
      "",
    ]),
    ...(more ? [more, ""] : []),
    "What to do:",
    ...WHAT_TO_DO.map((w) => `- ${w}`),
    "",
    FOOTER,
    `Dashboard: ${baseUrl}/`,
  ].join("\n");

  const html = `<!doctype html>
<html><body style="font-family: system-ui, sans-serif; color: #1f2933; line-height: 1.45">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(intro)} Most urgent first:</p>
<ol>
${entries
  .map(
    (
      e,
    ) => `<li style="margin-bottom: 12px"><strong>${escapeHtml(e.title)}</strong> — <strong style="color: ${e.isUrgent ? "#b42318" : "#9a6700"}">${escapeHtml(e.when)}</strong> (${escapeHtml(e.date)})<br>
${e.lines.map((l) => escapeHtml(l)).join("<br>\n")}<br>
${e.links.map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`).join(" · ")}</li>`,
  )
  .join("\n")}
</ol>
${more ? `<p>${escapeHtml(more)}</p>\n` : ""}<p><strong>What to do</strong></p>
<ul>
${WHAT_TO_DO.map((w) => `<li>${escapeHtml(w)}</li>`).join("\n")}
</ul>
<p style="color: #52606d; font-size: 13px">${escapeHtml(FOOTER)} <a href="${escapeHtml(`${baseUrl}/`)}">Open Signet</a></p>
</body></html>
`;
  return { subject, text, html };
}

const WHAT_TO_DO = [
  "Certificate: request a renewed certificate from your CA (with a new key), deploy it to the signer and import it into Signet. Once Signet sees the newer certificate, alerts for the old one stop.",
  "Pipeline credential: rotate the secret in the signing service, update the pipeline and record the new expiry on the signer. Better still, move the pipeline to short-lived OIDC workload identity.",
  "API token: create a new token in Signet (Administration → API tokens), give it to the pipeline, then revoke the old one.",
  "No longer needed: decommission the signer, or mute this certificate's alerts with a reason and an end date.",
];

const FOOTER =
  "You receive at most one email per alert run, and each alert once per recipient and threshold. You get these because of your role on the signers listed.";

type Entry = {
  title: string;
  when: string;
  date: string;
  isUrgent: boolean;
  lines: string[];
  links: { label: string; url: string }[];
};

function describeItem(item: DigestItem, options: RenderOptions): Entry {
  const signerNames = item.signers.map((s) => oneLine(s.name, 80));
  const what =
    item.kind === "credential-expiry"
      ? item.credential && !item.credentialType
        ? `${credentialLabel(item.credential)} of signer`
        : `Pipeline credential (${item.credentialType ?? "secret"}) of signer`
      : item.kind === "token-expiry"
        ? "API token"
        : item.certificate?.isCA
          ? "CA certificate"
          : "Signing certificate";
  const title =
    item.kind === "credential-expiry" ? `${what} ${oneLine(item.title)}` : `${what} “${oneLine(item.title)}”`;
  const lines: string[] = [];
  if (item.certificate)
    lines.push(`Serial ${oneLine(item.certificate.serialHex, 80)}, used by ${signerNames.join(", ")}`);
  if (item.credential?.location) lines.push(`Where it lives: ${oneLine(item.credential.location, 300)}`);
  if (item.token)
    lines.push(
      `Token ${oneLine(item.token.prefix, 20)}…${signerNames.length ? `, the pipeline token of ${signerNames.join(", ")}` : ""}`,
    );
  if (!item.isExpired) lines.push(`This is the ${item.bandDays}-day alert of the alert policy.`);
  lines.push(`You get this as ${describeRoles(item.roles)}.`);
  const links = [
    ...(item.certificate
      ? [{ label: "Certificate", url: `${options.baseUrl}/certificates/${encodeURIComponent(item.certificate.id)}` }]
      : []),
    ...(item.token ? [{ label: "API tokens", url: `${options.baseUrl}/admin/tokens` }] : []),
    ...item.signers.map((s) => ({
      label: `Signer ${oneLine(s.name, 80)}`,
      url: `${options.baseUrl}/signers/${encodeURIComponent(s.id)}`,
    })),
  ];
  return {
    title,
    when: describeWhen(item, options.now),
    date: formatUtc(item.expiresAt),
    isUrgent: item.isExpired || item.bandDays <= 7,
    lines,
    links,
  };
}

function describeWhen(item: DigestItem, now: Date): string {
  if (item.expiresAt.getTime() < now.getTime()) return "expired";
  const days = daysLeft(item, now);
  return days === null ? "expires within 24 hours" : `expires in ${days} day${days === 1 ? "" : "s"}`;
}

const ROLE_TEXT: Record<RecipientRole, string> = {
  "primary-owner": "primary owner",
  "backup-owner": "backup owner",
  team: "the owning team",
  "token-creator": "the token's creator",
  "security-team": "the security team (escalation)",
};

function describeRoles(roles: RecipientRole[]): string {
  return roles.map((r) => ROLE_TEXT[r]).join(" and ");
}

/** Whole days left, or null within the last day ("within 24 hours"). */
function daysLeft(item: DigestItem, now: Date): number | null {
  const ms = item.expiresAt.getTime() - now.getTime();
  return ms < DAY_MS ? null : Math.floor(ms / DAY_MS);
}

/** "in 29 days", "in 12 to 29 days", "within 24 hours": the actual time left, not the band's width. */
function timeLeft(items: DigestItem[], now: Date): string {
  const days = items.map((i) => daysLeft(i, now));
  if (days.every((d) => d === null)) return "within 24 hours";
  const known = days.filter((d): d is number => d !== null);
  const low = days.includes(null) ? 0 : Math.min(...known);
  const high = Math.max(...known);
  const unit = high === 1 ? "day" : "days";
  return low === high ? `in ${high} ${unit}` : `in ${low} to ${high} ${unit}`;
}

/** "(30-day alert)", "(7- and 30-day alerts)": the alert policy's bands these items fell into. */
function bandsLabel(items: DigestItem[]): string {
  const bands = [...new Set(items.map((i) => i.bandDays))].sort((a, b) => a - b);
  if (bands.length === 1) return `(${bands[0]}-day alert)`;
  return `(${bands.slice(0, -1).join("-, ")}- and ${bands[bands.length - 1]}-day alerts)`;
}

/**
 * e.g. "3 signing certificates you own expire in 5 to 12 days (7- and 14-day alerts)": how many, what,
 * the actual days left and the bands they reached (a certificate 29 days from expiry is not
 * "within 180 days" because its CA band is 180 days wide).
 */
export function digestSubject(items: DigestItem[], options: { isSecurityTeam: boolean; now: Date }): string {
  const n = items.length;
  const certs = items.filter((i) => i.kind === "cert-expiry");
  const hasCredentials = certs.length < n;
  let noun: string;
  const tokens = items.filter((i) => i.kind === "token-expiry").length;
  if (tokens === n) noun = n === 1 ? "API token" : "API tokens";
  else if (certs.length === 0) noun = n === 1 ? "pipeline credential" : "pipeline credentials";
  else if (hasCredentials) noun = "certificates and credentials";
  else if (certs.every((c) => c.certificate?.isCA)) noun = n === 1 ? "CA certificate" : "CA certificates";
  else if (certs.every((c) => !c.certificate?.isCA)) noun = n === 1 ? "signing certificate" : "signing certificates";
  else noun = "certificates";
  const owner = options.isSecurityTeam ? "" : " you own";
  const expiring = items.filter((i) => !i.isExpired);
  const expired = n - expiring.length;
  const plural = n !== 1;
  const soon = expiring.length ? `${timeLeft(expiring, options.now)} ${bandsLabel(expiring)}` : "";
  let predicate: string;
  if (expired === n) predicate = plural ? "have expired" : "has expired";
  else if (expired > 0) predicate = `have expired or expire ${soon}`;
  else predicate = `${plural ? "expire" : "expires"} ${soon}`;
  return `${options.isSecurityTeam ? "[Escalation] " : ""}${n} ${noun}${owner} ${predicate}`;
}
