// The expiry digest: one email per recipient per sweep, most urgent first. Plain text and HTML
// say the same thing. Only names, dates, serial numbers and links: never certificate bodies,
// keys or secrets. Every value from the inventory is escaped in the HTML part.
import type { Digest, DigestItem, RecipientRole } from "@/lib/domain/alerts/types";
import { escapeHtml, oneLine } from "../escape";

export type RenderedMail = { subject: string; text: string; html: string };

export type RenderOptions = { now: Date; baseUrl: string };

const DAY_MS = 86_400_000;

/** Items listed in one email; a first sweep over a big inventory must not mail a phone book. */
export const MAX_LISTED_ITEMS = 50;

export function renderExpiryDigest(digest: Digest, options: RenderOptions): RenderedMail {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const isSecurityTeam = digest.items.every((i) => i.roles.length === 1 && i.roles[0] === "security-team");
  const subject = digestSubject(digest.items, { isSecurityTeam });
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
      ? `Pipeline credential (${item.credentialType ?? "secret"}) of signer`
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
  if (item.token)
    lines.push(
      `Token ${oneLine(item.token.prefix, 20)}…${signerNames.length ? `, the pipeline token of ${signerNames.join(", ")}` : ""}`,
    );
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
    date: `${item.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    isUrgent: item.isExpired || item.bandDays <= 7,
    lines,
    links,
  };
}

function describeWhen(item: DigestItem, now: Date): string {
  const ms = item.expiresAt.getTime() - now.getTime();
  if (ms < 0) return "expired";
  if (ms < DAY_MS) return "expires within 24 hours";
  const days = Math.floor(ms / DAY_MS);
  return `expires in ${days} day${days === 1 ? "" : "s"}`;
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

/** e.g. "3 signing certificates you own expire within 14 days". */
export function digestSubject(items: DigestItem[], options: { isSecurityTeam: boolean }): string {
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
  const expired = items.filter((i) => i.isExpired).length;
  const maxDays = Math.max(0, ...items.filter((i) => !i.isExpired).map((i) => i.bandDays));
  const within = `within ${maxDays} day${maxDays === 1 ? "" : "s"}`;
  const plural = n !== 1;
  let predicate: string;
  if (expired === n) predicate = plural ? "have expired" : "has expired";
  else if (expired > 0) predicate = `have expired or expire ${within}`;
  else predicate = `${plural ? "expire" : "expires"} ${within}`;
  return `${options.isSecurityTeam ? "[Escalation] " : ""}${n} ${noun}${owner} ${predicate}`;
}
