// PEM scanning that tolerates what users paste: text around blocks, CRLF, indentation,
// RFC 1421 headers, missing base64 padding. Each problem is reported against its block number.

export interface PemBlock {
  /** 1-based position among all BEGIN lines in the file */
  index: number;
  label: string;
  der: Uint8Array | null;
  /** why der is null */
  problem: { code: "truncated-pem" | "bad-base64"; message: string } | null;
}

const BEGIN = /-----BEGIN ([^\r\n-]{1,80})-----/g;

export function hasPemMarker(text: string): boolean {
  return text.includes("-----BEGIN ");
}

/** Labels only, without decoding: used to refuse private keys before anything else happens. */
export function pemLabels(text: string): string[] {
  return Array.from(text.matchAll(BEGIN), (m) => m[1].trim());
}

export function scanPem(text: string): PemBlock[] {
  const begins = Array.from(text.matchAll(BEGIN));
  return begins.map((m, n): PemBlock => {
    const index = n + 1;
    const label = m[1].trim();
    const bodyStart = (m.index ?? 0) + m[0].length;
    const nextBegin = n + 1 < begins.length ? (begins[n + 1].index ?? text.length) : text.length;
    // search only up to the next BEGIN: a file of many unterminated blocks stays linear
    const endInSegment = text.slice(bodyStart, nextBegin).indexOf(`-----END ${label}-----`);
    const endAt = bodyStart + endInSegment;
    if (endInSegment < 0) {
      return {
        index,
        label,
        der: null,
        problem: { code: "truncated-pem", message: `truncated PEM block ${index}: no END ${label} line` },
      };
    }
    const decoded = decodeBody(text.slice(bodyStart, endAt));
    if (typeof decoded === "string") {
      return {
        index,
        label,
        der: null,
        problem: { code: "bad-base64", message: `bad base64 in PEM block ${index}: ${decoded}` },
      };
    }
    return { index, label, der: decoded, problem: null };
  });
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 body → bytes, or a reason string. */
function decodeBody(body: string): Uint8Array | string {
  // RFC 1421 headers ("Proc-Type: ...") sit before the base64; base64 never contains ':'
  const lines = body.split(/\r?\n|\r/).filter((l) => !l.includes(":"));
  const b64 = lines.join("").replace(/[ \t]/g, "");
  if (b64.length === 0) return "the block is empty";
  if (!B64.test(b64)) {
    const bad = /[^A-Za-z0-9+/=]/.exec(b64) ?? /=[^=]/.exec(b64);
    const ch = bad ? bad[0][0] : "?";
    return `unexpected character ${JSON.stringify(ch)}`;
  }
  const unpadded = b64.replace(/=+$/, "");
  if (unpadded.length % 4 === 1) return "the base64 length is impossible (data cut short?)";
  if (b64.length % 4 !== 0 && b64.endsWith("=")) return "wrong base64 padding";
  return new Uint8Array(Buffer.from(unpadded, "base64"));
}

/** Whole-file bare base64 (no armour), as some tools export; null if it is not that. */
export function decodeBareBase64(text: string): Uint8Array | null {
  const b64 = text.replace(/\s+/g, "");
  if (b64.length < 16 || !B64.test(b64)) return null;
  const unpadded = b64.replace(/=+$/, "");
  if (unpadded.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(unpadded, "base64"));
}
