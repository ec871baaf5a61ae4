// The finding lifecycle end to end on SQLite and PostgreSQL (issue #13 item 4): every triage move
// with its timeline entry and audit row, the refusals naming their field, open/acknowledged counted
// as open and accepted/false-positive left out of the headline numbers (which still equal their
// lists), the engine leaving accepted findings alone while in force and reopening hand-resolved
// ones, and an acceptance ending by the findings job when the clock passes its end date.
import { afterAll, beforeAll, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { createDb, type Db } from "@/lib/db/client";
import { listFindingPage } from "@/lib/db/findings/list";
import { computeOverview } from "@/lib/db/inventory/overview";
import { findingFiltersSchema, parseFilters } from "@/lib/domain/inventory-filters";
import { FINDINGS_JOB, registerFindingsJobs } from "@/lib/jobs/findings-job";
import { getJob } from "@/lib/jobs/registry";
import { describeEachDatabase } from "@/lib/testing/databases";
import { seedOwnedSignerWithCertificate } from "@/lib/testing/owned-signer";
import { createCodeSigningLeaf, createTestCas, type TestCertificate } from "@/lib/x509/testing/test-ca";
import { bulkTriageFindings } from "./bulk-triage-findings";
import { evaluateFindings } from "./evaluate-findings";
import { importCertificates } from "./import-certificates";
import { triageFinding } from "./triage-finding";

const DAY = 86_400_000;
const T = new Date("2026-11-23T10:00:00Z");
const at = (days: number) => new Date(T.getTime() + days * DAY);
const day = (days: number) => at(days).toISOString().slice(0, 10);
const ADMIN = { role: "admin" as const, personId: null };
const system = { type: "system", label: "test" } as const;
const pem = (c: TestCertificate) => new TextEncoder().encode(c.pem);
const REASON = "Renewal ordered from the CA, ticket SEC-123";

let expiring: TestCertificate;
let renewal: TestCertificate;
beforeAll(async () => {
  const { intermediate } = await createTestCas({ notBefore: at(-400) });
  expiring = await createCodeSigningLeaf(intermediate, {
    subject: "CN=Lifecycle Bot,O=Acme,C=US",
    notBefore: at(-345),
    notAfter: at(20),
  });
  renewal = await createCodeSigningLeaf(intermediate, {
    subject: "CN=Lifecycle Bot,O=Acme,C=US",
    notBefore: at(30),
    notAfter: at(395),
  });
});

describeEachDatabase("finding lifecycle", (database) => {
  let db: Db;
  let signerId: string;
  let certificateId: string;
  let findingId: string;
  const actor = { type: "user" as const, id: "u-ana", label: "ana@acme.example" };
  const move = (input: Omit<Parameters<typeof triageFinding>[1], "actor" | "findingId">, now = T) =>
    triageFinding(db, { ...input, findingId, actor }, { now });
  const finding = () => db.finding.findUniqueOrThrow({ where: { id: findingId } });
  const timeline = async () =>
    (await db.findingTransition.findMany({ where: { findingId }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map(
      (t) => `${t.action}:${t.fromState}>${t.toState}`,
    );
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (error: unknown) => error,
    );
    expect(e).toBeInstanceOf(AppError);
    return {
      code: (e as AppError).code,
      field: (e as AppError).issues?.[0]?.path ?? null,
      message: (e as AppError).message,
    };
  };
  const listIds = async (state: string, now = T) =>
    (await listFindingPage(db, ADMIN, parseFilters(findingFiltersSchema, { state }), now)).rows.map((r) => r.id);
  /** the overview's open-findings number, and the total of the list it links to */
  const openNumbers = async (now = T) => {
    const overview = await computeOverview(db, ADMIN, now);
    const list = await listFindingPage(db, ADMIN, parseFilters(findingFiltersSchema, {}), now);
    return { headline: overview.openFindings.count, list: list.total, href: overview.openFindings.href };
  };

  beforeAll(async () => {
    db = createDb(database.url);
    await db.user.create({ data: { id: actor.id, name: "Ana", email: actor.label, role: "analyst" } });
    ({ signerId, certificateId } = await seedOwnedSignerWithCertificate(db, {
      name: "lifecycle-bot",
      certificate: expiring,
      createdAt: at(-10),
      now: T,
    }));
    await evaluateFindings(db, { now: T });
    findingId = (
      await db.finding.findUniqueOrThrow({
        where: {
          ruleId_subjectType_subjectId: {
            ruleId: "cert.expiring",
            subjectType: "certificate",
            subjectId: certificateId,
          },
        },
      })
    ).id;
    registerFindingsJobs();
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("acknowledges: still open in the list and the headline number, with a timeline entry and an audit row", async () => {
    const before = await openNumbers();
    const r = await move({ action: "acknowledge" });
    expect(r).toMatchObject({ id: findingId, state: "acknowledged" });
    expect(await listIds("open")).toContain(findingId);
    expect(await listIds("acknowledged")).toEqual([findingId]);
    expect(await openNumbers()).toEqual(before);
    expect(await timeline()).toEqual(["acknowledge:open>acknowledged"]);
    const audit = await db.auditEvent.findMany({ where: { targetId: findingId } });
    expect(audit.map((a) => a.action)).toEqual(["finding.acknowledged"]);
    // a move the state does not allow is a conflict, not a field refusal
    expect(await refusal(move({ action: "acknowledge" }))).toMatchObject({ code: "conflict", field: null });
  });

  it("refuses a missing or short reason, an end date in the past, beyond 365 days or no date, naming the field", async () => {
    const accept = { action: "accept-risk" as const, reason: REASON, until: day(30) };
    expect(await refusal(move({ ...accept, reason: undefined }))).toMatchObject({
      code: "validation",
      field: "reason",
    });
    expect(await refusal(move({ ...accept, reason: "too short" }))).toMatchObject({ field: "reason" });
    expect(await refusal(move({ ...accept, until: day(-1) }))).toMatchObject({
      field: "until",
      message: expect.stringMatching(/future/),
    });
    expect(await refusal(move({ ...accept, until: day(366) }))).toMatchObject({
      field: "until",
      message: expect.stringMatching(/365 days/),
    });
    expect(await refusal(move({ ...accept, until: "2026-02-30" }))).toMatchObject({ field: "until" });
    expect(await refusal(move({ action: "mark-false-positive" }))).toMatchObject({ field: "reason" });
    expect(await refusal(move({ action: "resolve", reason: "   " }))).toMatchObject({ field: "reason" });
    // nothing was stored or audited by the refusals
    expect((await finding()).state).toBe("acknowledged");
    expect(await timeline()).toEqual(["acknowledge:open>acknowledged"]);
  });

  it("accepts the risk: out of the headline number and the open list, listed under its own state; the engine does not reopen it", async () => {
    const before = await openNumbers();
    const r = await move({ action: "accept-risk", reason: REASON, until: day(5) });
    expect(r).toMatchObject({ state: "risk-accepted", acceptedUntil: `${day(5)}T23:59:59.999Z`, triageReason: REASON });
    const after = await openNumbers();
    expect(after.headline).toBe(before.headline - 1);
    expect(after.list).toBe(after.headline);
    expect(await listIds("open")).not.toContain(findingId);
    expect(await listIds("risk-accepted")).toEqual([findingId]);
    expect(await listIds("suppressed")).toEqual([findingId]);

    // the engine sees the condition again: facts move, the acceptance stays
    await evaluateFindings(db, { now: at(1) });
    expect(await finding()).toMatchObject({ state: "risk-accepted", resolvedAt: null, lastSeenAt: at(1) });
    expect((await openNumbers(at(1))).headline).toBe(after.headline);
  });

  it("lifts an acceptance early", async () => {
    await move({ action: "reopen" }, at(1));
    expect(await finding()).toMatchObject({ state: "open", acceptedUntil: null, triageReason: null });
    expect(await listIds("open", at(1))).toContain(findingId);
    expect((await timeline()).slice(-2)).toEqual([
      "accept-risk:acknowledged>risk-accepted",
      "reopen:risk-accepted>open",
    ]);
  });

  it("ends an acceptance by itself: counted open once the end date passes, and the findings job stores the move", async () => {
    await move({ action: "accept-risk", reason: REASON, until: day(2) }, at(1));
    expect(await listIds("open", at(2))).not.toContain(findingId);
    // past the last day it counts as open already, before any job ran
    const lapsed = await openNumbers(at(3));
    expect(await listIds("open", at(3))).toContain(findingId);
    expect(lapsed.list).toBe(lapsed.headline);
    expect((await finding()).state).toBe("risk-accepted");

    const job = getJob(FINDINGS_JOB);
    const result = (await job!.run(db, { now: at(3), instanceId: "test", runId: "r1" })) as {
      acceptancesEnded: number;
    };
    expect(result.acceptancesEnded).toBe(1);
    expect(await finding()).toMatchObject({ state: "open", acceptedUntil: null });
    expect((await timeline()).at(-1)).toBe("acceptance-ended:risk-accepted>open");
    const ended = await db.auditEvent.findMany({ where: { targetId: findingId, action: "finding.acceptance-ended" } });
    expect(ended).toHaveLength(1);
    expect(await openNumbers(at(3))).toEqual(lapsed);
  });

  it("marks a false positive: out of the headline number, listed under its own state; withdrawn by reopening", async () => {
    const before = await openNumbers(at(3));
    await move({ action: "mark-false-positive", reason: "Test signer, never used in production" }, at(3));
    expect((await openNumbers(at(3))).headline).toBe(before.headline - 1);
    expect(await listIds("false-positive", at(3))).toEqual([findingId]);
    await evaluateFindings(db, { now: at(4) });
    expect((await finding()).state).toBe("false-positive");
    await move({ action: "reopen" }, at(4));
    expect((await finding()).state).toBe("open");
  });

  it("resolves by hand; the engine reopens it when it sees the condition again", async () => {
    await move({ action: "resolve", reason: "Key moved to the HSM, outside Signet" }, at(4));
    expect(await finding()).toMatchObject({ state: "resolved", resolvedBy: "person", resolvedAt: at(4) });
    expect(await listIds("resolved", at(4))).toEqual([findingId]);
    await evaluateFindings(db, { now: at(5) });
    expect(await finding()).toMatchObject({ state: "open", resolvedBy: null, resolvedAt: null });
    expect((await timeline()).slice(-2)).toEqual(["resolve:open>resolved", "engine-reopen:resolved>open"]);
  });

  it("bulk triage: one move and one reason for many; a bad field refuses all, a state that forbids it is skipped", async () => {
    const open = await listIds("open", at(5));
    expect(open.length).toBeGreaterThan(1);
    await move({ action: "acknowledge" }, at(5));
    const refused = await refusal(
      bulkTriageFindings(
        db,
        { ids: open, action: "accept-risk", reason: REASON, until: day(500), actor },
        { now: at(5) },
      ),
    );
    expect(refused).toMatchObject({ code: "validation", field: "until" });
    expect(await db.findingTransition.count({ where: { action: "accept-risk", at: at(5) } })).toBe(0);

    const r = await bulkTriageFindings(
      db,
      { ids: [...open, "no-such-finding"], action: "acknowledge", actor },
      { now: at(5) },
    );
    expect(r.changed.map((c) => c.id).sort()).toEqual(open.filter((id) => id !== findingId).sort());
    expect(r.skipped).toEqual([
      { id: findingId, message: expect.stringMatching(/acknowledged/) },
      { id: "no-such-finding", message: "No such finding" },
    ]);
    const accepted = await bulkTriageFindings(
      db,
      { ids: open, action: "accept-risk", reason: REASON, until: day(60), actor },
      { now: at(5) },
    );
    expect(accepted.changed).toHaveLength(open.length);
    expect(await listIds("open", at(5))).toEqual([]);
    expect(await openNumbers(at(5))).toMatchObject({ headline: 0, list: 0 });
    const audit = await db.auditEvent.count({ where: { action: "finding.risk-accepted", targetId: { in: open } } });
    expect(audit).toBeGreaterThanOrEqual(open.length);
  });

  it("the engine resolves an accepted finding once the evidence shows the fix", async () => {
    await importCertificates(
      db,
      { files: [{ name: "renewal.pem", bytes: pem(renewal) }], signerId, actor: system, source: "cli" },
      { now: at(10) },
    );
    expect(await finding()).toMatchObject({ state: "resolved", resolvedBy: "engine", resolvedAt: at(10) });
    expect((await timeline()).at(-1)).toBe("engine-resolve:risk-accepted>resolved");
    expect(await refusal(move({ action: "reopen" }, at(10)))).toMatchObject({ code: "conflict" });
  });
});
