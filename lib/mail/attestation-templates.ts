// Attestation emails: the invitation (campaign start or delegation), reminders, and the overdue
// escalation. One email per recipient per run, listing every signer concerned. Owners get a
// single-use link to their task list; escalation recipients get plain links into Signet.
// Plain text and HTML say the same thing; every inventory value is escaped in the HTML part.
import { escapeHtml, oneLine } from "./escape";

export type AttestationMailKind = "invite" | "delegated" | "reminder" | "overdue" | "escalation";

export type AttestationMail = {
  kind: AttestationMailKind;
  recipientName: string | null;
  campaignName: string;
  dueAt: Date;
  signers: { name: string; holder?: string | null }[];
  /** the owner's single-use link, or a plain page link for escalations */
  link: { url: string; label: string };
  linkExpiresAt?: Date | null;
  delegatedBy?: string | null;
};

export type RenderedAttestationMail = { subject: string; text: string; html: string };

const day = (d: Date) => d.toISOString().slice(0, 10);

const SUBJECTS: Record<AttestationMailKind, (m: AttestationMail) => string> = {
  invite: (m) => `Action needed by ${day(m.dueAt)}: confirm ${count(m)} you own (${oneLine(m.campaignName, 80)})`,
  delegated: (m) =>
    `${m.delegatedBy ? oneLine(m.delegatedBy, 60) : "Someone"} passed you ${count(m)} to attest by ${day(m.dueAt)}`,
  reminder: (m) => `Reminder: ${count(m)} still to attest by ${day(m.dueAt)} (${oneLine(m.campaignName, 80)})`,
  overdue: (m) => `Overdue: ${count(m)} not attested, due ${day(m.dueAt)} (${oneLine(m.campaignName, 80)})`,
  escalation: (m) => `Escalation: ${count(m)} not attested by ${day(m.dueAt)} (${oneLine(m.campaignName, 80)})`,
};

function count(m: AttestationMail) {
  return m.signers.length === 1 ? `signer ${oneLine(m.signers[0].name, 60)}` : `${m.signers.length} signers`;
}

function intro(m: AttestationMail): string {
  switch (m.kind) {
    case "invite":
      return `The security team asks you to confirm the signing identities (signers) you own in "${oneLine(m.campaignName)}": whether each is still needed, which privileges it should keep, and how its key is held.`;
    case "delegated":
      return `${m.delegatedBy ? oneLine(m.delegatedBy, 80) : "A colleague"} delegated these attestation tasks of "${oneLine(m.campaignName)}" to you.`;
    case "reminder":
      return `These attestation tasks of "${oneLine(m.campaignName)}" are still waiting for your answer.`;
    case "overdue":
      return `These attestation tasks of "${oneLine(m.campaignName)}" are past their due date. The backup owner and the security team have been told. Answer now, or delegate them to a colleague who can.`;
    case "escalation":
      return `These signers were not attested by the due date of "${oneLine(m.campaignName)}". You receive this as backup owner or security team. Signers that stay unattested show a finding (signer.attestation-overdue).`;
  }
}

export function renderAttestationMail(m: AttestationMail): RenderedAttestationMail {
  const greeting = m.recipientName ? `Hello ${oneLine(m.recipientName, 80)},` : "Hello,";
  const lines = m.signers.map((s) => `${oneLine(s.name, 120)}${s.holder ? ` — with ${oneLine(s.holder, 80)}` : ""}`);
  const expiry = m.linkExpiresAt
    ? `The link works once and expires on ${day(m.linkExpiresAt)}; afterwards open your tasks from the Signet menu.`
    : null;
  const text = [
    greeting,
    "",
    intro(m),
    `Due: ${day(m.dueAt)}`,
    "",
    ...lines.map((l) => `- ${l}`),
    "",
    `${m.link.label}: ${m.link.url}`,
    ...(expiry ? [expiry] : []),
    "",
    "Signet never asks for passwords or keys by email. You get this email because you own, or hold the task for, the signers listed.",
  ].join("\n");
  const html = `<!doctype html>
<html><body style="font-family: system-ui, sans-serif; color: #1f2933; line-height: 1.45">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(intro(m))}</p>
<p><strong>Due: ${escapeHtml(day(m.dueAt))}</strong></p>
<ul>
${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("\n")}
</ul>
<p><a href="${escapeHtml(m.link.url)}" style="display: inline-block; background: #4f46e5; color: #fff; padding: 8px 14px; border-radius: 6px; text-decoration: none">${escapeHtml(m.link.label)}</a></p>
${expiry ? `<p style="color: #52606d; font-size: 13px">${escapeHtml(expiry)}</p>` : ""}
<p style="color: #52606d; font-size: 13px">Signet never asks for passwords or keys by email. You get this email because you own, or hold the task for, the signers listed.</p>
</body></html>
`;
  return { subject: SUBJECTS[m.kind](m), text, html };
}
