// The demo dataset factory: a realistic signing inventory made at run time. Certificates are
// generated with the test CA (keys only in memory, dropped when the load ends); everything else is
// plain data relative to `now`. lib/services/load-demo-data.ts writes it to the database.
import { DEMO_APPROVAL, type DemoApproval } from "./approvals";
import { DEMO_CAMPAIGN, type DemoCampaign } from "./attestation";
import { DEMO_DRILL, type DemoDrill } from "./drill";
import { planPrivileges, planSigningEvents, type CertificateWindow, type PlannedEvent } from "./activity";
import type { DemoCertificate, DemoKey, DemoPrivilege, DemoSigner } from "./model";
import { DEMO_PEOPLE, DEMO_TEAMS, demoEmail, type DemoPerson, type DemoTeam } from "./people";
import { CA_KEYS, createDemoPki, generateDemoKeys, issueDemoCertificate } from "./pki";
import { DEMO_SIGNERS } from "./signers";
import { UNASSIGNED_CERTIFICATES } from "./unassigned";

export { DEMO_PEOPLE, DEMO_SIGNERS, DEMO_TEAMS, demoEmail };
export type { DemoCampaign, DemoDrill, DemoPerson, DemoSigner, DemoTeam };

export type DemoIssuedCertificate = {
  fileName: string;
  der: Uint8Array;
  /** the signer that holds it; null for CA certificates and unassigned finds */
  signerName: string | null;
  key: DemoKey;
  revocation?: DemoCertificate["revocation"];
};

export type DemoSignerPlan = {
  signer: DemoSigner;
  events: PlannedEvent[];
  privileges: DemoPrivilege[];
};

export type DemoDataset = {
  teams: DemoTeam[];
  people: DemoPerson[];
  signers: DemoSignerPlan[];
  /** in import order: CAs first, so every leaf finds its issuer as it arrives */
  certificates: DemoIssuedCertificate[];
  campaign: DemoCampaign;
  drill: DemoDrill;
  approval: DemoApproval;
};

const DAY_MS = 86_400_000;

export async function buildDemoDataset(options: { now: Date }): Promise<DemoDataset> {
  const { now } = options;
  const leafPlans = DEMO_SIGNERS.flatMap((signer) =>
    signer.certificates.filter((c): c is DemoCertificate => c !== "firmware-ca").map((plan) => ({ signer, plan })),
  );
  const allPlans = [...leafPlans, ...UNASSIGNED_CERTIFICATES.map((plan) => ({ signer: null, plan }))];
  const keys = await generateDemoKeys([...Object.values(CA_KEYS), ...allPlans.map((p) => p.plan.key)]);
  const pki = await createDemoPki(now, keys);

  const certificates: DemoIssuedCertificate[] = [
    { fileName: "acme-root-ca-2021.pem", der: pki.root.der, signerName: null, key: CA_KEYS.root },
    { fileName: "acme-code-signing-ca-r1.pem", der: pki.r1.der, signerName: null, key: CA_KEYS.r1 },
    { fileName: "acme-code-signing-ca-e1.pem", der: pki.e1.der, signerName: null, key: CA_KEYS.e1 },
    { fileName: "acme-legacy-build-ca.pem", der: pki.legacy.der, signerName: null, key: CA_KEYS.legacy },
    // the firmware team signs with this CA certificate directly (cert.ca-signer)
    {
      fileName: "acme-firmware-signing-ca.pem",
      der: pki.firmwareCa.der,
      signerName: "firmware-bootloader-signing",
      key: CA_KEYS.firmwareCa,
    },
  ];
  const windowsBySigner = new Map<string, CertificateWindow[]>();
  const issued = await Promise.all(
    allPlans.map(async ({ signer, plan }, i) => {
      const team = signer ? DEMO_TEAMS.find((t) => t.key === signer.team)?.name : "Build Infrastructure";
      const name = signer?.name ?? plan.key.name;
      const cert = await issueDemoCertificate(plan, {
        now,
        pki,
        keys,
        subject: `CN=${name},OU=${team},O=Acme Corp,C=US`,
      });
      return { signer, plan, cert, fileName: `${name}-${cert.notBefore.toISOString().slice(0, 10)}-${i}.pem` };
    }),
  );
  for (const { signer, plan, cert, fileName } of issued) {
    const ref = certificates.length;
    certificates.push({
      fileName,
      der: cert.der,
      signerName: signer?.name ?? null,
      key: plan.key,
      revocation: plan.revocation,
    });
    if (signer) {
      const list = windowsBySigner.get(signer.name) ?? [];
      list.push({ ref, notBefore: cert.notBefore, notAfter: cert.notAfter });
      windowsBySigner.set(signer.name, list);
    }
  }
  // the bootloader signer's only certificate is the firmware CA (index 4)
  windowsBySigner.set("firmware-bootloader-signing", [
    { ref: 4, notBefore: pki.firmwareCa.notBefore, notAfter: pki.firmwareCa.notAfter },
  ]);

  const signers = DEMO_SIGNERS.map((signer) => {
    const events = planSigningEvents(signer, windowsBySigner.get(signer.name) ?? [], now);
    return { signer, events, privileges: planPrivileges(signer, events, now) };
  });
  return {
    teams: DEMO_TEAMS,
    people: DEMO_PEOPLE,
    signers,
    certificates,
    campaign: DEMO_CAMPAIGN,
    drill: DEMO_DRILL,
    approval: DEMO_APPROVAL,
  };
}

export function daysAgo(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
