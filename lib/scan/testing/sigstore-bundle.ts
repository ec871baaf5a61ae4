// A private Sigstore for tests: our own CA plays Fulcio, our own key plays Rekor (signed entry
// timestamp and checkpoint), and the trusted root JSON names both. Builds message-signature
// bundles over an artifact exactly as sigstore-js lays them out, so @sigstore/verify accepts them.
import { KeyObject, createHash, generateKeyPairSync, sign, type KeyObject as NodeKeyObject } from "node:crypto";
import { json } from "@sigstore/core";
import {
  createKeylessCiLeaf,
  createTestRootCa,
  type CertificateSpec,
  type TestCertificate,
} from "@/lib/x509/testing/test-ca";

const REKOR_URL = "https://rekor.signet.test";
const REKOR_ORIGIN = "rekor.signet.test - 1";
export const TEST_OIDC_ISSUER = "https://token.actions.githubusercontent.com";
export const TEST_WORKFLOW = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3";

export type TestSigstore = {
  fulcio: TestCertificate;
  rekor: { privateKey: NodeKeyObject; spki: Buffer; logId: Buffer };
  trustedRoot: unknown;
};

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");

function rekorKey() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  return { privateKey, spki, logId: createHash("sha256").update(spki).digest() };
}

export async function createTestSigstore(options: { validFrom?: Date } = {}): Promise<TestSigstore> {
  const validFrom = options.validFrom ?? new Date(Date.now() - 90 * 86_400_000);
  const fulcio = await createTestRootCa({ subject: "CN=Signet Test Fulcio,O=Signet Test", notBefore: validFrom });
  const rekor = rekorKey();
  const trustedRoot = {
    mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
    tlogs: [
      {
        baseUrl: REKOR_URL,
        hashAlgorithm: "SHA2_256",
        publicKey: { rawBytes: b64(rekor.spki), keyDetails: "PKIX_ECDSA_P256_SHA_256", validFor: { start: validFrom } },
        logId: { keyId: b64(rekor.logId) },
      },
    ],
    certificateAuthorities: [
      {
        subject: { organization: "Signet Test", commonName: "Signet Test Fulcio" },
        uri: "https://fulcio.signet.test",
        certChain: { certificates: [{ rawBytes: b64(fulcio.der) }] },
        validFor: { start: validFrom },
      },
    ],
    ctlogs: [],
    timestampAuthorities: [],
  };
  return { fulcio, rekor, trustedRoot };
}

export type BundleOptions = {
  /** when the log integrated the entry; default: a minute after the leaf's notBefore */
  integratedTime?: Date;
  /** the leaf's validity start; it lasts ten minutes, as Fulcio's do */
  signedAt?: Date;
  /** another CA than the trusted "Fulcio" issues the leaf */
  issuer?: TestCertificate;
  /** another key than the trusted "Rekor" signs the entry timestamp and checkpoint */
  rekor?: TestSigstore["rekor"];
  /** v0.1 with an inclusion proof that has no checkpoint (crashes @sigstore/verify) */
  version?: "0.1" | "0.3" | "0.1-proof-without-checkpoint";
  leaf?: Partial<CertificateSpec>;
  logIndex?: number;
};

/** A keyless message-signature bundle over `artifact`, logged in the test Rekor. */
export async function createTestBundle(sigstore: TestSigstore, artifact: Uint8Array, options: BundleOptions = {}) {
  const signedAt = options.signedAt ?? new Date(Date.now() - 3_600_000);
  const leaf = await createKeylessCiLeaf(options.issuer ?? sigstore.fulcio, {
    key: "P-256",
    notBefore: signedAt,
    notAfter: new Date(signedAt.getTime() + 10 * 60_000),
    ...options.leaf,
  });
  const digest = createHash("sha256").update(artifact).digest();
  const signature = sign("sha256", artifact, {
    key: KeyObject.from(leaf.keyPair.keys.privateKey),
    dsaEncoding: "der",
  });
  const body = Buffer.from(
    json.canonicalize({
      apiVersion: "0.0.1",
      kind: "hashedrekord",
      spec: {
        data: { hash: { algorithm: "sha256", value: digest.toString("hex") } },
        signature: { content: b64(signature), publicKey: { content: b64(Buffer.from(leaf.pem)) } },
      },
    }),
  );
  const rekor = options.rekor ?? sigstore.rekor;
  const integratedTime = Math.floor((options.integratedTime ?? new Date(signedAt.getTime() + 60_000)).getTime() / 1000);
  const logIndex = options.logIndex ?? 0;
  const logID = sigstore.rekor.logId;
  const set = sign(
    "sha256",
    Buffer.from(json.canonicalize({ body: b64(body), integratedTime, logIndex, logID: logID.toString("hex") })),
    rekor.privateKey,
  );
  // a one-leaf tree: its root is the leaf hash and the proof has no hashes
  const root = createHash("sha256")
    .update(Buffer.concat([Buffer.from([0]), body]))
    .digest();
  const note = `${REKOR_ORIGIN}\n1\n${b64(root)}\n`;
  const noteSignature = Buffer.concat([
    rekor.logId.subarray(0, 4),
    sign("sha256", Buffer.from(note), rekor.privateKey),
  ]);
  const version = options.version ?? "0.3";
  const inclusionProof = {
    logIndex: "0", // the index in the one-leaf tree (as in a shard), not the entry's global logIndex
    rootHash: b64(root),
    treeSize: "1",
    hashes: [],
    ...(version === "0.1-proof-without-checkpoint"
      ? {}
      : { checkpoint: { envelope: `${note}\n\u2014 ${new URL(REKOR_URL).host} ${b64(noteSignature)}\n` } }),
  };
  const entry = {
    logIndex: String(logIndex),
    logId: { keyId: b64(logID) },
    kindVersion: { kind: "hashedrekord", version: "0.0.1" },
    integratedTime: String(integratedTime),
    inclusionPromise: { signedEntryTimestamp: b64(set) },
    inclusionProof,
    canonicalizedBody: b64(body),
  };
  const isV03 = version === "0.3";
  const bundle = {
    mediaType: isV03
      ? "application/vnd.dev.sigstore.bundle.v0.3+json"
      : "application/vnd.dev.sigstore.bundle+json;version=0.1",
    verificationMaterial: {
      ...(isV03
        ? { certificate: { rawBytes: b64(leaf.der) } }
        : { x509CertificateChain: { certificates: [{ rawBytes: b64(leaf.der) }] } }),
      tlogEntries: [entry],
      timestampVerificationData: { rfc3161Timestamps: [] },
    },
    messageSignature: { messageDigest: { algorithm: "SHA2_256", digest: b64(digest) }, signature: b64(signature) },
  };
  return { bundle, leaf, json: new TextEncoder().encode(JSON.stringify(bundle)) };
}

export function otherRekorKey(): TestSigstore["rekor"] {
  return rekorKey();
}
