import { drillLabel, type IncidentMode } from "@/lib/domain/incidents";
import { escapeHtml, oneLine } from "./escape";

// The email an incident (or its drill) sends to owners, backup owners and the security team. A
// drill says DRILL in the subject and in the first line, so nobody mistakes it for the real thing.

export type IncidentMail = {
  mode: IncidentMode;
  subject: string;
  suspectedAt: Date;
  signers: string[];
  role: string;
  url: string;
};

export function renderIncidentMail(m: IncidentMail): { subject: string; textBody: string; htmlBody: string } {
  const what = oneLine(m.subject);
  const subject = drillLabel(m.mode, `Key compromise declared: ${what}`);
  const names = m.signers.map((s) => oneLine(s));
  const lead =
    m.mode === "drill"
      ? "DRILL — this is a practice run. Nothing was suspended or revoked. Respond as you would to a real compromise."
      : "A signing key was declared compromised. The signers using it are suspended and revocation has been requested.";
  const role = m.role === "security-team" ? "the security team" : `a ${m.role.replace("-", " ")}`;
  const lines = [
    lead,
    "",
    `Declared: ${what}`,
    `Suspected compromise time: ${m.suspectedAt.toISOString()}`,
    `Signers affected (you are told as ${role}): ${names.join(", ") || "none"}`,
    "",
    `Open the incident and acknowledge it: ${m.url}`,
  ];
  const html = [
    `<p><strong>${escapeHtml(lead)}</strong></p>`,
    `<p>Declared: ${escapeHtml(what)}<br>Suspected compromise time: ${escapeHtml(m.suspectedAt.toISOString())}</p>`,
    `<p>Signers affected (you are told as ${escapeHtml(role)}):</p>`,
    `<ul>${names.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`,
    `<p><a href="${escapeHtml(m.url)}">Open the incident and acknowledge it</a></p>`,
  ];
  return { subject, textBody: lines.join("\n"), htmlBody: html.join("\n") };
}
