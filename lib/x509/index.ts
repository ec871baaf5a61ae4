// Public surface of lib/x509. Server-only: uses node:crypto for hashes and signature checks.
// Decoding goes through @peculiar/x509's ASN.1 layer (@peculiar/asn1-x509, -cms, ... and asn1js),
// not its tsyringe-based classes, so callers need no reflect polyfill for parsing;
// lib/x509/testing/test-ca.ts does load @peculiar/x509 (and imports reflect-metadata itself).
// Bulk parsing on worker threads: `parseFilesInPool` from "@/lib/x509/parse-pool" (kept out of
// this barrel so importing the parser never drags a worker entry into a bundle).
export { parseCertificateFile, type ParseFileOptions } from "./parse-file";
export { decodeCertificate } from "./certificate";
export { verifySignedBy, certificateDer, type CertificateDerSource } from "./verify";
export { toInspectJson, type InspectJson } from "./inspect-json";
export { PRIVATE_KEY_MESSAGE } from "./private-key";
export { criticalExtensionOids } from "./critical-extensions";
export { ekuName, EXTENDED_KEY_USAGES, EXTENDED_KEY_USAGE_OIDS, KEY_USAGE_BITS } from "./oids";
export type {
  CertificateFacts,
  CertificateParseError,
  FulcioFacts,
  InputFormat,
  KeyUsageName,
  NameAttribute,
  ParseErrorCode,
  ParseResult,
} from "./types";
