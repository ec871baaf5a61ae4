import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { ScopeUser } from "@/lib/db/scope";
import { linkCertificateToSigner } from "@/lib/db/signers/signer-admin";
import { revocationFiltersSchema, type RevocationFilters } from "@/lib/domain/inventory-filters";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import { numberedCertificate, seedKeys } from "@/lib/testing/inventory-seed";
import { listRevocationPage, type RevocationRequestRow } from "./revocation-queue";

// The /revocation list: each tab's total is its list's length, the overdue and last-check numbers
// count what the list shows, paging walks every row once, and owners see their own certificates only.

const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const admin: ScopeUser = { role: "admin", personId: null };
const filters = (f: Partial<RevocationFilters>) => revocationFiltersSchema.parse({ ...f });

describeEachDatabase("revocation list", (database) => {
  let db: Db;
  let owner: ScopeUser;
  openTestDb(database, (client) => (db = client));

  beforeAll(async () => {
    const alice = await db.person.create({ data: { name: "Alice", email: "alice@example.test" } });
    owner = { role: "owner", personId: alice.id };
    const signer = await db.signer.create({ data: { name: "owned", kind: "ci-pipeline", primaryOwnerId: alice.id } });
    const { key } = await seedKeys(db, NOW, { key: { spkiSha256: "01".repeat(32), algorithm: "RSA", ageDays: 10 } });
    const cert = (n: number, days: number, extra: Record<string, unknown> = {}) =>
      db.certificate.create({
        data: numberedCertificate(n, {
          keyId: key.id,
          notBefore: new Date(NOW.getTime() - 100 * DAY),
          notAfter: new Date(NOW.getTime() + days * DAY),
          ...extra,
        }),
      });
    const failure = {
      revocationError: "OCSP responder unreachable",
      revocationCheckedAt: new Date(NOW.getTime() - DAY),
    };
    const owned = await cert(1, 200, failure);
    const ownedExpired = await cert(2, -1, failure);
    const other = await cert(3, 200, failure);
    await cert(4, 200, { revocationCheckedAt: new Date(NOW.getTime() - DAY), revocationStatus: "good" });
    await cert(5, 200);
    for (const c of [owned, ownedExpired])
      await linkCertificateToSigner(db, { signerId: signer.id, certificateId: c.id, now: NOW });
    const request = (certificateId: string, deadlineDays: number, extra: Record<string, unknown> = {}) =>
      db.revocationRequest.create({
        data: {
          certificateId,
          kind: "requested",
          reason: "keyCompromise",
          requestedAt: new Date(NOW.getTime() + (deadlineDays - 1) * DAY),
          deadlineAt: new Date(NOW.getTime() + deadlineDays * DAY),
          ...extra,
        },
      });
    await request(owned.id, -2); // overdue
    await request(owned.id, 3);
    await request(owned.id, -5, { status: "confirmed", confirmedAt: new Date(NOW.getTime() - 10 * DAY) });
    await request(other.id, 1);
    await request(other.id, -50, { status: "confirmed", confirmedAt: new Date(NOW.getTime() - 40 * DAY) }); // too old
    await request(other.id, -3, { status: "closed" }); // not listed, not overdue
  });

  it("lists open requests and those confirmed in the last 30 days, earliest deadline first, with the overdue count", async () => {
    const page = await listRevocationPage(db, admin, filters({}), NOW);
    expect(page.view).toBe("requests");
    expect(page.total).toBe(4);
    expect(page.requests).toEqual({ total: 4, overdue: 1 });
    const rows = page.rows as RevocationRequestRow[];
    expect(rows.map((r) => r.deadlineAt)).toEqual(
      [-5, -2, 1, 3].map((d) => new Date(NOW.getTime() + d * DAY).toISOString()),
    );
    expect(rows.filter((r) => r.status === "open" && r.deadlineAt < NOW.toISOString())).toHaveLength(1);
  });

  it("pages through every row once", async () => {
    const first = await listRevocationPage(db, admin, filters({ pageSize: 25 }), NOW);
    const pages = [];
    for (const p of [1, 2, 3])
      pages.push(
        ...(await listRevocationPage(db, admin, { ...first, view: "requests", page: p, pageSize: 2 }, NOW)).rows,
      );
    expect(pages.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });

  it("lists the unexpired certificates whose last check failed; the count says the same as the list", async () => {
    const page = await listRevocationPage(db, admin, filters({ view: "failed" }), NOW);
    expect(page.rows.map((r) => "subjectCn" in r && r.subjectCn).sort()).toEqual(["cert-1", "cert-3"]);
    expect(page.total).toBe(2);
    expect(page.lastChecks).toEqual({ total: 4, failed: 2, unchecked: 1, answered: 1 });
  });

  it("shows an owner only requests and failures of their own certificates", async () => {
    const requests = await listRevocationPage(db, owner, filters({}), NOW);
    expect(requests.requests).toEqual({ total: 3, overdue: 1 });
    expect(requests.rows).toHaveLength(3);
    const failed = await listRevocationPage(db, owner, filters({ view: "failed" }), NOW);
    expect(failed.rows.map((r) => r.id)).toHaveLength(1);
    expect(failed.lastChecks).toEqual({ total: 1, failed: 1, unchecked: 0, answered: 0 });
  });

  it("answers nothing to an owner who is not a person in the inventory", async () => {
    const page = await listRevocationPage(db, { role: "owner", personId: null }, filters({ view: "failed" }), NOW);
    expect(page).toMatchObject({ total: 0, rows: [], requests: { total: 0, overdue: 0 } });
  });
});

describe("revocation filters", () => {
  it("falls back to the requests tab on an unknown view", () => {
    expect(filters({ view: "nonsense" as "failed" }).view).toBe("requests");
  });
});
