import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { listFindingPage } from "@/lib/db/findings/list";
import { listGateDecisions } from "@/lib/db/gate/decisions";
import { listKeyPage } from "@/lib/db/keys/list";
import { listSignerPage } from "@/lib/db/signers/list";
import {
  certificateFiltersSchema,
  findingFiltersSchema,
  gateDecisionFiltersSchema,
  keyFiltersSchema,
  parseFilters,
  signerFiltersSchema,
} from "@/lib/domain/inventory-filters";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { numberedCertificate } from "@/lib/testing/inventory-seed";
import { computeOverview } from "./overview";

// A team lead who owns more signers than SQLite binds in one statement (999): every owner-scoped
// read turns the owner's scope into id lists, which must not travel as that many bound values.

const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const SIGNERS = 1_200;

describeEachDatabase("an owner of 1,200 signers", (database) => {
  let db: Db;
  let lead: ScopeUser;
  openTestDb(database, (client) => (db = client));

  beforeAll(async () => {
    const person = await db.person.create({ data: { name: "Lead", email: "lead@example.test" } });
    lead = { role: "owner", personId: person.id };
    const key = await db.signingKey.create({
      data: {
        spkiSha256: "0a".repeat(32),
        algorithm: "RSA",
        bits: 3072,
        firstSeenAt: new Date(NOW.getTime() - 400 * DAY),
      },
    });
    const signers = Array.from({ length: SIGNERS }, (_, i) => ({
      id: `lead-signer-${i}`,
      name: `lead-${i}`,
      kind: "ci-pipeline",
      primaryOwnerId: person.id,
    }));
    await db.signer.createMany({ data: signers });
    await db.certificate.createMany({
      data: signers.map((_, i) => ({
        id: `lead-cert-${i}`,
        ...numberedCertificate(i + 1, {
          keyId: key.id,
          notBefore: new Date(NOW.getTime() - 100 * DAY),
          notAfter: new Date(NOW.getTime() + (i % 2 ? 10 : 300) * DAY),
        }),
      })),
    });
    await db.signerCertificate.createMany({
      data: signers.map((s, i) => ({ signerId: s.id, certificateId: `lead-cert-${i}` })),
    });
    await db.finding.createMany({
      data: signers.map((s) => ({
        ruleId: "signer.no-backup-owner",
        severity: "medium",
        severityRank: 2,
        subjectType: "signer",
        subjectId: s.id,
        signerId: s.id,
        message: "no backup owner",
      })),
    });
  });

  it("sees every list and the overview, counted as the lists count", async () => {
    const signers = await listSignerPage(db, lead, parseFilters(signerFiltersSchema, {}));
    expect(signers.total).toBe(SIGNERS);
    const certificates = await listCertificatePage(db, lead, parseFilters(certificateFiltersSchema, {}), NOW);
    expect(certificates.total).toBe(SIGNERS);
    const expiring = await listCertificatePage(
      db,
      lead,
      parseFilters(certificateFiltersSchema, { status: "expiring" }),
      NOW,
    );
    expect(expiring.total).toBe(SIGNERS / 2);
    const findings = await listFindingPage(db, lead, parseFilters(findingFiltersSchema, {}), NOW);
    expect(findings.total).toBe(SIGNERS);
    const keys = await listKeyPage(db, lead, parseFilters(keyFiltersSchema, {}), NOW);
    expect(keys.total).toBe(1);
    const decisions = await listGateDecisions(db, lead, parseFilters(gateDecisionFiltersSchema, {}));
    expect(decisions.total).toBe(0);
    const overview = await computeOverview(db, lead, NOW);
    expect(overview.openFindings.count).toBe(findings.total);
  });
});
