// The DER fast path for bulk imports: reads the common certificate shape directly from the bytes
// and produces exactly the facts `factsOf` (the @peculiar/asn1-schema path) would, or returns
// null whenever anything is outside what it fully understands; the caller then uses the library
// path. Checked against the library path by fast-certificate.test.ts (differential test).
import { isKeylessCertificate } from "@/lib/domain/certificate-fields";
import { hash } from "node:crypto";
import { bitLength, toHex } from "./asn1";
import { FIXED_KEY_BITS, UNREADABLE_TIME, type KeyFacts } from "./certificate";
import {
  applyFulcio,
  emptyExtensionFacts,
  GENERAL_NAME_PREFIX,
  keyUsageNames,
  type ExtensionFacts,
} from "./extensions";
import {
  checkAny,
  children,
  derTime,
  directoryString,
  element,
  expect,
  miss,
  oidAt,
  printableAscii,
  type Tlv,
} from "./fast-der";
import { formatName, type DecodedName, type RawNameAttribute } from "./names";
import { ACCESS_METHOD, CURVES, EXT, FULCIO_OID_PREFIX, KEY_ALGORITHMS, SIGNATURE_ALGORITHMS } from "./oids";
import { publicKeyFromSpki, verifySignedParts } from "./signature";
import type { CertificateFacts } from "./types";
import { signedPartsOfDer } from "./verify";

/**
 * Facts for one DER certificate (exactly one element, no trailing bytes), identical to
 * `decodeCertificate`'s, or null when the certificate needs the library path. Never throws.
 */
export function decodeCertificateFast(der: Uint8Array, known: { sha256?: string } = {}): CertificateFacts | null {
  try {
    return decode(der, known);
  } catch {
    return null;
  }
}

function decode(b: Uint8Array, known: { sha256?: string }): CertificateFacts {
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
  const cert = expect(b, 0, b.length, 0x30);
  if (cert.end !== b.length) miss();
  const tbs = expect(b, cert.start, cert.end, 0x30);
  const outerAlg = expect(b, tbs.end, cert.end, 0x30);
  const sig = expect(b, outerAlg.end, cert.end, 0x03);
  if (sig.end !== cert.end || sig.end - sig.start < 2 || b[sig.start] !== 0) miss();
  const sigOid = algorithm(b, outerAlg).oid;

  // TBSCertificate ::= SEQUENCE { [0] version, serial, signature, issuer, validity, subject, spki, [3] extensions }
  let e = element(b, tbs.start, tbs.end);
  let version = 0;
  if (e.tag === 0xa0) {
    const v = expect(b, e.start, e.end, 0x02);
    if (v.end !== e.end || v.end - v.start !== 1 || b[v.start] > 2) miss();
    version = b[v.start];
    e = element(b, e.end, tbs.end);
  }
  if (e.tag !== 0x02 || e.end === e.start) miss();
  const serialHex = toHex(b.subarray(e.start, e.end));
  const tbsAlg = expect(b, e.end, tbs.end, 0x30);
  algorithm(b, tbsAlg);
  const issuerTlv = expect(b, tbsAlg.end, tbs.end, 0x30);
  const issuer = readName(b, issuerTlv);
  const validity = expect(b, issuerTlv.end, tbs.end, 0x30);
  const times = children(b, validity);
  if (times.length !== 2) miss();
  const notBefore = time(b, times[0]);
  const notAfter = time(b, times[1]);
  const subjectTlv = expect(b, validity.end, tbs.end, 0x30);
  const subject = readName(b, subjectTlv);
  const spki = expect(b, subjectTlv.end, tbs.end, 0x30);
  const key = describeKey(b, spki);
  let ext = emptyExtensionFacts();
  if (spki.end !== tbs.end) {
    const x = expect(b, spki.end, tbs.end, 0xa3); // [1]/[2] unique identifiers: library path
    if (x.end !== tbs.end) miss();
    const list = expect(b, x.start, x.end, 0x30);
    if (list.end !== x.end) miss();
    ext = readExtensions(b, list);
  }

  const spkiDer = b.subarray(spki.at, spki.end);
  const isSelfIssued = issuer.text.toLowerCase() === subject.text.toLowerCase();
  const { fulcio, ...extFacts } = ext;
  return {
    der: new Uint8Array(b), // own copy: facts must not pin a large file buffer
    sha256: known.sha256 ?? hash("sha256", b, "hex"),
    sha1: hash("sha1", b, "hex"),
    spkiSha256: hash("sha256", spkiDer, "hex"),
    version: version + 1,
    subject: subject.text,
    subjectAttributes: subject.attributes,
    subjectCn: subject.cn,
    issuer: issuer.text,
    issuerAttributes: issuer.attributes,
    issuerCn: issuer.cn,
    serialHex,
    notBefore,
    notAfter,
    ...key,
    signatureAlgorithm: SIGNATURE_ALGORITHMS[sigOid]?.name ?? sigOid,
    signatureAlgorithmOid: sigOid,
    ...extFacts,
    isSelfSigned: isSelfIssued && verifiesWithOwnKey(b, spkiDer),
    fulcio,
    isKeylessCi: fulcio !== null,
    isKeyless: isKeylessCertificate({ fulcio, isCA: extFacts.isCA }),
  };
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } */
function algorithm(b: Uint8Array, seq: Tlv): { oid: string; params: Tlv | null } {
  const first = element(b, seq.start, seq.end);
  const oid = oidAt(b, first);
  if (first.end === seq.end) return { oid, params: null };
  const params = element(b, first.end, seq.end);
  if (params.end !== seq.end) miss();
  checkAny(b, params);
  return { oid, params };
}

