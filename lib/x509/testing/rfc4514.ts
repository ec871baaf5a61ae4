import { NAME_ATTRIBUTE_OIDS } from "../oids";
import { oid as encodeOid, printable, seq, set, utf8 } from "./der-writer";

export interface RdnAttribute {
  oid: string;
  value: string;
}

/**
 * Parses an RFC 4514 string ("CN=Leaf,O=Acme\, Inc,C=US") into RDNs in DER order (most
 * significant first, i.e. reversed). Supports "+" multi-valued RDNs and \-escapes.
 */
export function parseRfc4514(dn: string): RdnAttribute[][] {
  const rdns: RdnAttribute[][] = [];
  let current: RdnAttribute[] = [];
  let token = "";
  let type: string | null = null;
  const flush = () => {
    if (type === null) throw new Error(`attribute without "=" in ${JSON.stringify(dn)}`);
    current.push({ oid: typeToOid(type.trim()), value: token });
    type = null;
    token = "";
  };
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i];
    if (ch === "\\") {
      const next = dn.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(next)) {
        token += String.fromCharCode(parseInt(next, 16));
        i += 2;
      } else {
        token += dn[i + 1] ?? "";
        i += 1;
      }
    } else if (ch === "=" && type === null) {
      type = token;
      token = "";
    } else if (ch === "+") {
      flush();
    } else if (ch === ",") {
      flush();
      rdns.push(current);
      current = [];
    } else {
      token += ch;
    }
  }
  if (dn.length > 0) {
    flush();
    rdns.push(current);
  }
  return rdns.reverse();
}

function typeToOid(type: string): string {
  if (/^\d+(\.\d+)+$/.test(type)) return type;
  const oid = NAME_ATTRIBUTE_OIDS[type.toUpperCase()];
  if (!oid) throw new Error(`unknown attribute type ${type}`);
  return oid;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** DER Name with PrintableString where it fits (always for C), UTF8String otherwise. */
export function encodeName(rdns: RdnAttribute[][]): Uint8Array {
  return seq(
    ...rdns.map((rdn) =>
      set(
        ...rdn.map((a) =>
          seq(encodeOid(a.oid), a.oid === "2.5.4.6" || PRINTABLE.test(a.value) ? printable(a.value) : utf8(a.value)),
        ),
      ),
    ),
  );
}
