import type { ReactNode } from "react";
import { DateText } from "@/components/ui/date-text";

// A finding's evidence is whatever JSON its rule stored (lib/domain/findings/*.ts): strings,
// numbers, booleans, ISO instants, lists of them and lists of records (a signer's credentials, a
// key's certificates, overdue attestations). Each value is shown by its type, at any depth, so no
// rule's evidence reads "[object Object]", "true" or a raw instant.

/** Internal ids mean nothing to a reader; the same evidence carries names and scopes. */
function isShown([key, value]: [string, unknown]): boolean {
  return !/^id$|Ids?$/.test(key) && value !== null && !(Array.isArray(value) && value.length === 0);
}

/** What `iso()` stores: an instant in UTC to the millisecond. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Abbreviations as readers write them, not as camelCase keys spell them. */
const WORDS: Record<string, string> = {
  ca: "CA",
  crl: "CRL",
  ekus: "EKUs",
  ev: "EV",
  ocsp: "OCSP",
  oidc: "OIDC",
  sha256: "SHA-256",
  url: "URL",
  urls: "URLs",
};

/** "isSignedAfterExpiry" → "Signed after expiry", "crlUrls" → "CRL URLs", "dueAt" → "Due". */
export function evidenceLabel(key: string): string {
  const words = key
    .replace(/^(is)(?=[A-Z])/, "")
    .replace(/(?<=[a-z0-9])At$/, "")
    .split(/(?<=[a-z0-9])(?=[A-Z])/)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function EvidenceValue({ value, now }: { value: unknown; now: Date }): ReactNode {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return ISO_INSTANT.test(value) ? <DateText date={value} now={now} /> : value;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object"))
      return value.map((v, i) => (
        <span key={i}>
          {i > 0 ? ", " : null}
          <EvidenceValue value={v} now={now} />
        </span>
      ));
    return (
      <ul className="space-y-0.5">
        {value.map((v, i) => (
          <li key={i}>
            <EvidenceValue value={v} now={now} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === "object")
    return Object.entries(value)
      .filter(isShown)
      .map(([k, v], i) => (
        <span key={k}>
          {i > 0 ? " · " : null}
          <span className="text-slate-500">{evidenceLabel(k)}:</span> <EvidenceValue value={v} now={now} />
        </span>
      ));
  return String(value);
}

/** A finding's evidence, one row a key; nothing when it holds nothing a reader can use. */
export function EvidenceList({ evidenceJson, now }: { evidenceJson: string; now: Date }) {
  let evidence: unknown;
  try {
    evidence = JSON.parse(evidenceJson);
  } catch {
    return null;
  }
  if (!evidence || typeof evidence !== "object" || Array.isArray(evidence)) return null;
  const entries = Object.entries(evidence).filter(isShown);
  if (entries.length === 0) return null;
  return (
    <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 rounded bg-slate-50 px-3 py-2 text-xs">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{evidenceLabel(k)}</dt>
          <dd className="break-all text-slate-800">
            <EvidenceValue value={v} now={now} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
