// A simulated year: the findings job runs once a day with the clock moved forward, over signers
// with a renewal that rekeys, a certificate that lapses, a revocation, a suspension and a lapsed
// attestation campaign, and two credentials of one signer expiring two months apart. Every time-based finding must open, change severity and resolve on the
// right day, with only a handful of subjects evaluated per run, and a full re-evaluation at the
// end must find nothing the daily runs missed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createPerson } from "@/lib/db/people/people";
import { createSigner } from "@/lib/db/signers/signers";
import { describeEachDatabase } from "@/lib/testing/databases";
import { createCodeSigningLeaf, createTestCas, type TestCertificate } from "@/lib/x509/testing/test-ca";
import { changeSignerStatus } from "@/lib/services/change-signer-status";
import { evaluateDueFindings } from "@/lib/services/evaluate-due-findings";
import { evaluateFindings } from "@/lib/services/evaluate-findings";
import { importCertificates } from "@/lib/services/import-certificates";
import { addSignerCredential } from "@/lib/services/manage-signer-credentials";
import { recordRevocation } from "@/lib/services/record-revocation";
import { recordSigningEvent } from "@/lib/services/record-signing-event";
import { startCampaign } from "@/lib/services/start-campaign";

const DAY = 86_400_000;
const T0 = new Date("2027-01-01T00:00:00Z");
const on = (day: number) => new Date(T0.getTime() + day * DAY);
/** the job runs at 06:00 each day; certificate dates fall on midnight */
const step = (day: number) => new Date(on(day).getTime() + 6 * 3_600_000);
const actor = { type: "system", label: "year test" } as const;
const pem = (c: TestCertificate) => new TextEncoder().encode(c.pem);

const TRACKED = new Set([
  "cert.expired",
  "cert.expiring",
  "cert.revocation-unknown",
  "cert.revoked-in-use",
  "key.rotation-overdue",
  "signer.stale",
  "signer.attestation-overdue",
  "signer.credential-expiring",
]);

const certs: Record<string, TestCertificate> = {};
beforeAll(async () => {
  const { intermediate: ca } = await createTestCas({ notBefore: on(-800) });
  const leaf = (cn: string, notBefore: number, notAfter: number, extra: { ocspUrls?: string[] } = {}) =>
    createCodeSigningLeaf(ca, {
      subject: `CN=${cn},O=Acme,C=US`,
      notBefore: on(notBefore),
      notAfter: on(notAfter),
      ...extra,
    });
  certs.A1 = await leaf("renew-bot", -330, 65);
  certs.A2 = await leaf("renew-bot", 58, 423); // the renewal, with a new key
  certs.B1 = await leaf("lapse-bot", -200, 100, { ocspUrls: ["http://ocsp.acme.test"] });
  certs.C1 = await leaf("revoked-bot", -10, 500);
  certs.D1 = await leaf("campaign-bot", -10, 700);
});

// day: what changed for a tracked finding (opened, resolved, or a new severity)
const EXPECTED = [
  "8 open cert.revocation-unknown B1",
  "10 open cert.expiring B1 low",
  "35 open key.rotation-overdue key:A1",
  "35 severity cert.expiring A1 medium",
  "51 severity cert.expiring A1 high",
  "60 resolve cert.expiring A1", // the renewal is imported: A1 is superseded
  "60 resolve key.rotation-overdue key:A1", // A1 superseded: its key is retired (lib/db/keys/list.ts keyInServiceCertificateWhere)
  "70 severity cert.expiring B1 medium",
  "80 open signer.stale A",
  "80 open signer.stale B",
  "80 open signer.stale D",
  "86 severity cert.expiring B1 high",
  "89 open signer.stale C",
  "100 open cert.expired B1",
  "100 resolve cert.expiring B1",
  "100 resolve cert.revocation-unknown B1",
  "100 resolve signer.stale B", // no valid certificate any more
  "100 resolve signer.stale D", // it signed
  "120 open cert.revoked-in-use C1", // recorded as revoked
  "120 resolve signer.stale C",
  "130 resolve cert.revoked-in-use C1", // suspended
  "154 open signer.attestation-overdue D", // the campaign lapsed
  // no rotation finding for B1 (expired on day 100) nor C1 (revoked on day 120): their keys are retired
  "186 open signer.credential-expiring A:SIGN_TOKEN", // two credentials of one signer, each on its own day
  "190 open signer.stale D",
  "236 open signer.credential-expiring A:GCP_SA_KEY",
  "333 open cert.expiring A2 low",
  "355 open key.rotation-overdue key:D1",
];