function time(b: Uint8Array, e: Tlv): Date {
  const d = derTime(b, e);
  if (d.getTime() === UNREADABLE_TIME) miss(); // the library path re-reads this value leniently
  return d;
}

/** Name ::= SEQUENCE OF SET OF SEQUENCE { type OID, value directory string } */
function readName(b: Uint8Array, name: Tlv): DecodedName {
  const rdns: RawNameAttribute[][] = [];
  for (const set of children(b, name)) {
    if (set.tag !== 0x31 || set.end === set.start) miss();
    const rdn: RawNameAttribute[] = [];
    for (const atv of children(b, set)) {
      if (atv.tag !== 0x30) miss();
      const type = element(b, atv.start, atv.end);
      const value = element(b, type.end, atv.end);
      if (value.end !== atv.end || value.end === value.start) miss();
      rdn.push({
        oid: oidAt(b, type),
        decoded: directoryString(b, value),
        hexForm: () => "#" + toHex(b.subarray(value.at, value.end)),
      });
    }
    rdns.push(rdn);
  }
  return formatName(rdns);
}

function describeKey(b: Uint8Array, spki: Tlv): KeyFacts {
  const alg = expect(b, spki.start, spki.end, 0x30);
  const bits = expect(b, alg.end, spki.end, 0x03);
  if (bits.end !== spki.end || bits.end === bits.start || b[bits.start] !== 0) miss();
  const { oid, params } = algorithm(b, alg);
  const keyAlgorithm = KEY_ALGORITHMS[oid] ?? oid;
  switch (keyAlgorithm) {
    case "RSA":
    case "RSA-PSS": {
      // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
      const rsa = expect(b, bits.start + 1, bits.end, 0x30);
      if (rsa.end !== bits.end) miss();
      const n = expect(b, rsa.start, rsa.end, 0x02);
      const exp = expect(b, n.end, rsa.end, 0x02);
      if (exp.end !== rsa.end || n.end === n.start || exp.end === exp.start) miss();
      return { keyAlgorithm, keyBits: bitLength(b.subarray(n.start, n.end)), curve: null };
    }
    case "EC":
    case "SM2": {
      if (!params || params.tag !== 0x06) miss(); // implicit or explicit curve: library path
      const curveOid = oidAt(b, params);
      const c = CURVES[curveOid];
      return { keyAlgorithm, keyBits: c?.bits ?? null, curve: c?.name ?? curveOid };
    }
    case "DSA":
      return miss();
    default:
      return { keyAlgorithm, keyBits: FIXED_KEY_BITS[keyAlgorithm] ?? null, curve: null };
  }
}

