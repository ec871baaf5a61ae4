import { beforeAll, expect, it } from "vitest";
import { describeRoute, jsonBody, noParams, tokenRequest } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";
import { createSigner } from "@/lib/services/create-signer";
import { GET as getSigner, PATCH as patchSigner } from "../route";
import { GET as listSigners } from "../../route";
import { DELETE, PATCH } from "./[credentialId]/route";
import { GET, POST } from "./route";

// A signer's credentials through the real route() wrapper on both databases: add, list, change and
// remove, audited; secrets and bad dates refused naming the field; the legacy credentialExpiresAt
// field still reads and writes the pipeline credential; signer.credential-expiring names each one.

const DAY = 86_400_000;
const NOW = Date.now();
const inDays = (d: number) => new Date(NOW + d * DAY).toISOString();
const actor = { type: "user" as const, id: "admin-1", label: "Admin" };

describeRoute("/api/v1/signers/[id]/credentials", (route) => {
  let db: Db;
  let tokens: Record<"write" | "read", string>;
  let signerId: string;
  const at = (credentialId?: string) => ({
    params: Promise.resolve<Record<string, string>>(credentialId ? { id: signerId, credentialId } : { id: signerId }),
  });
  const url = `/api/v1/signers/x/credentials`;

  beforeAll(async () => {
    db = route.db();
    tokens = await route.seedApiTokens({ write: { scope: "signers:write read" }, read: { scope: "read" } });
    const s = await createSigner(
      db,
      {
        name: "release-bot",
        kind: "ci-pipeline",
        credentialType: "static-secret",
        credentialExpiresAt: new Date(inDays(100)),
      },
      { actor, now: new Date() },
    );
    signerId = s.id;
  });

  it("adds, lists, changes and removes credentials, each change audited", async () => {
    const add = await POST(
      tokenRequest(url, tokens.write, {
        method: "POST",
        ...jsonBody({
          kind: "ci-secret",
          name: "SIGN_TOKEN",
          location: "GitHub Actions secret SIGN_TOKEN in acme/app",
          expiresAt: inDays(10),
          lastRotatedAt: inDays(-300),
        }),
      }),
      at(),
    );
    expect(add.status).toBe(201);
    const added = (await add.json()) as { id: string; name: string; isPipeline: boolean };
    expect(added).toMatchObject({ name: "SIGN_TOKEN", isPipeline: false });

    const registry = await POST(
      tokenRequest(url, tokens.write, { method: "POST", ...jsonBody({ kind: "registry-token", name: "NPM_TOKEN" }) }),
      at(),
    );
    expect(registry.status).toBe(201);
    const registryId = ((await registry.json()) as { id: string }).id;

    const list = await GET(tokenRequest(url, tokens.read), at());
    const { credentials } = (await list.json()) as { credentials: { name: string; isPipeline: boolean }[] };
    // the migrated/legacy pipeline credential first, then by name
    expect(credentials.map((c) => c.name)).toEqual(["Pipeline credential", "NPM_TOKEN", "SIGN_TOKEN"]);

    // the finding names the credential inside the window
    const finding = await db.finding.findFirstOrThrow({
      where: { subjectId: signerId, ruleId: "signer.credential-expiring", resolvedAt: null },
    });
    expect(finding.message).toContain("CI secret SIGN_TOKEN expires on");

    const renewed = await PATCH(
      tokenRequest(url, tokens.write, {
        method: "PATCH",
        ...jsonBody({ expiresAt: inDays(200), lastRotatedAt: inDays(0) }),
      }),
      at(added.id),
    );
    expect(renewed.status).toBe(200);
    expect(((await renewed.json()) as { changed: string[] }).changed).toEqual(["expiresAt", "lastRotatedAt"]);
    // rotated: nothing left inside the window, the finding resolves
    expect(
      await db.finding.count({
        where: { subjectId: signerId, ruleId: "signer.credential-expiring", resolvedAt: null },
      }),
    ).toBe(0);

    const removed = await DELETE(tokenRequest(url, tokens.write, { method: "DELETE" }), at(registryId));
    expect(removed.status).toBe(200);
    expect(await db.signerCredential.count({ where: { signerId } })).toBe(2);

    const audit = await db.auditEvent.findMany({
      where: { targetId: signerId, action: { startsWith: "signer.credential-" } },
      orderBy: { seq: "asc" },
      select: { action: true, detailsJson: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "signer.credential-added",
      "signer.credential-added",
      "signer.credential-updated",
      "signer.credential-removed",
    ]);
    expect(JSON.parse(audit[2].detailsJson)).toMatchObject({
      credentialId: added.id,
      after: { expiresAt: inDays(200) },
    });
  });

  it("refuses secrets, bad dates, a taken name and a read-only token, writing nothing", async () => {
    const before = await db.signerCredential.count();
    const post = (body: unknown, token = tokens.write) =>
      POST(tokenRequest(url, token, { method: "POST", ...jsonBody(body) }), at());
    const secret = await post({ kind: "ci-secret", name: "X", location: "token=ghp_abcdefghijklmnopqrstuvwxyz0123" });
    expect(secret.status).toBe(422);
    expect(JSON.stringify(await secret.json())).toMatch(/location.*Looks like a secret/);
    const key = await post({ kind: "other", name: "-----BEGIN PRIVATE KEY-----" });
    expect(key.status).toBe(422);
    const dates = await post({ kind: "other", name: "Y", expiresAt: "2027-01-01", lastRotatedAt: "2027-06-01" });
    expect(dates.status).toBe(422);
    expect(JSON.stringify(await dates.json())).toContain("lastRotatedAt");
    expect((await post({ kind: "nonsense", name: "Z" })).status).toBe(422);
    expect((await post({ kind: "ci-secret", name: "SIGN_TOKEN" })).status).toBe(409);
    expect((await post({ kind: "ci-secret", name: "R" }, tokens.read)).status).toBe(403);
    expect(await db.signerCredential.count()).toBe(before);
    const other = await PATCH(
      tokenRequest(url, tokens.write, { method: "PATCH", ...jsonBody({ name: "N" }) }),
      at("nope"),
    );
    expect(other.status).toBe(404);
  });

  it("keeps the legacy credentialExpiresAt field on the pipeline credential, and answers credentials on reads", async () => {
    const patch = await patchSigner(
      tokenRequest(`/api/v1/signers/${signerId}`, tokens.write, {
        method: "PATCH",
        ...jsonBody({ credentialExpiresAt: "2031-05-01" }),
      }),
      at(),
    );
    expect(patch.status).toBe(200);
    const pipeline = await db.signerCredential.findFirstOrThrow({ where: { signerId, isPipeline: true } });
    expect(pipeline.expiresAt?.toISOString()).toBe("2031-05-01T00:00:00.000Z");
    const detail = (await (await getSigner(tokenRequest(`/api/v1/signers/${signerId}`, tokens.read), at())).json()) as {
      credentialExpiresAt: string;
      credentials: { name: string }[];
    };
    expect(detail.credentialExpiresAt).toBe("2031-05-01T00:00:00.000Z");
    expect(detail.credentials.map((c) => c.name)).toEqual(["Pipeline credential", "SIGN_TOKEN"]);
    const page = (await (await listSigners(tokenRequest("/api/v1/signers", tokens.read), noParams)).json()) as {
      rows: { id: string; credentials: { name: string }[] }[];
    };
    expect(page.rows.find((r) => r.id === signerId)?.credentials).toHaveLength(2);
    // switching to OIDC clears the pipeline credential's expiry (as the legacy field did)
    const oidc = await patchSigner(
      tokenRequest(`/api/v1/signers/${signerId}`, tokens.write, {
        method: "PATCH",
        ...jsonBody({ credentialType: "oidc", credentialExpiresAt: null }),
      }),
      at(),
    );
    expect(oidc.status).toBe(200);
    expect(
      (await db.signerCredential.findFirstOrThrow({ where: { signerId, isPipeline: true } })).expiresAt,
    ).toBeNull();
  });
});
