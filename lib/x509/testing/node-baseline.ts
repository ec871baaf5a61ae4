// The baseline the parse benchmarks compare against: node:crypto's X509Certificate, which cannot
// read every extension or key type but shows what a native parse of the same bytes costs.
import { X509Certificate as NodeX509Certificate } from "node:crypto";

/** Parses with node:crypto and reads the getters an import would need. */
export function readWithNodeCrypto(der: Uint8Array): void {
  const c = new NodeX509Certificate(der);
  void [
    c.subject,
    c.issuer,
    c.serialNumber,
    c.validFrom,
    c.validTo,
    c.fingerprint256,
    c.keyUsage,
    c.infoAccess,
    c.subjectAltName,
    c.publicKey.asymmetricKeyType,
  ];
}
