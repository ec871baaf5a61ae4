import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeRoute, jsonBody, noParams, tokenRequest } from "@/lib/api/testing/route-test";
import { POST as postApproval } from "@/app/api/v1/approvals/route";
import { GET as getPerson, PATCH as patchPerson } from "@/app/api/v1/people/[id]/route";
import { listApprovalRequests } from "@/lib/db/approvals/approvals";
import type { Db } from "@/lib/db/client";
import { revocationCertificateRow } from "@/lib/testing/revocation-certificates";
import { decideApproval } from "./decide-approval";
import { decideGateRequest } from "./decide-gate";
import { evaluateFindings } from "./evaluate-findings";
import { makeGrantJustInTime } from "./make-grant-just-in-time";
import { changePersonCiHandles } from "./manage-people";
import { redeemApprovalLink } from "./redeem-approval-link";
import { requestApproval } from "./request-approval";

// Approvals instead of standing access on both databases: a just-in-time grant signs only inside
// an approved window; the requester and the pipeline's triggering human cannot decide; the window
// ends by the clock; the gate denies before, allows within and denies after; the emailed link
// opens the request for its person; a standing unused grant's finding converts in one step.

const H = 3_600_000;
const DAY = 24 * H;
const T0 = new Date(Date.now() + 60_000);
const at = (hours: number) => new Date(T0.getTime() + hours * H);
const baseUrl = "http://signet.test";

type User = { id: string; name: string; email: string; personId: string | null };