const HANDLED_EXTENSIONS = new Set<string>(Object.values(EXT));

/** Extensions ::= SEQUENCE OF Extension { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
function readExtensions(b: Uint8Array, list: Tlv): ExtensionFacts {
  const f = emptyExtensionFacts();
  const seen = new Set<string>();
  for (const ext of children(b, list)) {
    if (ext.tag !== 0x30) miss();
    const idTlv = element(b, ext.start, ext.end);
    const id = oidAt(b, idTlv);
    if (seen.has(id)) miss(); // duplicates: leave the library path's order of overwrites to it
    seen.add(id);
    let v = element(b, idTlv.end, ext.end);
    let critical = false;
    if (v.tag === 0x01) {
      if (v.end - v.start !== 1 || (b[v.start] !== 0xff && b[v.start] !== 0)) miss();
      critical = b[v.start] === 0xff;
      v = element(b, v.end, ext.end);
    }
    if (v.tag !== 0x04 || v.end !== ext.end) miss();
    f.extensionOids.push(id);
    if (HANDLED_EXTENSIONS.has(id)) {
      const inner = element(b, v.start, v.end);
      if (inner.end !== v.end) miss();
      applyExtension(b, id, critical, inner, f);
    } else if (id.startsWith(FULCIO_OID_PREFIX)) {
      applyFulcio(id, b.subarray(v.start, v.end), f); // the library path's own code; a throw → null
    }
  }
  return f;
}

function applyExtension(b: Uint8Array, id: string, critical: boolean, v: Tlv, f: ExtensionFacts): void {
  switch (id) {
    case EXT.basicConstraints: {
      if (v.tag !== 0x30) miss();
      let p = v.start;
      let isCA = false;
      let pathLength: number | null = null;
      if (p < v.end && b[p] === 0x01) {
        const c = element(b, p, v.end);
        if (c.end - c.start !== 1 || (b[c.start] !== 0xff && b[c.start] !== 0)) miss();
        isCA = b[c.start] === 0xff;
        p = c.end;
      }
      if (p < v.end) {
        const n = expect(b, p, v.end, 0x02);
        const len = n.end - n.start;
        if (
          n.end !== v.end ||
          len < 1 ||
          len > 2 ||
          b[n.start] & 0x80 ||
          (len === 2 && b[n.start] === 0 && b[n.start + 1] < 0x80)
        )
          miss();
        pathLength = len === 1 ? b[n.start] : b[n.start] * 256 + b[n.start + 1];
      }
      f.isCA = isCA;
      f.pathLength = pathLength;
      return;
    }
    case EXT.keyUsage: {
      if (v.tag !== 0x03 || v.end === v.start || b[v.start] > 7) miss();
      if (v.end - v.start === 1 && b[v.start] !== 0) miss();
      f.isKeyUsageCritical = critical;
      f.keyUsage = keyUsageNames(b.subarray(v.start + 1, v.end));
      return;
    }
    case EXT.extKeyUsage:
      if (v.tag !== 0x30) miss();
      f.ekus = children(b, v).map((o) => oidAt(b, o));
      return;
    case EXT.subjectKeyIdentifier:
      if (v.tag !== 0x04) miss();
      f.subjectKeyId = toHex(b.subarray(v.start, v.end));
      return;
    case EXT.authorityKeyIdentifier: {
      // SEQUENCE { [0] keyIdentifier, [1] authorityCertIssuer GeneralNames, [2] serial }
      if (v.tag !== 0x30) miss();
      let id: string | null = null;
      let last = -1;
      for (const c of children(b, v)) {
        const n = c.tag & 0x1f;
        if (n <= last) miss();
        last = n;
        if (c.tag === 0x80) id = toHex(b.subarray(c.start, c.end));
        else if (c.tag === 0xa1) children(b, c).forEach((g) => generalName(b, g));
        else if (c.tag !== 0x82 || c.end === c.start) miss();
      }
      if (id !== null) f.authorityKeyId = id;
      return;
    }
    case EXT.subjectAltName:
      if (v.tag !== 0x30) miss();
      f.sans = children(b, v).map((g) => generalName(b, g).text);
      return;
    case EXT.crlDistributionPoints:
      // SEQUENCE OF DistributionPoint { [0] distributionPoint { [0] fullName GeneralNames } } only
      if (v.tag !== 0x30) miss();
      for (const dp of children(b, v)) {
        if (dp.tag !== 0x30) miss();
        if (dp.end === dp.start) continue;
        const dpn = expect(b, dp.start, dp.end, 0xa0);
        if (dpn.end !== dp.end) miss();
        const full = expect(b, dpn.start, dpn.end, 0xa0);
        if (full.end !== dpn.end) miss();
        for (const g of children(b, full)) {
          const name = generalName(b, g);
          if (name.uri !== null) f.crlUrls.push(name.uri);
        }
      }
      return;
    case EXT.authorityInfoAccess:
      // SEQUENCE OF AccessDescription { accessMethod OID, accessLocation GeneralName }
      if (v.tag !== 0x30) miss();
      for (const ad of children(b, v)) {
        if (ad.tag !== 0x30) miss();
        const m = element(b, ad.start, ad.end);
        const method = oidAt(b, m);
        const loc = element(b, m.end, ad.end);
        if (loc.end !== ad.end) miss();
        const url = generalName(b, loc).uri;
        if (url === null) continue;
        if (method === ACCESS_METHOD.ocsp) f.ocspUrls.push(url);
        else if (method === ACCESS_METHOD.caIssuers) f.caIssuersUrls.push(url);
      }
      return;
    case EXT.certificatePolicies:
      // SEQUENCE OF PolicyInformation { OID, SEQUENCE OF PolicyQualifierInfo { OID, ANY } OPTIONAL }
      if (v.tag !== 0x30) miss();
      f.policies = children(b, v).map((pi) => {
        if (pi.tag !== 0x30) miss();
        const o = element(b, pi.start, pi.end);
        const policy = oidAt(b, o);
        if (o.end !== pi.end) {
          const qs = expect(b, o.end, pi.end, 0x30);
          if (qs.end !== pi.end) miss();
          for (const q of children(b, qs)) {
            if (q.tag !== 0x30) miss();
            const qid = element(b, q.start, q.end);
            oidAt(b, qid);
            const qv = element(b, qid.end, q.end);
            if (qv.end !== q.end) miss();
            checkAny(b, qv);
          }
        }
        return policy;
      });
      return;
    default:
      miss();
  }
}

/** The GeneralName kinds read here; others (otherName, IPv6, x400, EDI) go to the library path. */
function generalName(b: Uint8Array, g: Tlv): { text: string; uri: string | null } {
  const P = GENERAL_NAME_PREFIX;
  switch (g.tag) {
    case 0x81:
      return { text: P.rfc822Name + printableAscii(b, g), uri: null };
    case 0x82:
      return { text: P.dNSName + printableAscii(b, g), uri: null };
    case 0x86: {
      const uri = printableAscii(b, g);
      return { text: P.uniformResourceIdentifier + uri, uri };
    }
    case 0x87:
      if (g.end - g.start !== 4) miss();
      return { text: P.iPAddress + Array.from(b.subarray(g.start, g.end)).join("."), uri: null };
    case 0x88:
      return { text: P.registeredID + oidAt(b, { ...g, tag: 0x06 }), uri: null };
    case 0xa4: {
      const name = expect(b, g.start, g.end, 0x30);
      if (name.end !== g.end) miss();
      return { text: P.directoryName + readName(b, name).text, uri: null };
    }
    default:
      return miss();
  }
}

function verifiesWithOwnKey(der: Uint8Array, spkiDer: Uint8Array): boolean {
  const key = publicKeyFromSpki(spkiDer);
  return key !== null && verifySignedParts(signedPartsOfDer(der), key);
}
