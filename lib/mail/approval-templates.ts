import { escapeHtml, oneLine } from "./escape";

// The email asking a signer's owner to approve (or refuse) a window on a just-in-time grant. The
// link is single-use and personal: it opens the request for the person it was sent to.

export type ApprovalMail = {
  signerName: string;
  scope: string;
  environment: string;
  reason: string;
  requestedByLabel: string;
  triggeredBy: string | null;
  windowStartsAt: Date;
  windowEndsAt: Date;
  url: string;
};

export function renderApprovalMail(m: ApprovalMail): { subject: string; textBody: string; htmlBody: string } {
  const signer = oneLine(m.signerName);
  const subject = `Approval requested: ${signer} to sign in ${oneLine(m.environment)}`;
  const facts = [
    `Signer: ${signer}`,
    `Grant: ${oneLine(m.scope)} in ${oneLine(m.environment)} (just-in-time)`,
    `Window: ${m.windowStartsAt.toISOString()} to ${m.windowEndsAt.toISOString()}`,
    `Reason: ${oneLine(m.reason, 500)}`,
    `Requested by: ${oneLine(m.requestedByLabel)}`,
    ...(m.triggeredBy ? [`Pipeline triggered by: ${oneLine(m.triggeredBy)}`] : []),
  ];
  const text = [
    "A pipeline asks to use a just-in-time production signing grant.",
    "",
    ...facts,
    "",
    `Approve or refuse it: ${m.url}`,
    "The requester and the person who triggered the pipeline cannot decide it.",
  ];
  const html = [
    "<p>A pipeline asks to use a just-in-time production signing grant.</p>",
    `<ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join("")}</ul>`,
    `<p><a href="${escapeHtml(m.url)}">Approve or refuse it</a></p>`,
    "<p>The requester and the person who triggered the pipeline cannot decide it.</p>",
  ];
  return { subject, textBody: text.join("\n"), htmlBody: html.join("\n") };
}
