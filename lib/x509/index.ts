// Public surface of lib/x509. Server-only: uses node:crypto for hashes and signature checks.
// The parser itself does not load @peculiar/x509, so callers need no reflect polyfill for it;
// lib/x509/testing/test-ca.ts does load it (and imports reflect-metadata itself).
export { parseCertificateFile, type ParseFileOptions } from "./parse-file";
export { decodeCertificate } from "./certificate";
export { verifySignedBy, certificateDer, type CertificateInput } from "./verify";
export { toInspectJson, type InspectJson } from "./inspect-json";
export { PRIVATE_KEY_MESSAGE } from "./private-key";
export { EXTENDED_KEY_USAGES, EXTENDED_KEY_USAGE_OIDS, KEY_USAGE_BITS } from "./oids";
export type {
  CertificateFacts,
  CertificateParseError,
  ExtendedKeyUsageFact,
  FulcioFacts,
  InputFormat,
  KeyUsageName,
  NameAttribute,
  ParseErrorCode,
  ParseResult,
} from "./types";
