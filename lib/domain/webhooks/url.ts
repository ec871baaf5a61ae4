import { looksLikeSecret } from "../signer-input";

// A webhook URL must not carry a credential: Signet never stores secrets, and a URL ends up in
// delivery errors, the audit log and its exports. Each delivery is signed with the subscription's own
// secret instead, which the receiver checks. The same rule as delivery's ("URLs with credentials are
// not fetched", lib/revocation/safe-fetch.ts), applied when a subscription is saved; and for rows saved
// before the rule, every text that names a URL shows it redacted.

const SIGNED_INSTEAD =
  "Signet stores no credentials: each delivery is signed with the subscription's own secret (the Signet-Signature header); have the receiver check that instead";

export const URL_USERINFO_MESSAGE = `Leave the user name and password out of the URL. ${SIGNED_INSTEAD}`;
export const URL_SECRET_MESSAGE = `This URL carries a secret (e.g. token=…, api_key=…): remove it. ${SIGNED_INSTEAD}`;

/** A query parameter named as a credential (token, access_token, api_key, client_secret, password…). */
const CREDENTIAL_NAME = /(^|[_.-])(password|passwd|secret|api[_-]?key|apikey|token)$/i;
/**
 * Shown redacted though a subscription may carry them: the signature of an Azure SAS URL (a Teams
 * workflow's `sig`) and an Azure Functions key (`code`) are the receiver's own credential in its URL.
 */
const URL_SIGNATURE_NAME = /^(sig|signature|code)$/i;

const REDACTED = "redacted";

type QueryPair = { raw: string; name: string; value: string };

function queryPairs(search: string): QueryPair[] {
  return search
    .replace(/^\?/, "")
    .split("&")
    .filter(Boolean)
    .map((raw) => {
      const [name, value = ""] = raw.split("=", 2).map((s) => safeDecode(s.replace(/\+/g, " ")));
      return { raw, name, value };
    });
}

const isSecretPair = ({ name, value }: QueryPair) =>
  CREDENTIAL_NAME.test(name) || looksLikeSecret(`${name}=${value}`) || looksLikeSecret(value);

/** Why a subscription's URL cannot be stored (it carries a credential), or null when it may be. */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null; // not a URL at all: the schema's own check says so
  }
  if (url.username || url.password) return URL_USERINFO_MESSAGE;
  if (queryPairs(url.search).some(isSecretPair) || looksLikeSecret(safeDecode(url.pathname))) return URL_SECRET_MESSAGE;
  return null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The URL with its user name and password, and the values of secret-looking query parameters, replaced by "redacted". */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // not parseable: drop whatever could be userinfo or a query
    return raw.replace(/\/\/[^/?#]*@/, `//${REDACTED}@`).replace(/\?.*$/, `?${REDACTED}`);
  }
  const userinfo = url.username || url.password ? `${REDACTED}@` : "";
  const query = queryPairs(url.search)
    .map((p) => (isSecretPair(p) || URL_SIGNATURE_NAME.test(p.name) ? `${p.raw.split("=", 1)[0]}=${REDACTED}` : p.raw))
    .join("&");
  return `${url.protocol}//${userinfo}${url.host}${url.pathname}${query ? `?${query}` : ""}${url.hash}`;
}

/** Text (an error message, a summary) with every http(s) URL in it redacted as redactUrl does. */
export function redactUrlsIn(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (match) => {
    // a URL at the end of a clause ("…?token=x: refused") keeps its punctuation outside the URL
    const [, url, tail] = /^(.*?)([:.,;)]*)$/.exec(match)!;
    return redactUrl(url) + tail;
  });
}