describeRoute("approvals of just-in-time grants", (route) => {
  let db: Db;
  let signerId: string;
  let privilegeId: string;
  let tokens: Record<"approvals" | "bound" | "read" | "people", string>;
  const users = {} as Record<"requester" | "approver" | "carol" | "analyst", User>;
  const actorOf = (u: User) => ({ type: "user" as const, id: u.id, label: u.email });
  const scopeOf = (u: User) => ({
    role: u === users.carol || u === users.analyst ? ("analyst" as const) : ("owner" as const),
    personId: u.personId,
  });

  async function person(key: keyof typeof users, email: string, opts: { withPerson: boolean; role?: string }) {
    const p = opts.withPerson ? await db.person.create({ data: { name: key, email } }) : null;
    await db.user.create({
      data: { id: `u-${key}`, name: key, email, role: opts.role ?? "owner", personId: p?.id ?? null },
    });
    users[key] = { id: `u-${key}`, name: key, email, personId: p?.id ?? null };
    return p?.id ?? null;
  }

  const gate = (now: Date, action: "sign" | "promote" = "sign") =>
    decideGateRequest(
      db,
      { signer: "payments-release", environment: "production", action, triggeredBy: "carol" },
      { actor: { type: "system", label: "test" }, token: null, now },
    );
  const ask = (u: User, now: Date, extra: Record<string, unknown> = {}) =>
    requestApproval(
      db,
      {
        signer: "payments-release",
        environment: "production",
        hours: 8,
        reason: "release 4.2",
        triggeredBy: "carol",
        ...extra,
      },
      { actor: actorOf(u), user: u, scope: scopeOf(u), now, baseUrl },
    );
  const decide = (u: User, id: string, decision: "approved" | "refused", now: Date) =>
    decideApproval(db, { id, decision }, { actor: actorOf(u), user: u, scope: scopeOf(u), now });

  beforeAll(async () => {
    db = route.db();
    const requester = await person("requester", "rita@acme.example", { withPerson: true });
    const approver = await person("approver", "alan@acme.example", { withPerson: true });
    // the triggering human is on the security team: the role would let her decide, the duty does not
    await person("carol", "carol@acme.example", { withPerson: true, role: "analyst" });
    await person("analyst", "ana@acme.example", { withPerson: false, role: "analyst" });
    const s = await db.signer.create({
      data: {
        name: "payments-release",
        kind: "ci-pipeline",
        primaryOwnerId: requester,
        backupOwnerId: approver,
        custody: "hsm",
      },
    });
    signerId = s.id;
    const g = await db.privilege.create({
      data: {
        signerId,
        scope: "sign:release/production",
        environment: "production",
        grantedAt: new Date(T0.getTime() - 100 * DAY),
        lastExercisedAt: new Date(T0.getTime() - 45 * DAY),
      },
    });
    privilegeId = g.id;
    const key = await db.signingKey.create({
      data: { spkiSha256: randomBytes(32).toString("hex"), algorithm: "EC", custody: "hsm" },
    });
    const row = revocationCertificateRow(
      randomBytes(64),
      key.id,
      { subject: "CN=payments-release", subjectCn: "payments-release", issuer: "CN=CA" },
      { notBefore: new Date(T0.getTime() - 30 * DAY), notAfter: new Date(T0.getTime() + 300 * DAY) },
    );
    await db.certificate.create({
      data: {
        ...row,
        revocationStatus: "good",
        revocationCheckedAt: T0,
        importedAt: new Date(T0.getTime() - 30 * DAY),
        signers: { create: { signerId } },
      },
    });
    tokens = await route.seedApiTokens({
      approvals: { scope: "approvals" },
      bound: { scope: "approvals", signerId },
      read: { scope: "read" },
      people: { scope: "people:write" },
    });
  });

  it("a standing production grant unused past the policy raises signer.standing-grant-unused; one step makes it just-in-time", async () => {
    expect((await gate(T0)).decision).toBe("allow");
    await evaluateFindings(db, { now: T0, signerIds: [signerId] });
    const open = await db.finding.findFirstOrThrow({ where: { ruleId: "signer.standing-grant-unused", signerId } });
    expect(open).toMatchObject({ severity: "medium", resolvedAt: null });
    await makeGrantJustInTime(db, { privilegeId }, { actor: actorOf(users.analyst), now: T0 });
    expect((await db.privilege.findUniqueOrThrow({ where: { id: privilegeId } })).isJustInTime).toBe(true);
    const after = await db.finding.findUniqueOrThrow({ where: { id: open.id } });
    expect(after.resolvedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "grant.made-just-in-time", targetId: signerId } })).toBe(1);
  });

  it("the gate denies a just-in-time grant without a window, naming the request to make", async () => {
    const answer = await gate(T0);
    expect(answer.decision).toBe("deny");
    const reason = answer.reasons.find((r) => r.ruleId === "gate.approval-required");
    expect(reason?.howToFix).toContain("signet request-approval --signer payments-release --environment production");
    expect((await gate(T0, "promote")).reasons.map((r) => r.ruleId)).toContain("gate.approval-required");
  });

  it("refuses self-approval and approval by the triggering human; a third person approves; the gate honours the window", async () => {
    const req = await ask(users.requester, T0);
    expect(req).toMatchObject({ state: "pending", notified: 1, windowEndsAt: at(8).toISOString() });
    // the mail went to the backup owner only: not the requester (primary owner), not the triggering human
    const mails = await db.outboxMessage.findMany({ where: { subject: { contains: "Approval requested" } } });
    expect(mails.map((m) => m.recipientEmail)).toEqual(["alan@acme.example"]);
    // pending: the gate names the request
    const pending = await gate(at(1));
    expect(pending.decision).toBe("deny");
    expect(pending.reasons.find((r) => r.ruleId === "gate.approval-required")?.message).toContain(req.id);

    await expect(decide(users.requester, req.id, "approved", at(1))).rejects.toMatchObject({ code: "forbidden" });
    await expect(decide(users.carol, req.id, "approved", at(1))).rejects.toMatchObject({ code: "forbidden" });
    await expect(decide(users.carol, req.id, "refused", at(1))).rejects.toMatchObject({ code: "forbidden" });
    const refusals = await db.auditEvent.findMany({ where: { action: "approval.decision-refused", targetId: req.id } });
    expect(refusals.map((e) => JSON.parse(e.detailsJson).reason).sort()).toEqual([
      "self-approval",
      "triggering-human",
      "triggering-human",
    ]);

    expect(await decide(users.approver, req.id, "approved", at(1))).toMatchObject({ state: "approved" });
    await expect(decide(users.analyst, req.id, "refused", at(1))).rejects.toMatchObject({ code: "conflict" });
    expect(await db.auditEvent.count({ where: { action: "approval.approved", targetId: req.id } })).toBe(1);

    // the gate: allow within the window, deny after it (moved clock; nothing is written at expiry)
    expect((await gate(at(2))).decision).toBe("allow");
    expect((await gate(at(7.99))).decision).toBe("allow");
    const after = await gate(at(8));
    expect(after.decision).toBe("deny");
    expect(after.reasons.map((r) => r.ruleId)).toContain("gate.approval-required");
    const scope = { role: "analyst" as const, personId: null };
    expect((await listApprovalRequests(db, scope, { now: at(2), state: "approved" })).map((r) => r.id)).toEqual([
      req.id,
    ]);
    expect((await listApprovalRequests(db, scope, { now: at(8), state: "expired" })).map((r) => r.id)).toContain(
      req.id,
    );
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("approved");
  });

  it("an expired request cannot be approved; the policy caps the window", async () => {
    const req = await ask(users.requester, at(10));
    await expect(decide(users.approver, req.id, "approved", at(18))).rejects.toMatchObject({ code: "conflict" });
    await expect(ask(users.requester, at(10), { hours: 9 })).rejects.toMatchObject({ code: "validation" });
  });

  it("matches a declared CI account exactly: its person gets no request email and may not decide; an account names one person", async () => {
    const admin = actorOf(users.analyst);
    // an account that looks like neither her email nor her name: only the declaration ties it to Alan
    expect(
      await changePersonCiHandles(db, users.approver.personId!, ["@Zz-Build-7731", "zz-build-7731"], {
        actor: admin,
        now: at(29),
      }),
    ).toEqual({ ciHandles: ["zz-build-7731"] });
    await expect(
      changePersonCiHandles(db, users.carol.personId!, ["zz-build-7731"], { actor: admin, now: at(29) }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      changePersonCiHandles(db, users.carol.personId!, ["rita@acme.example"], { actor: admin, now: at(29) }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      changePersonCiHandles(db, users.carol.personId!, ["has space"], { actor: admin, now: at(29) }),
    ).rejects.toMatchObject({ code: "validation" });

    const req = await ask(users.requester, at(30), { triggeredBy: "ZZ-BUILD-7731" });
    // the primary owner asked and the backup owner triggered the run: nobody of the signer's owners is asked
    expect(req).toMatchObject({ state: "pending", notified: 0 });
    await expect(decide(users.approver, req.id, "approved", at(30))).rejects.toMatchObject({ code: "forbidden" });
    const refused = await db.auditEvent.findFirstOrThrow({
      where: { action: "approval.decision-refused", targetId: req.id },
    });
    expect(JSON.parse(refused.detailsJson)).toMatchObject({ reason: "triggering-human", triggeredBy: "ZZ-BUILD-7731" });
    expect(await decide(users.analyst, req.id, "approved", at(30))).toMatchObject({ state: "approved" });
    expect(
      await db.auditEvent.count({
        where: { action: "person.ci-accounts-changed", targetId: users.approver.personId! },
      }),
    ).toBe(1);
  });

  it("PATCH /api/v1/people/{id} sets the CI accounts (people:write), GET shows them, errors name the entry", async () => {
    const { people } = tokens;
    const id = users.requester.personId!;
    const patch = (token: string, body: unknown) =>
      patchPerson(
        tokenRequest(`/api/v1/people/${id}`, token, {
          method: "PATCH",
          ...jsonBody(body),
        }),
        { params: Promise.resolve({ id }) },
      );
    expect((await patch(tokens.read, { ciHandles: ["rita-ci"] })).status).toBe(403);
    const bad = await patch(people, { ciHandles: ["rita-ci", "two words"] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("ciHandles.1");
    const ok = await patch(people, { ciHandles: ["@Rita-CI"] });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ciHandles: ["rita-ci"] });
    const got = await getPerson(tokenRequest(`/api/v1/people/${id}`, tokens.read), {
      params: Promise.resolve({ id }),
    });
    expect(await got.json()).toMatchObject({ ciHandles: ["rita-ci"] });
  });

  it("the emailed link opens the request for the person it was sent to, once", async () => {
    const req = await ask(users.requester, at(20));
    const mail = await db.outboxMessage.findFirstOrThrow({
      where: { subject: { contains: "Approval requested" }, textBody: { contains: "release 4.2" } },
      orderBy: { createdAt: "desc" },
    });
    const token = /\/approve\/([A-Za-z0-9_-]+)/.exec(mail.textBody)![1];
    const wrong = await redeemApprovalLink(
      db,
      { token, user: { id: users.carol.id, personId: users.carol.personId }, actor: actorOf(users.carol) },
      { now: at(20) },
    );
    expect(wrong).toEqual({ ok: false, reason: "wrong-person" });
    const ok = await redeemApprovalLink(
      db,
      { token, user: { id: users.approver.id, personId: users.approver.personId }, actor: actorOf(users.approver) },
      { now: at(20) },
    );
    expect(ok).toEqual({ ok: true, approvalRequestId: req.id });
    const replay = await redeemApprovalLink(
      db,
      { token, user: { id: users.approver.id, personId: users.approver.personId }, actor: actorOf(users.approver) },
      { now: at(20) },
    );
    expect(replay).toEqual({ ok: false, reason: "used" });
  });

  it("POST /api/v1/approvals: a pipeline token asks (bound: only for its signer), a read token may not", async () => {
    const post = (token: string, body: Record<string, unknown>) =>
      postApproval(
        tokenRequest("/api/v1/approvals", token, {
          method: "POST",
          ...jsonBody(body),
        }),
        noParams,
      );
    const body = { environment: "production", hours: 2, reason: "hotfix", triggeredBy: "carol" };
    const res = await post(tokens.bound, body);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ state: "pending", signer: { name: "payments-release" } });
    expect((await post(tokens.approvals, { ...body, signer: "payments-release" })).status).toBe(201);
    expect((await post(tokens.read, { ...body, signer: "payments-release" })).status).toBe(403);
    const other = await db.signer.create({ data: { name: "other", kind: "ci-pipeline" } });
    expect((await post(tokens.bound, { ...body, signer: other.id })).status).toBe(403);
  });
});
