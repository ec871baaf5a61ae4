// OCSP (RFC 6960): build a request with a nonce, and turn a response into a verified answer.
// Verification: the response must be signed by the issuer itself or by a delegated responder
// certificate (issued by that issuer, with id-kp-OCSPSigning, valid now) carried in the
// response; it must answer for the CertID we asked about; a nonce, when echoed, must be ours.
import { randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import { reasonFromCode, type RevocationReason } from "@/lib/domain/revocation";
import { decodeDer, OID, sameBytes, serialContentBytes, verifyKeyOf, verifySignature } from "./asn1";
import type { IssuerContext } from "./issuer";
import { pkijs } from "./pkijs-engine";
import { RevocationError } from "./types";

export type OcspRequest = { der: Uint8Array; certId: pkijs.CertID; nonce: Uint8Array };

export type OcspAnswer = {
  status: "good" | "revoked" | "unknown";
  thisUpdate: Date;
  nextUpdate: Date | null;
  revokedAt: Date | null;
  reason: RevocationReason | null;
  /** "issuer" or "delegated" */
  signedBy: "issuer" | "delegated";
};

/** Responses stamped this far in the future (clock skew) are still accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

const RESPONSE_STATUS: Record<number, string> = {
  1: "malformedRequest",
  2: "internalError",
  3: "tryLater",
  5: "sigRequired",
  6: "unauthorized",
};

export async function buildOcspRequest(
  subject: { serialHex: string; issuer: IssuerContext },
  nonce: Uint8Array = new Uint8Array(randomBytes(16)),
): Promise<OcspRequest> {
  // SHA-1 CertIDs are what RFC 5019 responders are required to understand
  const certId = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: "1.3.14.3.2.26", algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: subject.issuer.nameHashSha1 }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: subject.issuer.keyHashSha1 }),
    serialNumber: new asn1js.Integer({ valueHex: serialContentBytes(subject.serialHex) }),
  });
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({
      requestList: [new pkijs.Request({ reqCert: certId })],
      requestExtensions: [
        new pkijs.Extension({
          extnID: OID.ocspNonce,
          extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(false),
        }),
      ],
    }),
  });
  const der = new Uint8Array(request.toSchema(true).toBER(false));
  return { der, certId, nonce };
}

/** The verified status for the requested certificate; throws RevocationError otherwise. */
export async function evaluateOcspResponse(
  der: Uint8Array,
  context: { request: OcspRequest; issuer: IssuerContext; now: Date; url: string },
): Promise<OcspAnswer> {
  const { url } = context;
  const basic = decodeBasicResponse(der, url);
  const signedBy = await verifyResponder(basic, context);
  checkNonce(basic, context.request.nonce, url);
  const single = basic.tbsResponseData.responses.find((r) => r.certID.isEqual(context.request.certId));
  if (!single)
    throw new RevocationError(
      "certid-mismatch",
      `OCSP ${url}: the response does not cover the requested certificate (CertID mismatch)`,
    );
  const thisUpdate = single.thisUpdate;
  const nextUpdate = single.nextUpdate ?? null;
  const now = context.now.getTime();
  if (thisUpdate.getTime() > now + CLOCK_SKEW_MS) {
    throw new RevocationError(
      "not-yet-valid",
      `OCSP ${url}: response thisUpdate ${thisUpdate.toISOString()} is in the future`,
    );
  }
  if (nextUpdate && nextUpdate.getTime() < now - CLOCK_SKEW_MS) {
    throw new RevocationError(
      "expired",
      `OCSP ${url}: stale response (nextUpdate ${nextUpdate.toISOString()} has passed)`,
    );
  }
  return { ...certStatusOf(single, url), thisUpdate, nextUpdate, signedBy };
}

function decodeBasicResponse(der: Uint8Array, url: string): pkijs.BasicOCSPResponse {
  let response: pkijs.OCSPResponse;
  try {
    response = new pkijs.OCSPResponse({ schema: decodeDer(der, `OCSP ${url}: the response`) });
  } catch (error) {
    if (error instanceof RevocationError) throw error;
    throw new RevocationError("malformed", `OCSP ${url}: the response is not an OCSPResponse`, { cause: error });
  }
  const status = response.responseStatus.valueBlock.valueDec;
  if (status !== 0) {
    throw new RevocationError(
      "responder-status",
      `OCSP ${url}: responder answered ${RESPONSE_STATUS[status] ?? `status ${status}`}`,
    );
  }
  if (!response.responseBytes || response.responseBytes.responseType !== OID.ocspBasic) {
    throw new RevocationError("malformed", `OCSP ${url}: not a basic OCSP response`);
  }
  try {
    const inner = decodeDer(response.responseBytes.response.valueBlock.valueHexView, `OCSP ${url}: the basic response`);
    return new pkijs.BasicOCSPResponse({ schema: inner });
  } catch (error) {
    if (error instanceof RevocationError) throw error;
    throw new RevocationError("malformed", `OCSP ${url}: the basic response is malformed`, { cause: error });
  }
}

async function verifyResponder(
  basic: pkijs.BasicOCSPResponse,
  context: { issuer: IssuerContext; now: Date; url: string },
): Promise<"issuer" | "delegated"> {
  const data = basic.tbsResponseData.tbsView;
  if (await verifySignature(data, basic.signature, context.issuer.key, basic.signatureAlgorithm)) return "issuer";
  const problems: string[] = [];
  for (const candidate of basic.certs ?? []) {
    const problem = await delegationProblem(candidate, context.issuer, context.now);
    if (problem) {
      problems.push(problem);
      continue;
    }
    if (
      await verifySignature(
        data,
        basic.signature,
        verifyKeyOf(candidate.subjectPublicKeyInfo),
        basic.signatureAlgorithm,
      )
    )
      return "delegated";
    problems.push("the delegated responder's key does not verify the signature");
  }
  const detail = problems.length ? `; responder certificates: ${[...new Set(problems)].join("; ")}` : "";
  throw new RevocationError(
    problems.length ? "unauthorized-responder" : "bad-signature",
    `OCSP ${context.url}: the response signature does not verify with the issuer's key${detail}`,
  );
}

/** Why `candidate` may not sign OCSP responses for `issuer`'s certificates, or null if it may. */
async function delegationProblem(
  candidate: pkijs.Certificate,
  issuer: IssuerContext,
  now: Date,
): Promise<string | null> {
  const signedByIssuer = await verifySignature(
    candidate.tbsView,
    candidate.signatureValue,
    issuer.key,
    candidate.signatureAlgorithm,
  );
  if (!signedByIssuer || !candidate.issuer.isEqual(issuer.cert.subject))
    return "not issued by the certificate's issuer";
  const eku = candidate.extensions?.find((e) => e.extnID === OID.extKeyUsage)?.parsedValue as
    pkijs.ExtKeyUsage | undefined;
  if (!eku?.keyPurposes.includes(OID.ocspSigning)) return "no id-kp-OCSPSigning extended key usage";
  if (candidate.notBefore.value > now || candidate.notAfter.value < now)
    return "the responder certificate is not valid now";
  return null;
}

function checkNonce(basic: pkijs.BasicOCSPResponse, nonce: Uint8Array, url: string) {
  const ext = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === OID.ocspNonce);
  // many responders (pre-signed, CDN-cached) never echo the nonce: that is allowed
  if (!ext) return;
  const value = ext.extnValue.valueBlock.valueHexView;
  const wrapped = new asn1js.OctetString({ valueHex: nonce }).toBER(false);
  // RFC 6960 wraps the nonce in an OCTET STRING; some responders echo it bare
  if (!sameBytes(value, wrapped) && !sameBytes(value, nonce)) {
    throw new RevocationError(
      "nonce-mismatch",
      `OCSP ${url}: the response nonce does not match the request (possible replay)`,
    );
  }
}

function certStatusOf(single: pkijs.SingleResponse, url: string): Pick<OcspAnswer, "status" | "revokedAt" | "reason"> {
  const status = single.certStatus as asn1js.BaseBlock & { idBlock: { tagClass: number; tagNumber: number } };
  const tag = status.idBlock.tagNumber;
  if (tag === 0) return { status: "good", revokedAt: null, reason: null };
  if (tag === 2) return { status: "unknown", revokedAt: null, reason: null };
  if (tag !== 1) throw new RevocationError("malformed", `OCSP ${url}: unknown certStatus [${tag}]`);
  // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
  const parts = (status as unknown as asn1js.Constructed).valueBlock.value;
  const time = parts[0];
  if (!(time instanceof asn1js.GeneralizedTime))
    throw new RevocationError("malformed", `OCSP ${url}: revoked status without a revocation time`);
  let reason: RevocationReason | null = null;
  const tagged = parts[1] as asn1js.Constructed | undefined;
  const enumerated = tagged?.valueBlock?.value?.[0];
  if (enumerated instanceof asn1js.Enumerated) reason = reasonFromCode(enumerated.valueBlock.valueDec);
  return { status: "revoked", revokedAt: time.toDate(), reason };
}
