import { generateKeyPairSync } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { type Db, type Tx, type DbOrTx, withTransaction } from "@/lib/db/client";
import { createAnswerRow, createAttestationRows, createCampaignRow } from "@/lib/db/attestations/attestations";
import { certificateKeyId } from "@/lib/db/certificates/certificates";
import { updateRevocationState } from "@/lib/db/certificates/revocation-state";
import { setKeyCustody } from "@/lib/db/keys/keys";
import { createPerson, createTeam } from "@/lib/db/people/people";
import { insertApprovalRequest } from "@/lib/db/approvals/approvals";
import {
  addPrivilege,
  countSigners,
  createSigner,
  grantsInForce,
  makePrivilegeJustInTime,
} from "@/lib/db/signers/signers";
import { insertSigningEvents } from "@/lib/db/signing-events/signing-activity";
import { insertSignerCredential } from "@/lib/db/signers/credentials";
import { parseCertificateFile } from "@/lib/x509";
import { buildDemoDataset, daysAgo, demoEmail, type DemoDataset, type DemoIssuedCertificate } from "@/prisma/demo";
import { recordAuditBy, type Actor } from "./audit";
import { evaluateFindings, type EvaluateFindingsResult } from "./evaluate-findings";
import { importCertificates } from "./import-certificates";
import { storeCertificates } from "./store-certificates";
import { writeDemoDrill } from "./write-demo-drill";

// Loads the demo inventory (prisma/demo) into an empty database in one transaction, then
// evaluates findings over it. Certificates go through the same storage path as an import.

export type LoadDemoDataResult = {
  teams: number;
  people: number;
  signers: number;
  certificates: number;
  signingEvents: number;
  attestations: number;
  findings: EvaluateFindingsResult;
  durationMs: number;
};

