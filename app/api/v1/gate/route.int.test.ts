import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeRoute, jsonBody, noParams, tokenRequest } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";
import type { FindingsPolicyOverrides } from "@/lib/domain/policy";
import { createGateException } from "@/lib/services/create-gate-exception";
import { whenLinked } from "@/lib/services/audit-sequencer";
import { evaluateDueFindings } from "@/lib/services/evaluate-due-findings";
import { setPolicy } from "@/lib/services/set-policy";
import { verifyAuditChain } from "@/lib/services/verify-audit-chain";
import { revocationCertificateRow } from "@/lib/testing/revocation-certificates";
import { GET as listDecisions } from "./decisions/route";
import { POST } from "./route";
import { GET as getVersion } from "../policy/versions/[version]/route";

// The release gate through its real route() wrapper (gate token, JSON body) on both databases:
// every deny reason, warn mode, exceptions, policy versions, the signing-time case and the repeat
// finding.

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const admin = { type: "user" as const, id: "admin-1", label: "Admin" };

type Answer = {
  decision: string;
  decisionId: string;
  policyVersion: number;
  signingTime: { source: string; at: string };
  reasons: { ruleId: string; check: string; effect: string; message: string; howToFix: string }[];
};

describeRoute("POST /api/v1/gate", (route) => {
  let db: Db;
  let tokens: Record<"gate" | "read" | "bound" | "ingest", string>;
  const signers: Record<string, { id: string; certificateId?: string; certificateSha256?: string }> = {};

  /** A signer with a grant for production, an HSM key and a valid certificate, unless told otherwise. */
  async function seedSigner(
    name: string,
    opts: {
      status?: string;
      custody?: string;
      grant?: { scope: string; environment: string } | null;
      certificate?: {
        notBefore?: Date;
        notAfter?: Date;
        revocationStatus?: string;
        revokedAt?: Date;
        checkedAt?: Date | null;
      } | null;
    } = {},
  ) {
    const s = await db.signer.create({
      data: { name, kind: "ci-pipeline", status: opts.status ?? "active", custody: opts.custody ?? "unknown" },
    });
    const grant = opts.grant === undefined ? { scope: "sign:release", environment: "production" } : opts.grant;
    if (grant) await db.privilege.create({ data: { signerId: s.id, ...grant } });
    signers[name] = { id: s.id };
    if (opts.certificate === null) return s.id;
    const c = opts.certificate ?? {};
    const key = await db.signingKey.create({
      data: { spkiSha256: randomBytes(32).toString("hex"), algorithm: "EC", custody: opts.custody ? "unknown" : "hsm" },
    });
    const row = revocationCertificateRow(
      randomBytes(64),
      key.id,
      { subject: `CN=${name}`, subjectCn: name, issuer: "CN=CA" },
      {
        notBefore: c.notBefore ?? ago(30),
        notAfter: c.notAfter ?? new Date(Date.now() + 300 * DAY),
      },
    );
    const cert = await db.certificate.create({
      data: {
        ...row,
        revocationStatus: c.revocationStatus ?? "good",
        revokedAt: c.revokedAt,
        revocationCheckedAt: c.checkedAt === undefined ? ago(1) : c.checkedAt,
        importedAt: ago(30),
        signers: { create: { signerId: s.id } },
      },
    });
    signers[name] = { id: s.id, certificateId: cert.id, certificateSha256: cert.sha256 };
    return s.id;
  }

  const ask = async (body: Record<string, unknown>, token = tokens.gate) => {
    const res = await POST(
      tokenRequest("/api/v1/gate", token, {
        method: "POST",
        ...jsonBody(body),
      }),
      noParams,
    );
    return { status: res.status, body: (await res.json()) as Answer & { error?: { message: string } } };
  };
  const sign = (signer: string, extra: Record<string, unknown> = {}) =>
    ask({ signer, environment: "production", action: "sign", ...extra });
  const ruleIds = (a: Answer) => a.reasons.map((r) => `${r.ruleId}:${r.effect}`);
  const policy = (document: FindingsPolicyOverrides) => setPolicy(db, { document }, { actor: admin, now: new Date() });

  beforeAll(async () => {
    db = route.db();
    await seedSigner("healthy");
    const boundId = await seedSigner("bound-signer");
    tokens = await route.seedApiTokens({
      gate: { scope: "gate" },
      read: { scope: "read" },
      ingest: { scope: "ingest" },
      bound: { scope: "gate", signerId: boundId },
    });
  });

  it("allows a healthy signer, stores the decision with policy version 0 and audits it", async () => {
    const { status, body } = await sign("healthy", { triggeredBy: "alice", artifactType: "container-image" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ decision: "allow", reasons: [], policyVersion: 0, signingTime: { source: "now" } });
    const stored = await db.gateDecision.findUniqueOrThrow({ where: { id: body.decisionId } });
    expect(stored).toMatchObject({
      outcome: "allow",
      triggeredBy: "alice",
      artifactType: "container-image",
      policyVersion: 0,
    });
    const audit = await db.auditEvent.findFirst({ where: { action: "gate.decided", targetId: body.decisionId } });
    expect(audit?.summary).toMatch(/Gate allow: sign healthy to production/);
    // written pending (no wait for the chain's lock), linked into the chain right after the answer
    await whenLinked();
    const linked = await db.auditEvent.findUniqueOrThrow({ where: { id: audit!.id } });
    expect(linked.seq).not.toBeNull();
    expect(await verifyAuditChain(db)).toMatchObject({ isIntact: true, pending: 0, unchained: 0 });
  });

  it("answers by certificate fingerprint too", async () => {
    const { body } = await ask({
      certificate: signers.healthy.certificateSha256,
      environment: "production",
      action: "sign",
    });
    expect(body).toMatchObject({ decision: "allow", signer: { id: signers.healthy.id } });
  });

  it.each([
    ["an unknown signer", () => sign("nobody"), "gate.unknown-signer"],
    [
      "an unknown certificate",
      () => ask({ certificate: "ab".repeat(32), environment: "production", action: "sign" }),
      "gate.unknown-certificate",
    ],
    [
      "an unknown artifact",
      () => ask({ artifactDigest: `sha256:${"cd".repeat(32)}`, environment: "production", action: "promote" }),
      "gate.unknown-artifact",
    ],
  ])("denies %s", async (_what, call, ruleId) => {
    const { body } = await call();
    expect(body.decision).toBe("deny");
    expect(ruleIds(body)).toEqual([`${ruleId}:deny`]);
  });

  it("denies every other reason with its rule id, a message and how to fix it", async () => {
    await seedSigner("suspended", { status: "suspended" });
    await seedSigner("decommissioned", { status: "decommissioned" });
    await seedSigner("no-cert", { certificate: null });
    await seedSigner("expired", { certificate: { notBefore: ago(400), notAfter: ago(2) } });
    await seedSigner("revoked", { certificate: { revocationStatus: "revoked", revokedAt: ago(3) } });
    await seedSigner("unknown-revocation", { certificate: { revocationStatus: "unknown", checkedAt: ago(10) } });
    await seedSigner("software-key", { custody: "software-file" });
    await seedSigner("no-grant", { grant: { scope: "sign:release", environment: "staging" } });
    const lateId = await seedSigner("late-attestation");
    const person = await db.person.create({ data: { name: "Olga", email: "olga@acme.example" } });
    const campaign = await db.attestationCampaign.create({
      data: { name: "Q4 review", scopeJson: "{}", dueAt: ago(5), isMailEnabled: false },
    });
    await db.attestation.create({ data: { campaignId: campaign.id, signerId: lateId, assigneeId: person.id } });
    const expected: Record<string, string> = {
      suspended: "gate.signer-suspended",
      decommissioned: "gate.signer-decommissioned",
      "no-cert": "gate.no-certificate",
      expired: "cert.expired",
      revoked: "cert.revoked-in-use",
      "unknown-revocation": "cert.revocation-unknown",
      "software-key": "gate.custody-not-approved",
      "no-grant": "gate.no-grant",
      "late-attestation": "signer.attestation-overdue",
    };
    for (const [name, ruleId] of Object.entries(expected)) {
      const { body } = await sign(name);
      expect({ name, decision: body.decision, reasons: ruleIds(body) }).toEqual({
        name,
        decision: "deny",
        reasons: [`${ruleId}:deny`],
      });
      expect(body.reasons[0].message.length).toBeGreaterThan(5);
      expect(body.reasons[0].howToFix.length).toBeGreaterThan(5);
    }
  });

  it("denies an open finding of the policy's severity (not a suppressed one), naming the finding's rule", async () => {
    const id = await seedSigner("shared-key");
    const finding = await db.finding.create({
      data: {
        ruleId: "signer.orphaned",
        severity: "high",
        severityRank: 3,
        subjectType: "signer",
        subjectId: id,
        signerId: id,
        message: "Signer shared-key has no owner",
      },
    });
    expect((await sign("shared-key")).body.decision).toBe("allow"); // default: critical only
    await policy({ gate: { findingSeverity: "high" } });
    const { body } = await sign("shared-key");
    expect(body).toMatchObject({ decision: "deny", policyVersion: 1 });
    expect(body.reasons).toEqual([expect.objectContaining({ ruleId: "signer.orphaned", check: "gate.open-finding" })]);
    await db.finding.update({
      where: { id: finding.id },
      data: {
        state: "risk-accepted",
        acceptedUntil: new Date(Date.now() + DAY),
        triageReason: "accepted for the test",
      },
    });
    expect((await sign("shared-key")).body.decision).toBe("allow");
  });

  it("warn mode reports without denying, and off skips the check", async () => {
    await policy({
      gate: { findingSeverity: "high", modes: { "gate.no-grant": "warn", "gate.no-certificate": "off" } },
    });
    const warned = (await sign("no-grant")).body;
    expect(warned).toMatchObject({ decision: "warn", policyVersion: 2 });
    expect(ruleIds(warned)).toEqual(["gate.no-grant:warn"]);
    expect((await sign("no-cert")).body).toMatchObject({ decision: "allow", reasons: [] });
  });

  it("a per-signer exception reports the rule as excepted until its end date; bad ones are refused", async () => {
    const base = { signerId: signers.suspended.id, ruleId: "gate.signer-suspended" as const };
    await expect(
      createGateException(
        db,
        { ...base, reason: "short", endsAt: new Date(Date.now() + DAY) },
        { actor: admin, now: new Date() },
      ),
    ).rejects.toThrow(/at least 10 characters/);
    await expect(
      createGateException(
        db,
        { ...base, reason: "Incident 42: release blocked", endsAt: new Date(Date.now() + 400 * DAY) },
        { actor: admin, now: new Date() },
      ),
    ).rejects.toThrow(/at most 365 days/);
    const { id } = await createGateException(
      db,
      { ...base, reason: "Incident 42: hotfix release", endsAt: new Date(Date.now() + 2 * DAY) },
      { actor: admin, now: new Date() },
    );
    const { body } = await sign("suspended");
    expect(body.decision).toBe("allow");
    expect(body.reasons).toEqual([
      expect.objectContaining({
        ruleId: "gate.signer-suspended",
        effect: "excepted",
        exception: expect.objectContaining({ id }),
      }),
    ]);
    // other signers are not excepted
    expect((await sign("decommissioned")).body.decision).toBe("deny");
  });

  it("promote judges the signature at the reported signing event's time (else now)", async () => {
    const id = await seedSigner("expired-since", { certificate: { notBefore: ago(400), notAfter: ago(10) } });
    const digest = `sha256:${"ef".repeat(32)}`;
    await db.signingEvent.create({
      data: {
        signerId: id,
        certificateId: signers["expired-since"].certificateId,
        signedAt: ago(20),
        artifactName: "app.tar",
        artifactDigest: digest,
      },
    });
    const promoted = (await ask({ artifactDigest: digest, environment: "production", action: "promote" })).body;
    expect(promoted).toMatchObject({ decision: "allow", signer: { id }, signingTime: { source: "signing-event" } });
    const signedAt = (await db.signingEvent.findFirstOrThrow({ where: { artifactDigest: digest } })).signedAt;
    expect(promoted.signingTime.at).toBe(signedAt.toISOString());
    // no signing event for the artifact: judged at now
    const now = (await ask({ signer: "expired-since", environment: "production", action: "promote" })).body;
    expect(now).toMatchObject({ decision: "deny", signingTime: { source: "now" } });
    expect(ruleIds(now)).toEqual(["cert.expired:deny"]);
    // sign is always judged at now
    expect(ruleIds((await sign("expired-since", { artifactDigest: digest })).body)).toEqual(["cert.expired:deny"]);
  });

  it("a repeated denied sign raises signer.gate-denied", async () => {
    const id = await seedSigner("keeps-trying", { certificate: { notBefore: ago(400), notAfter: ago(1) } });
    await sign("keeps-trying");
    expect(await db.finding.count({ where: { ruleId: "signer.gate-denied", signerId: id } })).toBe(0);
    await sign("keeps-trying");
    const f = await db.finding.findFirstOrThrow({ where: { ruleId: "signer.gate-denied", signerId: id } });
    // created in raw statements as the engine creates its rows: the same columns the client's create wrote
    expect(f).toMatchObject({ severity: "high", resolvedAt: null, state: "open", policyVersion: null, keyId: null });
    expect(f.firstSeenAt).toEqual(f.lastSeenAt);
    expect(JSON.parse(f.evidenceJson)).toMatchObject({ deniedCount: 2 });
    expect(f.message).toMatch(/denied 2 sign requests/);
    // a further denial updates the open finding (in raw statements: lib/db/findings/findings.ts)
    await sign("keeps-trying");
    const again = await db.finding.findMany({ where: { ruleId: "signer.gate-denied", signerId: id } });
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: f.id, severity: "high", severityRank: f.severityRank, resolvedAt: null });
    expect(again[0].message).toMatch(/denied 3 sign requests/);
    expect(again[0].lastSeenAt.getTime()).toBeGreaterThan(f.lastSeenAt.getTime());
    expect(again[0].firstSeenAt).toEqual(f.firstSeenAt);
  });

  it("concurrent repeated denials raise signer.gate-denied once, counting every denial", async () => {
    const id = await seedSigner("all-at-once", { certificate: { notBefore: ago(400), notAfter: ago(1) } });
    const answers = await Promise.all([1, 2, 3, 4].map(() => sign("all-at-once")));
    expect(answers.map((a) => a.body.decision)).toEqual(["deny", "deny", "deny", "deny"]);
    const found = await db.finding.findMany({ where: { ruleId: "signer.gate-denied", signerId: id } });
    expect(found).toHaveLength(1);
    // counted after each decision committed: the last count saw all four
    expect(JSON.parse(found[0].evidenceJson)).toMatchObject({ deniedCount: 4 });
  });

  it("a denial queues gate.denied for the enabled subscriptions that want it, with the decision", async () => {
    const subscription = (name: string, events: string[], isEnabled = true) =>
      db.webhookSubscription.create({
        data: {
          name,
          url: "https://hooks.example.test/x",
          eventsJson: JSON.stringify(events),
          secretCiphertext: "x",
          isEnabled,
        },
      });
    const wants = await subscription("wants", ["finding.opened", "gate.denied"]);
    await subscription("other", ["finding.opened"]);
    await subscription("disabled", ["gate.denied"], false);
    const id = await seedSigner("hooked", { status: "suspended" });
    const { body } = await sign("hooked");
    expect(body.decision).toBe("deny");
    const deliveries = await db.webhookDelivery.findMany({ where: { eventType: "gate.denied" } });
    expect(deliveries).toEqual([
      expect.objectContaining({
        subscriptionId: wants.id,
        status: "pending",
        attempts: 0,
        nextAttemptAt: expect.any(Date),
      }),
    ]);
    // stored as the client stores a DateTime (UTC wall time): the decision's moment
    expect(Math.abs(deliveries[0].createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(deliveries[0].nextAttemptAt).toEqual(deliveries[0].createdAt);
    expect(deliveries[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.parse(deliveries[0].payloadJson)).toMatchObject({
      id: deliveries[0].eventId,
      type: "gate.denied",
      subject: { type: "gate-decision", id: body.decisionId, label: "hooked" },
      data: {
        action: "sign",
        environment: "production",
        signerId: id,
        ruleIds: ["gate.signer-suspended"],
      },
    });
    // an allow queues nothing
    await sign("healthy");
    expect(await db.webhookDelivery.count()).toBe(1);
    await db.webhookDelivery.deleteMany({});
    await db.webhookSubscription.deleteMany({});
  });

  it("judges the signer's current certificate: a leaf, not superseded, the latest expiry first", async () => {
    const id = await seedSigner("rotated");
    const key = await db.signingKey.create({
      data: { spkiSha256: randomBytes(32).toString("hex"), algorithm: "EC", custody: "hsm" },
    });
    // each of these would deny (revoked) if the gate judged it
    const other = async (o: { notAfter: Date; isCA?: boolean; supersededAt?: Date }) => {
      const row = revocationCertificateRow(
        randomBytes(64),
        key.id,
        { subject: "CN=rotated", subjectCn: "rotated", issuer: "CN=CA" },
        { notBefore: ago(30), notAfter: o.notAfter },
      );
      await db.certificate.create({
        data: {
          ...row,
          isCA: o.isCA ?? false,
          supersededAt: o.supersededAt,
          revocationStatus: "revoked",
          revokedAt: ago(2),
          revocationCheckedAt: ago(1),
          importedAt: ago(30),
          signers: { create: { signerId: id } },
        },
      });
    };
    await other({ notAfter: new Date(Date.now() + 600 * DAY), supersededAt: ago(1) }); // a later expiry, superseded
    await other({ notAfter: new Date(Date.now() + 100 * DAY) }); // current too, an earlier expiry
    await other({ notAfter: new Date(Date.now() + 900 * DAY), isCA: true }); // not a leaf
    const { body } = await sign("rotated");
    expect(body).toMatchObject({ decision: "allow", reasons: [], certificate: { id: signers.rotated.certificateId } });
    // a certificate named beside the signer is judged itself, and counts as the signer's own
    const superseded = await db.certificate.findFirstOrThrow({
      where: { signers: { some: { signerId: id } }, supersededAt: { not: null } },
    });
    const named = await sign("rotated", { certificate: superseded.sha256 });
    expect(named.body).toMatchObject({ decision: "deny", certificate: { id: superseded.id } });
    expect(ruleIds(named.body)).toEqual(["cert.revoked-in-use:deny"]);
    // another signer's certificate is not
    const foreign = await sign("rotated", { certificate: signers.healthy.certificateSha256 });
    expect(ruleIds(foreign.body)).toContain("gate.unknown-certificate:deny");
  });

  it("a token bound to a signer asks only about that signer; read or ingest tokens may not ask", async () => {
    expect((await ask({ environment: "production", action: "sign" }, tokens.bound)).body.decision).toBe("allow");
    const other = await ask({ signer: "healthy", environment: "production", action: "sign" }, tokens.bound);
    expect(other.status).toBe(403);
    expect(await db.auditEvent.count({ where: { action: "api.token-refused", targetId: signers.healthy.id } })).toBe(1);
    expect((await ask({ signer: "healthy", environment: "production", action: "sign" }, tokens.read)).status).toBe(403);
    expect((await ask({ signer: "healthy", environment: "production", action: "sign" }, tokens.ingest)).status).toBe(
      403,
    );
    expect((await ask({ environment: "production", action: "sign" })).status).toBe(422);
  });

  it("lists decisions newest first, filtered by signer and outcome", async () => {
    const res = await listDecisions(
      tokenRequest(`/api/v1/gate/decisions?signer=${signers["keeps-trying"].id}&outcome=deny`, tokens.read),
      noParams,
    );
    const page = (await res.json()) as {
      total: number;
      rows: { outcome: string; signerName: string; reasons: unknown[] }[];
    };
    // the three denials of "a repeated denied sign raises signer.gate-denied"
    expect(page.total).toBe(3);
    expect(
      page.rows.every((r) => r.outcome === "deny" && r.signerName === "keeps-trying" && r.reasons.length > 0),
    ).toBe(true);
  });
});

describeRoute("policy versions", (route) => {
  let db: Db;
  let read: string;

  beforeAll(async () => {
    db = route.db();
    read = (await route.seedApiTokens({ read: { scope: "read" } })).read;
  });

  it("validates, versions, diffs and audits each saved policy; refuses an unchanged one", async () => {
    await expect(
      setPolicy(db, { document: { gate: { findingSeverity: "severe" } } }, { actor: admin, now: new Date() }),
    ).rejects.toMatchObject({
      code: "validation",
      issues: [expect.objectContaining({ path: "document.gate.findingSeverity" })],
    });
    const first = await setPolicy(
      db,
      { document: { keys: { rotationMaxAgeDays: 200 } }, comment: "tighter" },
      { actor: admin, now: new Date() },
    );
    expect(first).toMatchObject({
      version: 1,
      previousVersion: 0,
      changes: [{ path: "keys.rotationMaxAgeDays", before: 365, after: 200 }],
    });
    await expect(
      setPolicy(db, { document: { keys: { rotationMaxAgeDays: 200 } } }, { actor: admin, now: new Date() }),
    ).rejects.toThrow(/unchanged/);
    const second = await setPolicy(
      db,
      { document: { keys: { rotationMaxAgeDays: 200 }, gate: { modes: { "gate.no-grant": "warn" } } } },
      { actor: admin, now: new Date() },
    );
    expect(second.version).toBe(2);
    const res = await getVersion(tokenRequest("/api/v1/policy/versions/2", read), {
      params: Promise.resolve({ version: "2" }),
    });
    expect(await res.json()).toMatchObject({
      version: 2,
      previousVersion: 1,
      changes: [{ path: "gate.modes.gate.no-grant", before: null, after: "warn" }],
    });
    const audits = await db.auditEvent.findMany({ where: { action: "policy.changed" }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => a.targetId)).toEqual(["1", "2"]);
  });

  it("findings are re-judged under a newer policy by the findings job and record its version", async () => {
    const s = await db.signer.create({ data: { name: "lonely", kind: "ci-pipeline" } });
    await evaluateDueFindings(db, { now: new Date() });
    const before = await db.finding.findFirstOrThrow({ where: { signerId: s.id, ruleId: "signer.orphaned" } });
    expect(before.policyVersion).toBe(2);
    await setPolicy(
      db,
      { document: { rules: { "signer.orphaned": { severity: "critical" } } } },
      { actor: admin, now: new Date() },
    );
    const run = await evaluateDueFindings(db, { now: new Date() });
    expect(run.mode).toBe("full");
    const after = await db.finding.findFirstOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ policyVersion: 3, severity: "critical" });
    // once swept, the routine run goes back to due subjects only
    expect((await evaluateDueFindings(db, { now: new Date() })).mode).toBe("due");
  });
});
