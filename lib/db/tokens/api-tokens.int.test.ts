import { expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { findApiTokenByHash, touchApiToken } from "./api-tokens";

// lastUsedAt is written at most once a minute per token (a busy pipeline token used to cost one
// UPDATE per API call), and stays true to the minute.

const T0 = new Date("2026-06-01T10:00:00Z");
const after = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase("touchApiToken", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));

  it("records the first use, skips uses within the minute, and records the next one after it", async () => {
    const creator = await db.user.create({
      data: { id: "u-touch", name: "Carol", email: "carol-touch@example.com", role: "admin" },
    });
    await db.apiToken.create({
      data: {
        name: "pipeline",
        tokenHash: "touch-hash",
        prefix: "sgt_touch",
        scope: "ingest",
        createdById: creator.id,
      },
    });
    const read = () =>
      db.apiToken.findFirstOrThrow({ where: { prefix: "sgt_touch" }, select: { id: true, lastUsedAt: true } });
    const lastUsed = async () => (await read()).lastUsedAt;

    await touchApiToken(db, await read(), T0);
    expect(await lastUsed()).toEqual(T0);
    // a request that read the token before the first write landed: the conditional UPDATE skips it
    await touchApiToken(db, { id: (await read()).id, lastUsedAt: null }, after(30_000));
    expect(await lastUsed()).toEqual(T0);
    await touchApiToken(db, await read(), after(59_999));
    expect(await lastUsed()).toEqual(T0);
    await touchApiToken(db, await read(), after(60_000));
    expect(await lastUsed()).toEqual(after(60_000));
  });

  it("findApiTokenByHash answers the token's record with its dates, and nothing for another hash", async () => {
    const creator = await db.user.create({
      data: { id: "u-find", name: "Dan", email: "dan-find@example.com", role: "admin" },
    });
    const signer = await db.signer.create({ data: { name: "find-token-signer", kind: "release", platform: "linux" } });
    await db.apiToken.create({
      data: {
        name: "bound",
        tokenHash: "find-hash",
        prefix: "sgt_find",
        scope: "gate read",
        signerId: signer.id,
        createdById: creator.id,
        createdAt: T0,
        expiresAt: after(86_400_000),
        revokedAt: after(1_000),
        lastUsedAt: after(500),
      },
    });
    const token = await findApiTokenByHash(db as never, "find-hash");
    expect(token).toMatchObject({
      name: "bound",
      prefix: "sgt_find",
      scopes: ["gate", "read"],
      signerId: signer.id,
      createdById: creator.id,
    });
    // the dates the token check judges (revoked, expired, touched within the minute) come back as dates
    expect(token?.createdAt).toEqual(T0);
    expect(token?.expiresAt).toEqual(after(86_400_000));
    expect(token?.revokedAt).toEqual(after(1_000));
    expect(token?.lastUsedAt).toEqual(after(500));
    expect(await findApiTokenByHash(db as never, "other-hash")).toBeNull();
    await db.apiToken.update({
      where: { tokenHash: "find-hash" },
      data: { revokedAt: null, expiresAt: null, signerId: null },
    });
    expect(await findApiTokenByHash(db as never, "find-hash")).toMatchObject({
      revokedAt: null,
      expiresAt: null,
      signerId: null,
    });
  });
});