describeEachDatabase("findings over a simulated year", (database) => {
  let db: Db;
  const label = new Map<string, string>();
  const signerIds: Record<string, string> = {};

  beforeAll(async () => {
    db = createDb(database.url);
    const olu = await createPerson(db, { name: "Olu Owner", email: "olu@acme.example" });
    const bea = await createPerson(db, { name: "Bea Backup", email: "bea@acme.example" });
    const created = { A: -10, B: -10, C: -1, D: -10 };
    for (const [name, day] of Object.entries(created)) {
      const s = await createSigner(db, {
        name: `${name}-bot`,
        kind: "ci-pipeline",
        primaryOwnerId: olu.id,
        backupOwnerId: bea.id,
        credentialType: "oidc",
        createdAt: on(day),
      });
      signerIds[name] = s.id;
      label.set(s.id, name);
    }
    // written without evaluation, as by an import that stopped before evaluating: the job's first run must catch up
    for (const name of ["A1", "B1", "C1", "D1"]) await importCertificate(name, step(0), { isEvaluating: false });
    expect(await db.certificate.count({ where: { nextEvaluationAt: null } })).toBe(4);
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  async function importCertificate(name: string, now: Date, options: { isEvaluating: boolean }) {
    const signerId = signerIds[name[0]];
    const r = await importCertificates(
      db,
      { files: [{ name: `${name}.pem`, bytes: pem(certs[name]) }], signerId, actor, source: "cli" },
      { now, ...options },
    );
    const row = await db.certificate.findUniqueOrThrow({ where: { sha256: r.files[0].certificates[0].sha256 } });
    label.set(row.id, name);
    label.set(row.keyId, `key:${name}`);
    return row.id;
  }

  async function openFindings() {
    const rows = await db.finding.findMany({
      where: { resolvedAt: null },
      select: { ruleId: true, subjectId: true, severity: true, evidenceJson: true },
    });
    return new Map(
      rows
        .filter((r) => TRACKED.has(r.ruleId))
        .flatMap((r) => {
          const key = `${r.ruleId} ${label.get(r.subjectId) ?? r.subjectId}`;
          if (r.ruleId !== "signer.credential-expiring") return [[key, r.severity] as const];
          // one entry per credential the finding names, so each credential's day shows
          const { credentials } = JSON.parse(r.evidenceJson) as { credentials: { name: string }[] };
          return credentials.map((c) => [`${key}:${c.name}`, r.severity] as const);
        }),
    );
  }

  /** The writes of the year, done at 06:00 before that day's job run. */
  async function writesOn(day: number) {
    const now = step(day);
    if (day === 10) {
      const credential = { kind: "ci-secret", location: "GitHub Actions secret in acme/renew" } as const;
      await addSignerCredential(
        db,
        signerIds.A,
        { ...credential, name: "SIGN_TOKEN", expiresAt: on(200) },
        { actor, now },
      );
      await addSignerCredential(
        db,
        signerIds.A,
        { ...credential, name: "GCP_SA_KEY", expiresAt: on(250) },
        { actor, now },
      );
    }
    if (day === 60) await importCertificate("A2", now, { isEvaluating: true });
    if (day === 100) {
      await recordSigningEvent(
        db,
        {
          signerId: signerIds.D,
          artifactName: "app-2.0.jar",
          artifactDigest: `sha256:${"d".repeat(64)}`,
          environment: "production",
          isInteractive: false,
          signedAt: new Date(now.getTime() - 3_600_000).toISOString(),
        },
        { actor, now, token: null },
      );
    }
    if (day === 120) {
      const c1 = [...label].find(([, l]) => l === "C1")![0];
      await recordRevocation(
        db,
        { certificateId: c1, kind: "recorded-revoked", reason: "keyCompromise", requestedAt: now },
        actor,
        { now },
      );
    }
    if (day === 130)
      await changeSignerStatus(db, signerIds.C, { status: "suspended", reason: "key compromised" }, { actor, now });
    if (day === 140) {
      await startCampaign(
        db,
        { name: "Q2 ownership review", scope: { kind: "signers", signerIds: [signerIds.D] }, dueAt: on(154) },
        { actor, now, baseUrl: "http://localhost" },
      );
    }
  }

  it("raises and resolves every time-based finding on its day, evaluating little each day", async () => {
    const events: string[] = [];
    const evaluatedPerDay: number[] = [];
    let before = new Map<string, string>();
    for (let day = 0; day < 365; day++) {
      await writesOn(day);
      const run = await evaluateDueFindings(db, { now: step(day) });
      expect(run.mode).toBe("due");
      evaluatedPerDay.push(run.evaluated.certificates + run.evaluated.keys + run.evaluated.signers);
      const after = await openFindings();
      if (day > 0) {
        for (const [key, severity] of after) {
          if (!before.has(key))
            events.push(`${day} open ${key}${key.startsWith("cert.expiring") ? ` ${severity}` : ""}`);
          else if (before.get(key) !== severity) events.push(`${day} severity ${key} ${severity}`);
        }
        for (const key of before.keys()) if (!after.has(key)) events.push(`${day} resolve ${key}`);
      } else {
        // the first run evaluated what the interrupted import left behind
        expect(await db.certificate.count({ where: { nextEvaluationAt: null } })).toBe(0);
        expect([...after.keys()]).toContain("cert.expiring A1");
      }
      before = after;
    }
    const order = (e: string) => Number(e.split(" ")[0]);
    expect(events.sort((a, b) => order(a) - order(b) || a.localeCompare(b))).toEqual(
      [...EXPECTED].sort((a, b) => order(a) - order(b) || a.localeCompare(b)),
    );
    // incremental: most days evaluate nothing, none evaluates the whole inventory again
    expect(evaluatedPerDay.filter((n) => n === 0).length).toBeGreaterThan(300);
    expect(Math.max(...evaluatedPerDay.slice(1))).toBeLessThan(12);

    // the safety net finds nothing that the daily runs missed
    const full = await evaluateFindings(db, { now: step(364) });
    expect({ created: full.created, reopened: full.reopened, resolved: full.resolved }).toEqual({
      created: 0,
      reopened: 0,
      resolved: 0,
    });
  }, 300_000);
});
