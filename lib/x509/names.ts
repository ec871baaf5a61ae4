import { AsnConvert } from "@peculiar/asn1-schema";
import type { AttributeValue, Name } from "@peculiar/asn1-x509";
import type * as asn1js from "asn1js";
import { childrenOfTree, parseTree, stringValue, toHex } from "./asn1";
import { NAME_ATTRIBUTE_NAMES } from "./oids";
import type { NameAttribute } from "./types";

export interface DecodedName {
  /** RFC 4514: RDNs in reverse order, multi-valued RDNs joined with "+" */
  text: string;
  /** attributes in DER order (most significant first) */
  attributes: NameAttribute[];
  cn: string | null;
}

/**
 * One attribute of a Name as a decoder read it. `decoded` is the string value, or null when the
 * value is not a string; `hexForm` gives "#" + hex of the value's DER (RFC 4514 2.4).
 */
export interface RawNameAttribute {
  oid: string;
  decoded: string | null;
  hexForm: () => string;
}

/**
 * Formats a Name decoded by @peculiar/asn1-x509 the way `openssl -nameopt RFC2253` prints it.
 * `tree` gives the same Name as an asn1js tree, for the rare values the schema layer reads wrongly.
 */
export function decodeName(name: Name, tree?: () => asn1js.AsnType): DecodedName {
  return formatName(
    Array.from(name, (rdn, r) =>
      Array.from(rdn, (atv, a) => ({
        oid: atv.type,
        decoded: atv.value.universalString !== undefined && tree ? fromTree(tree(), r, a) : attributeText(atv.value),
        hexForm: () => "#" + toHex(AsnConvert.serialize(atv.value)),
      })),
    ),
  );
}

/**
 * RDNs in DER order (most significant first) → RFC 4514 text, attributes and first CN. Shared by
 * the library path (decodeName) and the DER fast path (fast-certificate.ts).
 */
export function formatName(rdns: readonly (readonly RawNameAttribute[])[]): DecodedName {
  const attributes: NameAttribute[] = [];
  const rdnTexts: string[] = [];
  let cn: string | null = null;
  for (const rdn of rdns) {
    const parts: string[] = [];
    for (const { oid, decoded, hexForm } of rdn) {
      const shortName = NAME_ATTRIBUTE_NAMES[oid];
      // RFC 4514 2.4: a dotted-OID type, or a value that is not a string, is written as #hex of its BER.
      const needsHex = decoded === null || !shortName;
      const hex = needsHex ? hexForm() : "";
      attributes.push({ type: shortName ?? oid, oid, value: decoded ?? hex });
      if (oid === "2.5.4.3" && decoded !== null && cn === null) cn = decoded;
      parts.push(`${shortName ?? oid}=${needsHex ? hex : escapeRfc4514(decoded)}`);
    }
    rdnTexts.push(parts.join("+"));
  }
  return { text: rdnTexts.reverse().join(","), attributes, cn };
}

// asn1js's UniversalString (UCS-4) decoder drops characters outside the BMP; stringValue does not.
function fromTree(name: asn1js.AsnType, r: number, a: number): string | null {
  const value = childrenOfTree(childrenOfTree(childrenOfTree(name)[r])[a])[1];
  return value ? stringValue(value) : null;
}

function attributeText(v: AttributeValue): string | null {
  const s = v.utf8String ?? v.printableString ?? v.ia5String ?? v.teletexString ?? v.bmpString ?? v.universalString;
  if (s !== undefined) return s;
  if (!v.anyValue) return null;
  // VisibleString, NumericString and non-string values arrive undecoded
  try {
    return stringValue(parseTree(v.anyValue));
  } catch {
    return null;
  }
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
