// A test CA's revocation services on 127.0.0.1 (random port): signed CRLs and OCSP answers
// (POST and GET), plus misbehaving endpoints (forged, hanging, 500, huge, garbage) for tests
// and the benchmark. Test-only: keys live in memory.
import "reflect-metadata";
import { KeyObject, sign as cryptoSign } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as asn1js from "asn1js";
import { REVOCATION_REASONS, type RevocationReason } from "@/lib/domain/revocation";
import {
  createCodeSigningLeaf,
  createTestRootCa,
  generateTestKeyPair,
  issueCertificate,
  type CertificateSpec,
  type TestCertificate,
  type TestKeyPair,
} from "@/lib/x509/testing/test-ca";
import { decodeDer, normaliseSerial, OID, serialOf } from "../asn1";
import { pkijs } from "../pkijs-engine";

export type OcspMode =
  | "ok"
  | "forged"
  | "delegated"
  | "delegated-no-eku"
  | "no-nonce"
  | "wrong-nonce"
  | "wrong-certid"
  | "try-later"
  | "stale";
export type CrlMode = "ok" | "expired" | "forged";
export type FaultMode = "hang" | "error-500" | "huge" | "garbage" | "redirect-private";

type Revocation = { revokedAt: Date; reason: RevocationReason | null };

export type TestResponder = {
  ca: TestCertificate;
  baseUrl: string;
  host: string;
  ocspUrl(mode?: OcspMode): string;
  crlUrl(mode?: CrlMode): string;
  faultUrl(mode: FaultMode): string;
  /** serials the responder knows; others are answered "unknown" by OCSP */
  register(serialHex: string): void;
  revoke(serialHex: string, revocation: Revocation): void;
  issueLeaf(spec?: Partial<CertificateSpec>): Promise<TestCertificate>;
  /** requests per path prefix ("ocsp", "crl", "fault") */
  hits: Record<string, number>;
  /** bytes the "huge" endpoint managed to write before the client hung up */
  hugeBytesWritten(): number;
  maxConcurrent(): number;
  close(): Promise<void>;
};

const MB = 1024 * 1024;

