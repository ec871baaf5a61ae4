import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, disconnectDb, type Db } from "@/lib/db/client";
import { createPerson } from "@/lib/db/people/people";
import { describeEachDatabase } from "@/lib/testing/databases";
import { POST as postSigningEvent } from "@/app/api/v1/signing-events/route";
import { createApiToken } from "./create-api-token";
import { createSigner } from "./create-signer";
import { recordSigningEvent } from "./record-signing-event";
import type { SigningEventInput } from "@/lib/domain/signing-event-input";
import { revokeApiToken } from "./revoke-api-token";

const DAY = 86_400_000;
const T = new Date();
const at = (days: number) => new Date(T.getTime() + days * DAY);
const admin = { type: "user", id: "u-admin", label: "admin@example.test" } as const;
const digest = "sha256:" + "ab".repeat(32);

describeEachDatabase("signing events", (database) => {
  let db: Db;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const overprivileged = () =>
    db.finding.findFirst({ where: { subjectType: "signer", subjectId: ids.release, ruleId: "signer.overprivileged" } });

  beforeAll(async () => {
    db = createDb(database.url);
    process.env.DATABASE_URL = database.url;
    await db.user.create({ data: { id: admin.id, name: "Admin", email: admin.label, role: "admin" } });
    await createPerson(db, { name: "Ana Owner", email: "ana@acme.example" });
    await createPerson(db, { name: "Bo Backup", email: "bo@acme.example" });
    const owners = {
      primaryOwner: "ana@acme.example",
      backupOwner: "bo@acme.example",
      credentialType: "oidc" as const,
    };
    ids.release = (
      await createSigner(
        db,
        {
          name: "release-bot",
          kind: "release-bot",
          ...owners,
          privileges: [
            { scope: "sign:release", environment: "production" },
            { scope: "sign:nightly", environment: "staging" },
          ],
        },
        { actor: admin, now: at(-200) },
      )
    ).id;
    ids.other = (
      await createSigner(db, { name: "other-bot", kind: "ci-pipeline", ...owners }, { actor: admin, now: at(-200) })
    ).id;
    for (const [key, scope, signerId] of [
      ["bound", "signing-events", ids.release],
      ["ingest", "ingest", null],
      ["read", "read", null],
      ["revoked", "ingest", null],
    ] as const) {
      const t = await createApiToken(
        db,
        { name: key, scopes: [scope], signerId, expiresInDays: 30 },
        { actor: admin, now: T },
      );
      tokens[key] = t.token;
      ids[`token-${key}`] = t.id;
    }
    await revokeApiToken(db, ids["token-revoked"], { actor: admin, now: T });
  });
  afterAll(async () => {
    await db.$disconnect();
    await disconnectDb();
    delete process.env.DATABASE_URL;
  });

  /** An event the admin records at T for a signing of the test's digest, not interactive unless said. */
  const record = (
    event: Omit<SigningEventInput, "artifactDigest" | "isInteractive" | "signedAt"> & {
      isInteractive?: boolean;
      signedAt: Date;
    },
  ) =>
    recordSigningEvent(
      db,
      { artifactDigest: digest, isInteractive: false, ...event, signedAt: event.signedAt.toISOString() },
      { actor: admin, now: T, token: null },
    );
  /** A report of `artifactName` signed at `signedAt` (default T), for `signerId` when given. */
  const jar = (artifactName: string, signerId?: string, signedAt = T) => ({
    ...(signerId ? { signerId } : {}),
    artifactName,
    artifactDigest: digest,
    signedAt: signedAt.toISOString(),
  });
  const post = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    postSigningEvent(
      new NextRequest("http://localhost/api/v1/signing-events", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );

  it("a signer that never used its grants is overprivileged, with the unused scopes as evidence", async () => {
    const { evaluateFindings } = await import("./evaluate-findings");
    await evaluateFindings(db, { now: T, signerIds: [ids.release] });
    const f = await overprivileged();
    expect(f?.resolvedAt).toBeNull();
    expect(JSON.parse(f!.evidenceJson).unusedScopes.sort()).toEqual(["sign:nightly", "sign:release"]);
  });

  it("an event exercises the matching grant only; the finding narrows, then clears when every grant is used", async () => {
    const r = await record({
      signerId: ids.release,
      artifactName: "app-1.0.jar",
      environment: "production",
      scope: "sign:release/production",
      signedAt: at(-1),
    });
    expect(r.exercisedGrants.map((g) => g.scope)).toEqual(["sign:release"]);
    expect(JSON.parse((await overprivileged())!.evidenceJson).unusedScopes).toEqual(["sign:nightly"]);
    const signer = await db.signer.findUniqueOrThrow({ where: { id: ids.release } });
    expect(signer.lastUsedAt).toEqual(at(-1));

    await record({
      signerId: ids.release,
      artifactName: "app-nightly.jar",
      environment: "staging",
      scope: "sign:nightly",
      signedAt: at(-0.5),
    });
    expect((await overprivileged())!.resolvedAt).not.toBeNull();
    // an older event arriving late does not move lastUsedAt back
    await record({ signerId: ids.release, artifactName: "old.jar", signedAt: at(-30) });
    expect((await db.signer.findUniqueOrThrow({ where: { id: ids.release } })).lastUsedAt).toEqual(at(-0.5));
  });

  it("an interactive event raises signer.human-use", async () => {
    await record({ signerId: ids.other, artifactName: "hotfix.exe", isInteractive: true, signedAt: at(-0.1) });
    expect(
      await db.finding.findFirst({ where: { subjectId: ids.other, ruleId: "signer.human-use", resolvedAt: null } }),
    ).not.toBeNull();
  });

  it("a signing-events token reports for its own signer only (403 for another, audited)", async () => {
    const own = await post(tokens.bound, jar("x.jar"));
    expect(own.status).toBe(201);
    expect((await own.json()).signerId).toBe(ids.release);
    const other = await post(tokens.bound, jar("x.jar", ids.other));
    expect(other.status).toBe(403);
    expect(await db.auditEvent.count({ where: { action: "api.token-refused", targetId: ids.other } })).toBe(1);
    expect(await db.signingEvent.count({ where: { signerId: ids.other, artifactName: "x.jar" } })).toBe(0);
  });

  it("ingest tokens name the signer; read and revoked tokens are refused; future timestamps are refused", async () => {
    expect((await post(tokens.ingest, jar("y.jar"))).status).toBe(422);
    expect((await post(tokens.ingest, jar("y.jar", ids.other))).status).toBe(201);
    expect((await post(tokens.read, jar("y.jar", ids.other))).status).toBe(403);
    expect((await post(tokens.revoked, jar("y.jar", ids.other))).status).toBe(401);
    const future = await post(tokens.ingest, jar("y.jar", ids.other, at(1)));
    expect(future.status).toBe(422);
    expect((await future.json()).error.message).toMatch(/future/);
  });

  it("a retry with the same Idempotency-Key and report returns the first event (200): nothing recorded, moved or audited again", async () => {
    const report = {
      artifactName: "retry-1.jar",
      artifactDigest: digest,
      environment: "production",
      scope: "sign:release",
      signedAt: at(-0.2).toISOString(),
    };
    const first = await post(tokens.bound, report, { "idempotency-key": "ci-run-77/retry-1.jar" });
    expect(first.status).toBe(201);
    const recorded = await first.json();
    expect(recorded).toMatchObject({ isReplay: false, signerId: ids.release, event: { artifactName: "retry-1.jar" } });
    // clear what the event moved, so a replay that wrote anything would show
    await db.signer.update({ where: { id: ids.release }, data: { lastUsedAt: null } });
    await db.privilege.updateMany({ where: { signerId: ids.release }, data: { lastExercisedAt: null } });

    // same report, spelled differently: keys in another order, the time in another zone, the digest in upper case
    const retried = {
      signedAt: at(-0.2).toISOString().replace("Z", "+00:00"),
      scope: "sign:release",
      environment: "production",
      artifactDigest: digest.toUpperCase().replace("SHA256", "sha256"),
      artifactName: "retry-1.jar",
    };
    const again = await post(tokens.bound, retried, { "idempotency-key": "ci-run-77/retry-1.jar" });
    expect(again.status).toBe(200);
    const replay = await again.json();
    expect(replay).toMatchObject({
      id: recorded.id,
      isReplay: true,
      exercisedGrants: [],
      event: { artifactName: "retry-1.jar", environment: "production" },
    });
    expect(await db.signingEvent.count({ where: { artifactName: "retry-1.jar" } })).toBe(1);
    expect((await db.signer.findUniqueOrThrow({ where: { id: ids.release } })).lastUsedAt).toBeNull();
    expect(await db.privilege.count({ where: { signerId: ids.release, lastExercisedAt: { not: null } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "signing-event.recorded", targetId: recorded.id } })).toBe(1);
  });

  it("the same key with a different report is a conflict (409) and records nothing", async () => {
    const res = await post(
      tokens.bound,
      { artifactName: "retry-2.jar", artifactDigest: digest, signedAt: at(-0.2).toISOString() },
      { "idempotency-key": "ci-run-77/retry-1.jar" },
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(
      /already used .* for a different signing event .*retry-1\.jar.*a new event needs a new key/,
    );
    expect(await db.signingEvent.count({ where: { artifactName: "retry-2.jar" } })).toBe(0);
  });

  it("keys are unique per signer; eventId in the body works too, and must agree with the header", async () => {
    const report = {
      signerId: ids.other,
      artifactName: "retry-1.jar",
      artifactDigest: digest,
      signedAt: at(-0.2).toISOString(),
    };
    expect((await post(tokens.ingest, report, { "idempotency-key": "ci-run-77/retry-1.jar" })).status).toBe(201);
    const body = { ...report, artifactName: "body-key.jar", eventId: "pipeline-9#1" };
    expect((await post(tokens.ingest, body)).status).toBe(201);
    expect((await post(tokens.ingest, body)).status).toBe(200);
    expect((await post(tokens.ingest, body, { "idempotency-key": "pipeline-9#1" })).status).toBe(200);
    const mismatch = await post(tokens.ingest, body, { "idempotency-key": "pipeline-9#2" });
    expect(mismatch.status).toBe(422);
    expect((await mismatch.json()).error.message).toMatch(/differ/);
    const blank = await post(tokens.ingest, report, { "idempotency-key": "has space" });
    expect(blank.status).toBe(422);
    expect((await blank.json()).error.issues[0].path).toBe("Idempotency-Key");
    expect(await db.signingEvent.count({ where: { artifactName: "body-key.jar" } })).toBe(1);
  });

  it("concurrent retries record one event: the unique index decides, the loser answers as a replay", async () => {
    const report = { artifactName: "race.jar", artifactDigest: digest, signedAt: at(-0.1).toISOString() };
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        recordSigningEvent(
          db,
          { ...report, signerId: ids.other, isInteractive: false },
          { actor: admin, now: T, token: null, idempotencyKey: "race-1" },
        ),
      ),
    );
    expect(results.filter((r) => !r.isReplay)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await db.signingEvent.count({ where: { artifactName: "race.jar" } })).toBe(1);
  });

  it("tokens are stored hashed and never readable", async () => {
    const rows: { tokenHash: string }[] = await db.$queryRawUnsafe(`SELECT "tokenHash" FROM "ApiToken"`);
    for (const r of rows) expect(Object.values(tokens)).not.toContain(r.tokenHash);
  });
});
