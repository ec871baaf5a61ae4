import { AsnConvert } from "@peculiar/asn1-schema";
import {
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  BasicConstraints,
  CertificatePolicies,
  CRLDistributionPoints,
  ExtendedKeyUsage,
  KeyUsage,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  type Extension,
  type GeneralName,
} from "@peculiar/asn1-x509";
import { bytesOf, DerError, parseAs, parseTree, stringValue, toHex } from "./asn1";
import { decodeName } from "./names";
import {
  ACCESS_METHOD,
  EXT,
  FULCIO_FIELDS,
  FULCIO_OID_PREFIX,
  KEY_USAGE_BITS,
  type FulcioFieldName,
  type KeyUsageName,
} from "./oids";
import type { CertificateFacts, FulcioFacts } from "./types";

/** The facts the extensions state: a slice of CertificateFacts, filled by both decoders. */
export type ExtensionFacts = Pick<
  CertificateFacts,
  | "isCA"
  | "pathLength"
  | "keyUsage"
  | "isKeyUsageCritical"
  | "ekus"
  | "subjectKeyId"
  | "authorityKeyId"
  | "crlUrls"
  | "ocspUrls"
  | "caIssuersUrls"
  | "sans"
  | "policies"
  | "extensionOids"
  | "fulcio"
  | "warnings"
>;

export function emptyExtensionFacts(): ExtensionFacts {
  return {
    isCA: false,
    pathLength: null,
    keyUsage: [],
    isKeyUsageCritical: false,
    ekus: [],
    subjectKeyId: null,
    authorityKeyId: null,
    crlUrls: [],
    ocspUrls: [],
    caIssuersUrls: [],
    sans: [],
    policies: [],
    extensionOids: [],
    fulcio: null,
    warnings: [],
  };
}

/** Reads the extensions @peculiar/asn1-x509 decoded from a TBSCertificate. */
export function decodeExtensions(extensions: readonly Extension[]): ExtensionFacts {
  const facts = emptyExtensionFacts();
  for (const ext of extensions) {
    facts.extensionOids.push(ext.extnID);
    try {
      applyExtension(ext, facts);
    } catch (e) {
      // One broken extension should not hide the rest of the certificate.
      facts.warnings.push(`could not read extension ${ext.extnID}: ${(e as Error).message}`);
    }
  }
  return facts;
}

// Arrays are built with Array.from, not .map: the schema arrays are Array subclasses whose .map
// returns the subclass, and facts are plain data (the fast path's arrays must deep-equal these).
function applyExtension(ext: Extension, f: ExtensionFacts): void {
  const value = ext.extnValue.buffer;
  switch (ext.extnID) {
    case EXT.basicConstraints: {
      const bc = parseAs(value, BasicConstraints);
      f.isCA = bc.cA;
      const n = bc.pathLenConstraint;
      f.pathLength = n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : null;
      return;
    }
    case EXT.keyUsage: {
      f.isKeyUsageCritical = ext.critical;
      f.keyUsage = keyUsageNames(new Uint8Array(parseAs(value, KeyUsage).value));
      return;
    }
    case EXT.extKeyUsage:
      f.ekus = Array.from(parseAs(value, ExtendedKeyUsage));
      return;
    case EXT.subjectKeyIdentifier:
      f.subjectKeyId = toHex(parseAs(value, SubjectKeyIdentifier).buffer);
      return;
    case EXT.authorityKeyIdentifier: {
      const id = parseAs(value, AuthorityKeyIdentifier).keyIdentifier;
      if (id) f.authorityKeyId = toHex(id.buffer);
      return;
    }
    case EXT.subjectAltName:
      f.sans = Array.from(parseAs(value, SubjectAlternativeName), formatGeneralName);
      return;
    case EXT.crlDistributionPoints:
      for (const dp of parseAs(value, CRLDistributionPoints)) {
        for (const g of dp.distributionPoint?.fullName ?? []) {
          if (g.uniformResourceIdentifier !== undefined) f.crlUrls.push(g.uniformResourceIdentifier);
        }
      }
      return;
    case EXT.authorityInfoAccess:
      for (const ad of parseAs(value, AuthorityInfoAccessSyntax)) {
        const url = ad.accessLocation.uniformResourceIdentifier;
        if (url === undefined) continue;
        if (ad.accessMethod === ACCESS_METHOD.ocsp) f.ocspUrls.push(url);
        else if (ad.accessMethod === ACCESS_METHOD.caIssuers) f.caIssuersUrls.push(url);
      }
      return;
    case EXT.certificatePolicies:
      f.policies = Array.from(parseAs(value, CertificatePolicies), (pi) => pi.policyIdentifier);
      return;
    default:
      if (ext.extnID.startsWith(FULCIO_OID_PREFIX)) applyFulcio(ext.extnID, bytesOf(value), f);
  }
}

/** KeyUsage BIT STRING content (without the unused-bits octet) → names, in bit order. */
export function keyUsageNames(bits: Uint8Array): KeyUsageName[] {
  return KEY_USAGE_BITS.filter((_, n) => (n >> 3) < bits.length && (bits[n >> 3] & (0x80 >> (n & 7))) !== 0);
}

const utf8 = new TextDecoder("utf-8");

/** A `1.3.6.1.4.1.57264.1.*` extension's value into `f.fulcio`; throws when a DER string is malformed. */
export function applyFulcio(oid: string, bytes: Uint8Array, f: ExtensionFacts): void {
  const arc = Number(oid.slice(FULCIO_OID_PREFIX.length));
  const field = (FULCIO_FIELDS as Record<number, FulcioFieldName>)[arc];
  f.fulcio ??= emptyFulcio();
  if (!field) return;
  let text: string;
  if (arc <= 6) {
    text = utf8.decode(bytes); // legacy arcs hold the raw string without DER wrapping
  } else {
    const s = stringValue(parseTree(bytes));
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

/** How each GeneralName kind is written in `sans` ("DNS:x", ...); shared with the fast path. */
export const GENERAL_NAME_PREFIX = {
  rfc822Name: "email:",
  dNSName: "DNS:",
  uniformResourceIdentifier: "URI:",
  iPAddress: "IP:",
  registeredID: "RID:",
  directoryName: "DirName:",
} as const;

export function formatGeneralName(g: GeneralName): string {
  const P = GENERAL_NAME_PREFIX;
  if (g.rfc822Name !== undefined) return P.rfc822Name + g.rfc822Name;
  if (g.dNSName !== undefined) return P.dNSName + g.dNSName;
  if (g.uniformResourceIdentifier !== undefined) return P.uniformResourceIdentifier + g.uniformResourceIdentifier;
  if (g.iPAddress !== undefined) return P.iPAddress + g.iPAddress;
  if (g.registeredID !== undefined) return P.registeredID + g.registeredID;
  if (g.directoryName !== undefined) return P.directoryName + decodeName(g.directoryName).text;
  if (g.otherName !== undefined) {
    // otherName: type-id OID, [0] EXPLICIT value (UPN, Fulcio username, ...)
    const raw = bytesOf(g.otherName.value);
    let text: string | null = null;
    try {
      text = stringValue(parseTree(raw));
    } catch {
      text = null;
    }
    return `otherName:${g.otherName.typeId}:${text ?? (raw.length ? "#" + toHex(raw) : "")}`;
  }
  if (g.x400Address !== undefined) return "unsupported:0xa3";
  if (g.ediPartyName !== undefined) return "unsupported:0xa5";
  return `unsupported:${toHex(AsnConvert.serialize(g)).slice(0, 2)}`;
}
