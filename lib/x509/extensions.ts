import {
  childrenOf,
  decodeString,
  decodeUtf8,
  DerError,
  expectTag,
  readOid,
  readSmallInt,
  readTlv,
  TAG,
  toHex,
  value,
  type Tlv,
} from "./der";
import { decodeName } from "./names";
import {
  ACCESS_METHOD,
  EXT,
  EXTENDED_KEY_USAGES,
  FULCIO_FIELDS,
  FULCIO_OID_PREFIX,
  KEY_USAGE_BITS,
  type FulcioFieldName,
  type KeyUsageName,
} from "./oids";
import type { ExtendedKeyUsageFact, FulcioFacts } from "./types";

export interface ExtensionFacts {
  isCA: boolean;
  pathLength: number | null;
  keyUsage: KeyUsageName[];
  isKeyUsageCritical: boolean;
  extendedKeyUsage: ExtendedKeyUsageFact[];
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  crlDistributionPoints: string[];
  ocspUrls: string[];
  caIssuersUrls: string[];
  sans: string[];
  policies: string[];
  extensionOids: string[];
  fulcio: FulcioFacts | null;
  warnings: string[];
}

export function emptyExtensionFacts(): ExtensionFacts {
  return {
    isCA: false,
    pathLength: null,
    keyUsage: [],
    isKeyUsageCritical: false,
    extendedKeyUsage: [],
    subjectKeyId: null,
    authorityKeyId: null,
    crlDistributionPoints: [],
    ocspUrls: [],
    caIssuersUrls: [],
    sans: [],
    policies: [],
    extensionOids: [],
    fulcio: null,
    warnings: [],
  };
}

/** Reads the [3] extensions wrapper of a TBSCertificate. */
export function decodeExtensions(buf: Uint8Array, wrapper: Tlv): ExtensionFacts {
  const facts = emptyExtensionFacts();
  const list = expectTag(childrenOf(buf, wrapper)[0], TAG.SEQUENCE, "Extensions");
  for (const ext of childrenOf(buf, list)) {
    expectTag(ext, TAG.SEQUENCE, "Extension");
    const kids = childrenOf(buf, ext);
    const oid = readOid(buf, kids[0], "extnID");
    let i = 1;
    let isCritical = false;
    if (kids[i]?.tag === TAG.BOOLEAN) {
      isCritical = value(buf, kids[i])[0] !== 0;
      i++;
    }
    const octets = expectTag(kids[i], TAG.OCTET_STRING, "extnValue");
    facts.extensionOids.push(oid);
    try {
      applyExtension(buf, oid, isCritical, octets, facts);
    } catch (e) {
      // One broken extension should not hide the rest of the certificate.
      facts.warnings.push(`could not read extension ${oid}: ${(e as Error).message}`);
    }
  }
  return facts;
}

function inner(buf: Uint8Array, octets: Tlv): Tlv {
  const t = readTlv(buf, octets.valueStart, octets.valueEnd);
  if (t.end !== octets.valueEnd) throw new DerError("trailing bytes in extension value");
  return t;
}

