// CRLs (RFC 5280 §5): parse, verify against the issuer, refuse expired ones, and look a serial up.
import * as asn1js from "asn1js";
import { reasonFromCode, type RevocationReason } from "@/lib/domain/revocation";
import { decodeDer, OID, serialOf, verifySignature } from "./asn1";
import type { IssuerContext } from "./issuer";
import { pkijs } from "./pkijs-engine";
import { RevocationError } from "./types";

export type CrlEntry = { revokedAt: Date; reason: RevocationReason | null };

export type VerifiedCrl = {
  url: string;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** normalised serial (see normaliseSerial) → entry */
  entries: Map<string, CrlEntry>;
};

const CLOCK_SKEW_MS = 5 * 60_000;

export type ParsedCrl = { crl: pkijs.CertificateRevocationList; thisUpdate: Date; nextUpdate: Date | null };

/** Decodes a CRL (DER, or PEM as some CAs serve it) without checking it. */
export function parseCrl(bytes: Uint8Array, url: string): ParsedCrl {
  const der = pemToDer(bytes) ?? bytes;
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = new pkijs.CertificateRevocationList({ schema: decodeDer(der, `CRL ${url}`) });
  } catch (error) {
    if (error instanceof RevocationError) throw error;
    throw new RevocationError("malformed", `CRL ${url}: not a certificate revocation list`, { cause: error });
  }
  return { crl, thisUpdate: crl.thisUpdate.value, nextUpdate: crl.nextUpdate?.value ?? null };
}

/** Checks the signature, issuer name and freshness of a CRL and indexes its entries. */
export async function verifyCrl(
  parsed: ParsedCrl,
  context: { issuer: IssuerContext; now: Date; url: string },
): Promise<VerifiedCrl> {
  const { crl } = parsed;
  const { url, issuer, now } = context;
  if (!crl.issuer.isEqual(issuer.cert.subject)) {
    throw new RevocationError("bad-signature", `CRL ${url}: issued by a different CA than the certificate's issuer`);
  }
  if (!(await verifySignature(crl.tbsView, crl.signatureValue, issuer.key, crl.signatureAlgorithm))) {
    throw new RevocationError("bad-signature", `CRL ${url}: the signature does not verify with the issuer's key`);
  }
  if (crl.crlExtensions?.extensions.some((e) => e.extnID === OID.deltaCrlIndicator)) {
    throw new RevocationError("malformed", `CRL ${url}: a delta CRL cannot be used on its own`);
  }
  if (parsed.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new RevocationError(
      "not-yet-valid",
      `CRL ${url}: thisUpdate ${parsed.thisUpdate.toISOString()} is in the future`,
    );
  }
  if (parsed.nextUpdate && parsed.nextUpdate.getTime() < now.getTime()) {
    throw new RevocationError(
      "expired",
      `CRL ${url}: expired (nextUpdate ${parsed.nextUpdate.toISOString()} has passed)`,
    );
  }
  const entries = new Map<string, CrlEntry>();
  for (const entry of crl.revokedCertificates ?? []) {
    entries.set(serialOf(entry.userCertificate), { revokedAt: entry.revocationDate.value, reason: entryReason(entry) });
  }
  return { url, thisUpdate: parsed.thisUpdate, nextUpdate: parsed.nextUpdate, entries };
}

function entryReason(entry: pkijs.RevokedCertificate): RevocationReason | null {
  const ext = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === OID.crlReason);
  if (!ext) return null;
  const decoded = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
  if (decoded.offset === -1 || !(decoded.result instanceof asn1js.Enumerated)) return null;
  return reasonFromCode(decoded.result.valueBlock.valueDec);
}

function pemToDer(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length === 0 || bytes[0] !== 0x2d /* "-" */) return null;
  const text = Buffer.from(bytes).toString("latin1");
  const m = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text);
  return m ? new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ""), "base64")) : null;
}