export async function startTestResponder(
  options: { ca?: TestCertificate; delayMs?: number; key?: TestKeyPair } = {},
): Promise<TestResponder> {
  const ca = options.ca ?? (await createTestRootCa({ subject: "CN=Signet Revocation Test CA,O=Signet Test,C=US" }));
  const caPkijs = new pkijs.Certificate({ schema: decodeDer(ca.der, "test CA") });
  const forger = await generateTestKeyPair("P-256");
  const delegate = await issueCertificate({
    subject: "CN=Signet Test OCSP Responder,O=Signet Test,C=US",
    issuer: ca,
    extendedKeyUsage: ["1.3.6.1.5.5.7.3.9"],
    keyUsage: ["digitalSignature"],
  });
  const delegateNoEku = await issueCertificate({
    subject: "CN=Signet Test Not A Responder,O=Signet Test,C=US",
    issuer: ca,
  });
  const known = new Set<string>();
  const revoked = new Map<string, Revocation>();
  const hits: Record<string, number> = {};
  let hugeBytes = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    res.on("close", () => concurrent--);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const [, kind = "", mode = "ok", ...rest] = (req.url ?? "/").split("/");
      hits[kind] = (hits[kind] ?? 0) + 1;
      const respond = async () => {
        if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
        if (kind === "crl") return send(res, 200, "application/pkix-crl", await buildCrl(mode as CrlMode));
        if (kind === "ocsp") {
          const body =
            req.method === "GET" ? Buffer.from(decodeURIComponent(rest.join("/")), "base64") : Buffer.concat(chunks);
          return send(res, 200, "application/ocsp-response", await buildOcsp(new Uint8Array(body), mode as OcspMode));
        }
        if (kind === "fault") return fault(res, mode as FaultMode);
        send(res, 404, "text/plain", Buffer.from("not found"));
      };
      respond().catch((error) => send(res, 500, "text/plain", Buffer.from(String(error))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  // built with pkijs: @peculiar/x509 writes an empty crlEntryExtensions for entries without a
  // reason, which RFC 5280 does not allow and pkijs (our parser) refuses
  async function buildCrl(mode: CrlMode): Promise<Uint8Array> {
    const now = Date.now();
    const isExpired = mode === "expired";
    const time = (ms: number) => new pkijs.Time({ type: 0, value: new Date(Math.floor(ms / 1000) * 1000) });
    const entries = [...revoked].map(
      ([serial, r]) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({
            valueHex: Buffer.from(serial.length % 2 ? `0${serial}` : serial, "hex"),
          }),
          revocationDate: time(r.revokedAt.getTime()),
          // pkijs writes an empty (invalid) Extensions when the key is present at all
          ...(r.reason
            ? {
                crlEntryExtensions: new pkijs.Extensions({
                  extensions: [
                    new pkijs.Extension({
                      extnID: OID.crlReason,
                      extnValue: new asn1js.Enumerated({ value: REVOCATION_REASONS.indexOf(r.reason) }).toBER(false),
                    }),
                  ],
                }),
              }
            : {}),
        }),
    );
    const crl = new pkijs.CertificateRevocationList({
      version: 1,
      issuer: caPkijs.subject,
      thisUpdate: time(now - (isExpired ? 10 : 1) * 86_400_000),
      nextUpdate: time(now + (isExpired ? -1 : 7) * 86_400_000),
      ...(entries.length ? { revokedCertificates: entries } : {}),
    });
    await crl.sign(mode === "forged" ? forger.keys.privateKey : ca.keyPair.keys.privateKey, "SHA-256");
    return new Uint8Array(crl.toSchema(true).toBER(false));
  }

  async function buildOcsp(body: Uint8Array, mode: OcspMode): Promise<Uint8Array> {
    if (mode === "try-later") return ocspError(3);
    const request = new pkijs.OCSPRequest({ schema: decodeDer(body, "OCSP request") });
    const certID = request.tbsRequest.requestList[0].reqCert;
    const serial = serialOf(certID.serialNumber);
    const now = Date.now();
    const answeredId =
      mode === "wrong-certid"
        ? new pkijs.CertID({ ...certID, serialNumber: new asn1js.Integer({ value: 424242 }) })
        : certID;
    const single = new pkijs.SingleResponse({
      certID: answeredId,
      certStatus: certStatus(serial),
      thisUpdate: new Date(now - (mode === "stale" ? 10 : 1) * 3_600_000),
      nextUpdate: new Date(now + (mode === "stale" ? -5 : 4 * 24) * 3_600_000),
    });
    const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OID.ocspNonce);
    const extensions: pkijs.Extension[] = [];
    if (nonce && mode !== "no-nonce") {
      const value =
        mode === "wrong-nonce"
          ? new asn1js.OctetString({ valueHex: new Uint8Array(16).fill(7) }).toBER(false)
          : nonce.extnValue.valueBlock.valueHexView.slice().buffer;
      extensions.push(new pkijs.Extension({ extnID: OID.ocspNonce, extnValue: value }));
    }
    const signer = mode === "delegated" ? delegate : mode === "delegated-no-eku" ? delegateNoEku : null;
    const signerCert = signer ? new pkijs.Certificate({ schema: decodeDer(signer.der, "responder") }) : caPkijs;
    const basic = new pkijs.BasicOCSPResponse({
      tbsResponseData: new pkijs.ResponseData({
        responderID: signerCert.subject,
        producedAt: new Date(now),
        responses: [single],
        responseExtensions: extensions.length ? extensions : undefined,
      }),
      certs: signer ? [signerCert] : undefined,
    });
    const key = mode === "forged" ? forger.keys.privateKey : (signer ?? ca).keyPair.keys.privateKey;
    signBasic(basic, key);
    const response = new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: OID.ocspBasic,
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
      }),
    });
    return new Uint8Array(response.toSchema().toBER(false));
  }

  function certStatus(serial: string): asn1js.BaseBlock {
    const r = revoked.get(serial);
    if (r) {
      const value: asn1js.BaseBlock[] = [new asn1js.GeneralizedTime({ valueDate: r.revokedAt })];
      if (r.reason) {
        value.push(
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 0 },
            value: [new asn1js.Enumerated({ value: REVOCATION_REASONS.indexOf(r.reason) })],
          }),
        );
      }
      return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
    }
    return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: known.has(serial) ? 0 : 2 } });
  }

  function fault(res: http.ServerResponse, mode: FaultMode) {
    if (mode === "hang") {
      hanging.add(res);
      return;
    }
    if (mode === "error-500") return send(res, 500, "text/plain", Buffer.from("responder exploded"));
    if (mode === "garbage") return send(res, 200, "application/ocsp-response", Buffer.from("this is not DER at all"));
    if (mode === "redirect-private") {
      res.writeHead(302, { location: "http://10.0.0.1/crl" });
      return res.end();
    }
    // 50 MB, streamed without a content-length so only the client's own counting can stop it
    res.writeHead(200, { "content-type": "application/pkix-crl" });
    const chunk = Buffer.alloc(64 * 1024, 0x30);
    const write = () => {
      while (hugeBytes < 50 * MB && !res.destroyed) {
        hugeBytes += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", write);
      }
      if (!res.destroyed) res.end();
    };
    write();
  }

  return {
    ca,
    baseUrl,
    host: `127.0.0.1:${port}`,
    ocspUrl: (mode = "ok") => `${baseUrl}/ocsp/${mode}`,
    crlUrl: (mode = "ok") => `${baseUrl}/crl/${mode}`,
    faultUrl: (mode) => `${baseUrl}/fault/${mode}`,
    register: (serialHex) => void known.add(normaliseSerial(serialHex)),
    revoke: (serialHex, revocation) => void revoked.set(normaliseSerial(serialHex), revocation),
    async issueLeaf(spec = {}) {
      const leaf = await createCodeSigningLeaf(ca, spec);
      known.add(normaliseSerial(leaf.serialHex));
      return leaf;
    },
    hits,
    hugeBytesWritten: () => hugeBytes,
    maxConcurrent: () => maxConcurrent,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function ocspError(status: number): Uint8Array {
    return new Uint8Array(
      new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) }).toSchema().toBER(false),
    );
  }
}

/** ECDSA P-256 / SHA-256 with node:crypto: pkijs' WebCrypto path made the responder the bottleneck of the benchmark. */
function signBasic(basic: pkijs.BasicOCSPResponse, key: CryptoKey) {
  basic.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: "1.2.840.10045.4.3.2" });
  basic.tbsResponseData.tbsView = new Uint8Array(basic.tbsResponseData.toSchema(true).toBER(false));
  const signature = cryptoSign("sha256", basic.tbsResponseData.tbsView, {
    key: KeyObject.from(key),
    dsaEncoding: "der",
  });
  basic.signature = new asn1js.BitString({ valueHex: signature });
}

function send(res: http.ServerResponse, status: number, type: string, body: Uint8Array) {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": type, "content-length": body.byteLength });
  res.end(body);
}