function applyExtension(buf: Uint8Array, oid: string, isCritical: boolean, octets: Tlv, f: ExtensionFacts): void {
  switch (oid) {
    case EXT.basicConstraints: {
      const seq = expectTag(inner(buf, octets), TAG.SEQUENCE, "BasicConstraints");
      for (const k of childrenOf(buf, seq)) {
        if (k.tag === TAG.BOOLEAN) f.isCA = value(buf, k)[0] !== 0;
        else if (k.tag === TAG.INTEGER) f.pathLength = readSmallInt(value(buf, k));
      }
      return;
    }
    case EXT.keyUsage: {
      const bits = value(buf, expectTag(inner(buf, octets), TAG.BIT_STRING, "KeyUsage"));
      f.isKeyUsageCritical = isCritical;
      f.keyUsage = KEY_USAGE_BITS.filter((_, n) => {
        const byte = 1 + (n >> 3);
        return byte < bits.length && (bits[byte] & (0x80 >> (n & 7))) !== 0;
      });
      return;
    }
    case EXT.extKeyUsage: {
      const seq = expectTag(inner(buf, octets), TAG.SEQUENCE, "ExtKeyUsageSyntax");
      f.extendedKeyUsage = childrenOf(buf, seq).map((k) => {
        const id = readOid(buf, k, "KeyPurposeId");
        return { oid: id, name: EXTENDED_KEY_USAGES[id] ?? null };
      });
      return;
    }
    case EXT.subjectKeyIdentifier:
      f.subjectKeyId = toHex(value(buf, expectTag(inner(buf, octets), TAG.OCTET_STRING, "SubjectKeyIdentifier")));
      return;
    case EXT.authorityKeyIdentifier: {
      const seq = expectTag(inner(buf, octets), TAG.SEQUENCE, "AuthorityKeyIdentifier");
      for (const k of childrenOf(buf, seq)) if (k.tag === 0x80) f.authorityKeyId = toHex(value(buf, k));
      return;
    }
    case EXT.subjectAltName:
      f.sans = childrenOf(buf, expectTag(inner(buf, octets), TAG.SEQUENCE, "GeneralNames")).map((g) =>
        formatGeneralName(buf, g),
      );
      return;
    case EXT.crlDistributionPoints: {
      const seq = expectTag(inner(buf, octets), TAG.SEQUENCE, "CRLDistributionPoints");
      for (const dp of childrenOf(buf, seq)) {
        for (const field of childrenOf(buf, expectTag(dp, TAG.SEQUENCE, "DistributionPoint"))) {
          if (field.tag !== 0xa0) continue; // distributionPoint
          for (const dpName of childrenOf(buf, field)) {
            if (dpName.tag !== 0xa0) continue; // fullName
            for (const g of childrenOf(buf, dpName)) if (g.tag === 0x86) f.crlDistributionPoints.push(ia5(buf, g));
          }
        }
      }
      return;
    }
    case EXT.authorityInfoAccess: {
      const seq = expectTag(inner(buf, octets), TAG.SEQUENCE, "AuthorityInfoAccessSyntax");
      for (const ad of childrenOf(buf, seq)) {
        const [method, location] = childrenOf(buf, expectTag(ad, TAG.SEQUENCE, "AccessDescription"));
        const m = readOid(buf, method, "accessMethod");
        if (location?.tag !== 0x86) continue;
        if (m === ACCESS_METHOD.ocsp) f.ocspUrls.push(ia5(buf, location));
        else if (m === ACCESS_METHOD.caIssuers) f.caIssuersUrls.push(ia5(buf, location));
      }
      return;
    }
    case EXT.certificatePolicies: {
      const seq = expectTag(inner(buf, octets), TAG.SEQUENCE, "CertificatePolicies");
      f.policies = childrenOf(buf, seq).map((pi) =>
        readOid(buf, childrenOf(buf, expectTag(pi, TAG.SEQUENCE, "PolicyInformation"))[0], "policyIdentifier"),
      );
      return;
    }
    default:
      if (oid.startsWith(FULCIO_OID_PREFIX)) applyFulcio(buf, oid, octets, f);
  }
}

function applyFulcio(buf: Uint8Array, oid: string, octets: Tlv, f: ExtensionFacts): void {
  const arc = Number(oid.slice(FULCIO_OID_PREFIX.length));
  const field = (FULCIO_FIELDS as Record<number, FulcioFieldName>)[arc];
  f.fulcio ??= emptyFulcio();
  if (!field) return;
  const bytes = value(buf, octets);
  let text: string;
  if (arc <= 6) {
    text = decodeUtf8(bytes); // legacy arcs hold the raw string without DER wrapping
  } else {
    const t = readTlv(buf, octets.valueStart, octets.valueEnd);
    const s = decodeString(t.tag, value(buf, t));
    if (s === null) throw new DerError(`Fulcio extension ${oid} is not a DER string`);
    text = s;
  }
  f.fulcio[field] = text;
  f.fulcio.issuer = f.fulcio.issuerV2 ?? f.fulcio.issuerV1;
}

export function emptyFulcio(): FulcioFacts {
  const out = { issuer: null } as FulcioFacts;
  for (const name of Object.values(FULCIO_FIELDS)) out[name] = null;
  return out;
}

function ia5(buf: Uint8Array, t: Tlv): string {
  return decodeString(TAG.IA5_STRING, value(buf, t)) ?? "";
}

export function formatGeneralName(buf: Uint8Array, g: Tlv): string {
  switch (g.tag) {
    case 0x81:
      return `email:${ia5(buf, g)}`;
    case 0x82:
      return `DNS:${ia5(buf, g)}`;
    case 0x86:
      return `URI:${ia5(buf, g)}`;
    case 0x87:
      return `IP:${formatIp(value(buf, g))}`;
    case 0x88:
      return `RID:${readOid(buf, { ...g, tag: TAG.OID }, "registeredID")}`;
    case 0xa4:
      return `DirName:${decodeName(buf, childrenOf(buf, g)[0]).text}`;
    case 0xa0: {
      // otherName: type-id OID, [0] EXPLICIT value (UPN, Fulcio username, ...)
      const [typeId, wrapped] = childrenOf(buf, g);
      const id = readOid(buf, typeId, "otherName type-id");
      const v = wrapped ? childrenOf(buf, wrapped)[0] : undefined;
      const text = v ? decodeString(v.tag, value(buf, v)) : null;
      return `otherName:${id}:${text ?? (v ? "#" + toHex(buf.subarray(v.start, v.end)) : "")}`;
    }
    default:
      return `unsupported:0x${g.tag.toString(16)}`;
  }
}

export function formatIp(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join(".");
  if (b.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
    // RFC 5952: compress the longest run (length >= 2) of zero groups
    let bestStart = -1;
    let bestLen = 0;
    for (let i = 0; i < 8; ) {
      if (groups[i] !== "0") {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && groups[j] === "0") j++;
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestStart < 0) return groups.join(":");
    return `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLen).join(":")}`;
  }
  return "#" + toHex(b);
}
