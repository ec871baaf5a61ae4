// The demo PKI, generated at load time with the test CA (lib/x509/testing/test-ca.ts). Private
// keys exist only in memory for the length of the load; only certificates leave this module.
import {
  createTestIntermediateCa,
  createTestRootCa,
  generateTestKeyPair,
  issueCertificate,
  type TestCertificate,
  type TestKeyPair,
} from "@/lib/x509/testing/test-ca";
import type { DemoCertificate, DemoIssuer, DemoKey } from "./model";

const DAY_MS = 86_400_000;
const O = "O=Acme Corp,C=US";

export type DemoPki = Record<Exclude<DemoIssuer, "self">, TestCertificate> & {
  root: TestCertificate;
  firmwareCa: TestCertificate;
};

/** Key pairs by DemoKey name, all generated in parallel (RSA generation dominates the load time). */
export async function generateDemoKeys(keys: DemoKey[]): Promise<Map<string, TestKeyPair>> {
  const unique = new Map(keys.map((k) => [k.name, k]));
  const entries = await Promise.all(
    [...unique.values()].map(async (k) => [k.name, await generateTestKeyPair(k.spec)] as const),
  );
  return new Map(entries);
}

export const CA_KEYS: Record<"root" | "r1" | "e1" | "legacy" | "firmwareCa", DemoKey> = {
  root: {
    name: "ca:root",
    spec: "RSA-4096",
    custody: "hsm",
    custodyEvidence: "Offline root, Thales Luna 7 in the vault room; ceremony log 2021-03",
  },
  r1: { name: "ca:r1", spec: "RSA-4096", custody: "hsm", custodyEvidence: "Thales Luna 7 HSM cluster, PKI team" },
  e1: { name: "ca:e1", spec: "P-384", custody: "hsm", custodyEvidence: "Thales Luna 7 HSM cluster, PKI team" },
  legacy: { name: "ca:legacy", spec: "RSA-2048", custody: "software-file" },
  firmwareCa: {
    name: "ca:firmware",
    spec: "P-384",
    custody: "hsm",
    custodyEvidence: "Azure Key Vault Managed HSM, firmware subscription",
  },
};

function urls(name: string) {
  return {
    crlUrls: [`http://pki.acme.example/crl/${name}.crl`],
    ocspUrls: ["http://ocsp.acme.example"],
    caIssuersUrls: [`http://pki.acme.example/certs/${name}.cer`],
  };
}

function daysAgo(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export async function createDemoPki(now: Date, keys: Map<string, TestKeyPair>): Promise<DemoPki> {
  const root = await createTestRootCa({
    subject: `CN=Acme Root CA 2021,${O}`,
    key: keys.get(CA_KEYS.root.name),
    notBefore: daysAgo(now, 5 * 365),
    notAfter: daysAgo(now, -15 * 365),
  });
  // an intermediate under the root, issued `age` years ago and valid for `left` more years
  const intermediate = (name: string, key: keyof typeof CA_KEYS, years: { age: number; left: number }) =>
    createTestIntermediateCa(root, {
      subject: `${name},${O}`,
      key: keys.get(CA_KEYS[key].name),
      notBefore: daysAgo(now, years.age * 365),
      notAfter: daysAgo(now, -years.left * 365),
      ...urls("root"),
    });
  const [r1, e1, firmwareCa] = await Promise.all([
    intermediate("CN=Acme Code Signing CA R1", "r1", { age: 4, left: 6 }),
    intermediate("CN=Acme Code Signing CA E1", "e1", { age: 2, left: 8 }),
    intermediate("CN=Acme Firmware Signing CA,OU=Firmware & Devices", "firmwareCa", { age: 1, left: 4 }),
  ]);
  // the old build CA from before the PKI project: self-signed, RSA 2048, still issuing
  const legacy = await createTestRootCa({
    subject: `CN=Acme Legacy Build CA,OU=Build Infrastructure,${O}`,
    key: keys.get(CA_KEYS.legacy.name),
    notBefore: daysAgo(now, 9 * 365),
    notAfter: daysAgo(now, -6 * 365),
  });
  return { root, r1, e1, legacy, firmwareCa };
}

/** A leaf certificate as planned: the standard code-signing profile minus the plan's departures. */
export async function issueDemoCertificate(
  plan: DemoCertificate,
  context: { now: Date; subject: string; pki: DemoPki; keys: Map<string, TestKeyPair> },
): Promise<TestCertificate> {
  const keyPair = context.keys.get(plan.key.name);
  if (!keyPair) throw new Error(`demo key ${plan.key.name} was not generated`);
  const p = plan.profile ?? {};
  const issuerName = plan.issuer === "self" ? null : plan.issuer;
  const issuerUrls = issuerName ? urls(issuerName) : { crlUrls: [], ocspUrls: [], caIssuersUrls: [] };
  const notBefore = daysAgo(context.now, plan.notBeforeDaysAgo);
  return issueCertificate({
    subject: context.subject,
    issuer: issuerName ? context.pki[issuerName] : undefined,
    key: keyPair,
    notBefore,
    notAfter: new Date(notBefore.getTime() + plan.validDays * DAY_MS),
    keyUsage: ["digitalSignature"],
    isKeyUsageCritical: p.isKeyUsageCritical ?? true,
    extendedKeyUsage: p.extendedKeyUsage ?? ["codeSigning"],
    crlUrls: p.hasCrl === false ? [] : issuerUrls.crlUrls,
    ocspUrls: p.hasOcsp === false ? [] : issuerUrls.ocspUrls,
    caIssuersUrls: p.hasCaIssuers === false ? [] : issuerUrls.caIssuersUrls,
    signatureHash: p.signatureHash,
  });
}
