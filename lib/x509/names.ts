import { childrenOf, decodeString, DerError, expectTag, raw, readOid, TAG, toHex, value, type Tlv } from "./der";
import { NAME_ATTRIBUTE_NAMES } from "./oids";
import type { NameAttribute } from "./types";

export interface DecodedName {
  /** RFC 4514: RDNs in reverse order, multi-valued RDNs joined with "+" */
  text: string;
  /** attributes in DER order (most significant first) */
  attributes: NameAttribute[];
  cn: string | null;
}

export function decodeName(buf: Uint8Array, name: Tlv): DecodedName {
  expectTag(name, TAG.SEQUENCE, "Name");
  const attributes: NameAttribute[] = [];
  const rdnTexts: string[] = [];
  let cn: string | null = null;
  for (const rdn of childrenOf(buf, name)) {
    expectTag(rdn, TAG.SET, "RelativeDistinguishedName");
    const parts: string[] = [];
    for (const atv of childrenOf(buf, rdn)) {
      expectTag(atv, TAG.SEQUENCE, "AttributeTypeAndValue");
      const [typeTlv, valueTlv] = childrenOf(buf, atv);
      const oid = readOid(buf, typeTlv, "attribute type");
      if (!valueTlv) throw new DerError("attribute without a value");
      const shortName = NAME_ATTRIBUTE_NAMES[oid];
      const decoded = decodeString(valueTlv.tag, value(buf, valueTlv));
      const hexForm = "#" + toHex(raw(buf, valueTlv));
      attributes.push({ type: shortName ?? oid, oid, value: decoded ?? hexForm });
      if (oid === "2.5.4.3" && decoded !== null && cn === null) cn = decoded;
      // RFC 4514 2.4: a dotted-OID type, or a value that is not a string, is written as #hex of its BER.
      parts.push(`${shortName ?? oid}=${shortName && decoded !== null ? escapeRfc4514(decoded) : hexForm}`);
    }
    rdnTexts.push(parts.join("+"));
  }
  return { text: rdnTexts.reverse().join(","), attributes, cn };
}

/** RFC 4514 2.4 escaping, plus control characters as \XX (what OpenSSL's RFC2253 output does). */
export function escapeRfc4514(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    if (ch === '"' || ch === "+" || ch === "," || ch === ";" || ch === "<" || ch === ">" || ch === "\\") {
      out += "\\" + ch;
    } else if ((i === 0 && (ch === "#" || ch === " ")) || (i === s.length - 1 && ch === " ")) {
      out += "\\" + ch;
    } else if (code < 0x20 || code === 0x7f) {
      out += "\\" + code.toString(16).toUpperCase().padStart(2, "0");
    } else {
      out += ch;
    }
  }
  return out;
}
