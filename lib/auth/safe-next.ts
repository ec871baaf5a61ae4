// Where to send a browser after sign-in. Only a path on this origin is accepted: `next` comes from
// the query string, so anything else (absolute URLs, `//host`, `/\host` which browsers read as
// `//host`, control characters that would split a Location header) falls back to "/".

const PROBE_ORIGIN = "http://signet.invalid";
// control characters (CR/LF would split a header) and backslashes
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || FORBIDDEN.test(next)) return "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return "/";
  }
  // an encoded backslash or slash pair survives one more decoding on the way to the browser
  if (FORBIDDEN.test(decoded) || decoded.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PROBE_ORIGIN) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