export async function loadDemoData(db: Db, input: { now: Date; actor: Actor }): Promise<LoadDemoDataResult> {
  const started = performance.now();
  await assertEmpty(db);
  const dataset = await buildDemoDataset({ now: input.now });
  const parsed = dataset.certificates.map((c) => ({ plan: c, facts: parseOrThrow(c) }));

  const counts = await withTransaction(
    db,
    async (tx) => {
      await assertEmpty(tx); // a second admin may have clicked at the same time
      const written = await writeDataset(tx, dataset, parsed, input.now);
      await recordAuditBy(tx, input, {
        action: "demo.loaded",
        summary: `Demo data loaded: ${written.signers} signers, ${written.certificates} certificates, ${written.signingEvents} signing events`,
        details: written,
      });
      return written;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );

  await simulatePrivateKeyUpload(db, input.now);
  const findings = await evaluateFindings(db, { now: input.now });
  return { ...counts, findings, durationMs: Math.round(performance.now() - started) };
}

async function assertEmpty(db: DbOrTx) {
  const existing = await countSigners(db);
  if (existing > 0) {
    throw new AppError(
      "conflict",
      `Demo data can only be loaded into an empty inventory; ${existing} signer${existing === 1 ? "" : "s"} already exist`,
    );
  }
}

function parseOrThrow(c: DemoIssuedCertificate) {
  const result = parseCertificateFile(c.der, { fileName: c.fileName });
  if (result.errors.length > 0 || result.certificates.length !== 1) {
    throw new AppError(
      "internal",
      `Demo certificate ${c.fileName} did not parse: ${result.errors.map((e) => e.message).join("; ")}`,
    );
  }
  return result.certificates;
}

async function writeDataset(
  tx: Tx,
  dataset: DemoDataset,
  parsed: { plan: DemoIssuedCertificate; facts: ReturnType<typeof parseOrThrow> }[],
  now: Date,
) {
  const teamIds = new Map<string, string>();
  for (const t of dataset.teams)
    teamIds.set(t.key, (await createTeam(tx, { name: t.name, email: t.email, description: t.description })).id);
  const personIds = new Map<string, string>();
  for (const p of dataset.people) {
    const person = await createPerson(tx, {
      name: p.name,
      email: demoEmail(p),
      teamId: teamIds.get(p.team),
      ciHandles: p.ciHandles,
      isActive: !p.hasLeft,
      deactivatedAt: p.hasLeft ? daysAgo(now, p.leftDaysAgo ?? 30) : null,
    });
    personIds.set(p.key, person.id);
  }
  const signerIds = new Map<string, string>();
  for (const { signer: s } of dataset.signers) {
    const created = await createSigner(tx, {
      name: s.name,
      kind: s.kind,
      platform: s.platform,
      environments: s.environments,
      artifactTypes: s.artifactTypes,
      description: s.description,
      status: s.status ?? "active",
      statusChangedAt: s.status && s.status !== "active" ? daysAgo(now, 60) : null,
      credentialType: s.credential.type,
      credentialExpiresAt: s.credential.expiresInDays === undefined ? null : daysAgo(now, -s.credential.expiresInDays),
      custody: s.declaredCustody?.custody ?? "unknown",
      custodyEvidence: s.declaredCustody?.evidence ?? null,
      custodyAttestedAt: s.declaredCustody?.evidence ? daysAgo(now, 30) : null,
      primaryOwnerId: s.primary ? personIds.get(s.primary) : null,
      backupOwnerId: s.backup ? personIds.get(s.backup) : null,
      teamId: teamIds.get(s.team),
      createdAt: daysAgo(now, s.createdDaysAgo),
    });
    signerIds.set(s.name, created.id);
    for (const c of s.moreCredentials ?? [])
      await insertSignerCredential(tx, created.id, {
        kind: c.kind,
        name: c.name,
        location: c.location,
        expiresAt: c.expiresInDays === undefined ? null : daysAgo(now, -c.expiresInDays),
        lastRotatedAt: c.rotatedDaysAgo === undefined ? null : daysAgo(now, c.rotatedDaysAgo),
      });
  }

  const certificateIds: string[] = [];
  const custodyDone = new Set<string>();
  for (const { plan, facts } of parsed) {
    const stored = await storeCertificates(tx, facts, {
      actor: { type: "system", label: "demo" },
      source: "demo",
      signerId: plan.signerName ? signerIds.get(plan.signerName) : undefined,
      fileName: plan.fileName,
      now,
      isAudited: false,
    });
    const id = stored.idBySha256.get(facts[0].sha256)!;
    certificateIds.push(id);
    const keyId = await certificateKeyId(tx, id);
    if (!custodyDone.has(keyId)) {
      custodyDone.add(keyId);
      const k = plan.key;
      await setKeyCustody(tx, keyId, {
        custody: k.custody,
        custodyEvidence: k.custodyEvidence ?? null,
        custodyAttestedAt: k.custodyEvidence ? daysAgo(now, 45) : null,
        createdAt: k.createdDaysAgo === undefined ? null : daysAgo(now, k.createdDaysAgo),
      });
    }
    if (plan.revocation?.status === "revoked") {
      const at = daysAgo(now, plan.revocation.revokedDaysAgo);
      await updateRevocationState(tx, id, {
        revocationStatus: "revoked",
        revocationSource: "crl",
        revocationReason: plan.revocation.reason,
        revokedAt: at,
        revocationCheckedAt: daysAgo(now, 1),
      });
    } else if (plan.revocation?.status === "unknown") {
      await updateRevocationState(tx, id, {
        revocationStatus: "unknown",
        revocationCheckedAt: daysAgo(now, plan.revocation.checkedDaysAgo),
        revocationError: plan.revocation.error,
      });
    }
  }

  let signingEvents = 0;
  for (const { signer, events, privileges } of dataset.signers) {
    const signerId = signerIds.get(signer.name)!;
    for (const p of privileges) {
      await addPrivilege(tx, {
        signerId,
        scope: p.scope,
        environment: p.environment ?? null,
        grantedAt: daysAgo(now, p.grantedDaysAgo),
        lastExercisedAt: p.lastExercisedDaysAgo === null ? null : daysAgo(now, p.lastExercisedDaysAgo),
      });
    }
    signingEvents += (
      await insertSigningEvents(
        tx,
        events.map(({ certificateRef, ...event }) => ({
          ...event,
          signerId,
          certificateId: certificateRef === null ? null : certificateIds[certificateRef],
          recordedAt: event.signedAt,
        })),
      )
    ).length;
  }
  const attestations = await writeCampaign(tx, dataset, { teamIds, personIds, signerIds, now });
  const labelOf = (key: string) => demoEmail(dataset.people.find((p) => p.key === key)!);
  await writeDemoDrill(tx, dataset.drill, { signerIds, personIds, labelOf, now });
  await writeApproval(tx, dataset, { signerIds, now });
  return {
    teams: dataset.teams.length,
    people: dataset.people.length,
    signers: dataset.signers.length,
    certificates: certificateIds.length,
    signingEvents,
    attestations,
  };
}

/** One just-in-time grant with an open request for a window (no mail: the owners are made up). */
async function writeApproval(tx: Tx, dataset: DemoDataset, ids: { signerIds: Map<string, string>; now: Date }) {
  const a = dataset.approval;
  const signerId = ids.signerIds.get(a.signer)!;
  const grant = (await grantsInForce(tx, signerId)).find(
    (g) => g.environment === a.environment && g.scope.startsWith("sign:"),
  );
  if (!grant) throw new Error(`demo: ${a.signer} has no signing grant in ${a.environment}`);
  await makePrivilegeJustInTime(tx, grant.id);
  await insertApprovalRequest(tx, {
    privilegeId: grant.id,
    signerId,
    environment: a.environment,
    reason: a.reason,
    windowStartsAt: ids.now,
    windowEndsAt: new Date(ids.now.getTime() + a.hours * 3_600_000),
    triggeredBy: a.triggeredBy,
    requestedByType: "token",
    requestedById: null,
    requestedByLabel: a.requestedBy,
    requestedAt: ids.now,
  });
}

/**
 * The past-due campaign, written as rows (not through startCampaign, which queues invitations):
 * mail is off for it, so neither this load nor the reminder job ever emails the made-up owners.
 */
async function writeCampaign(
  tx: Tx,
  dataset: DemoDataset,
  ids: { teamIds: Map<string, string>; personIds: Map<string, string>; signerIds: Map<string, string>; now: Date },
): Promise<number> {
  const c = dataset.campaign;
  const { now } = ids;
  const createdAt = daysAgo(now, c.createdDaysAgo);
  const campaign = await createCampaignRow(tx, {
    name: c.name,
    scopeJson: JSON.stringify({ kind: "team", teamId: ids.teamIds.get(c.team)! }),
    dueAt: daysAgo(now, c.dueDaysAgo),
    reminderEveryDays: c.reminderEveryDays,
    recurrence: "none",
    autoSuspendAfterDays: null,
    createdById: null,
    parentId: null,
    createdAt,
    isMailEnabled: false,
  });
  const left = new Set(dataset.people.filter((p) => p.hasLeft).map((p) => p.key));
  const rows = c.tasks.map((t) => {
    const { signer } = dataset.signers.find((s) => s.signer.name === t.signer)!;
    // as startCampaign chooses: the primary owner, or the backup when the primary has left
    const owner = signer.primary && !left.has(signer.primary) ? signer.primary : signer.backup!;
    return {
      task: t,
      row: {
        campaignId: campaign.id,
        signerId: ids.signerIds.get(t.signer)!,
        assigneeId: ids.personIds.get(owner)!,
        createdAt,
        status: t.answeredDaysAgo === undefined ? ("pending" as const) : ("submitted" as const),
        submittedAt: t.answeredDaysAgo === undefined ? null : daysAgo(now, t.answeredDaysAgo),
        escalatedAt: t.escalatedDaysAgo === undefined ? null : daysAgo(now, t.escalatedDaysAgo),
      },
    };
  });
  const created = await createAttestationRows(
    tx,
    rows.map((r) => r.row),
  );
  for (const [i, { task, row }] of rows.entries()) {
    if (task.answeredDaysAgo === undefined) continue;
    const grants = await grantsInForce(tx, row.signerId);
    await createAnswerRow(tx, {
      attestationId: created[i].id,
      answeredByUserId: "demo",
      answeredByPersonId: row.assigneeId,
      isStillNeeded: true,
      privilegeDecisionsJson: JSON.stringify(
        grants.map((g) => ({ privilegeId: g.id, scope: g.scope, environment: g.environment, decision: "keep" })),
      ),
      isCustodyConfirmed: true,
      custodyCorrection: null,
      custodyEvidence: null,
      comment: task.comment ?? null,
      supersedesId: null,
      createdAt: row.submittedAt!,
    });
  }
  return created.length;
}

/**
 * Shows the refusal path: somebody "uploads" a signing key. The key is made up on the spot, held
 * only in memory, refused by the importer like any other, and never stored; what remains is the
 * audit event and the key.private-key-submitted finding.
 */
async function simulatePrivateKeyUpload(db: Db, now: Date) {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  await importCertificates(
    db,
    {
      files: [{ name: "jenkins-agent-07-codesign.key.pem", bytes: new TextEncoder().encode(pem) }],
      actor: { type: "system", label: "demo: simulated upload from jenkins-agent-07" },
      source: "upload",
    },
    { now, isEvaluating: false },
  );
}
