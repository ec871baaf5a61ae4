// GET /api/v1/certificates/{id} through the real route() wrapper with an API token. Pins the
// response's field names: they are a public contract (issue #12: the internal certificate shape may
// be renamed, the API may only grow), so a rename inside lib/ must not leak out.
import { createHash } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeRoute, tokenRequest } from "@/lib/api/testing/route-test";
import type { Db } from "@/lib/db/client";
import { importCertificates } from "@/lib/services/import-certificates";
import { createCodeSigningLeaf, createTestRootCa, type TestCertificate } from "@/lib/x509/testing/test-ca";
import contracts from "@/lib/api/testdata/public-contracts.json";
import { GET } from "./route";

const NOW = new Date("2026-06-01T00:00:00Z");
let root: TestCertificate;
let leaf: TestCertificate;
beforeAll(async () => {
  root = await createTestRootCa({ subject: "CN=Detail Root,O=Acme,C=US", notBefore: new Date("2026-01-01T00:00:00Z") });
  leaf = await createCodeSigningLeaf(root, {
    subject: "CN=detail-bot,O=Acme,C=US",
    notBefore: new Date("2026-02-01T00:00:00Z"),
    notAfter: new Date("2027-02-01T00:00:00Z"),
    crlUrls: ["http://crl.example.com/detail.crl"],
    ocspUrls: ["http://ocsp.example.com"],
  });
});

describeRoute("GET /api/v1/certificates/{id}", (route) => {
  let db: Db;
  let token: string;

  beforeAll(async () => {
    db = route.db();
    ({ reader: token } = await route.seedApiTokens({ reader: { scope: "read" } }));
    const files = [
      { name: "root.pem", bytes: new TextEncoder().encode(root.pem) },
      { name: "leaf.pem", bytes: new TextEncoder().encode(leaf.pem) },
    ];
    await importCertificates(
      db,
      { files, actor: { type: "system", label: "test" }, source: "api" },
      { now: NOW, isEvaluating: false },
    );
  });

  const sha256Of = (c: TestCertificate) => createHash("sha256").update(c.der).digest("hex");
  const get = async (c: TestCertificate) => {
    const sha256 = sha256Of(c);
    const { id } = await db.certificate.findUniqueOrThrow({ where: { sha256 }, select: { id: true } });
    const res = await GET(tokenRequest(`/api/v1/certificates/${id}`, token), { params: Promise.resolve({ id }) });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };

  it("answers with the documented field names and values", async () => {
    const body = await get(leaf);
    // pinned by name in lib/api/testdata/public-contracts.json: the API may grow, never rename
    const pinned = contracts.certificateDetail;
    expect(Object.keys(body).sort()).toEqual([...pinned.fields].sort());
    expect(Object.keys(body.revocation as object).sort()).toEqual([...pinned.revocation].sort());
    expect(Object.keys(body.key as object).sort()).toEqual([...pinned.key].sort());
    expect(body).toMatchObject({
      sha256: sha256Of(leaf),
      subject: "CN=detail-bot,O=Acme,C=US",
      subjectCn: "detail-bot",
      issuerCn: "Detail Root",
      notBefore: "2026-02-01T00:00:00.000Z",
      notAfter: "2027-02-01T00:00:00.000Z",
      isCA: false,
      isSelfSigned: false,
      keyUsage: ["digitalSignature"],
      ekus: ["1.3.6.1.5.5.7.3.3"],
      crlUrls: ["http://crl.example.com/detail.crl"],
      ocspUrls: ["http://ocsp.example.com"],
      fulcio: null,
      importSource: "api",
      importedAt: NOW.toISOString(),
      isChainComplete: true,
    });
    expect((body.chain as { isSelfSigned: boolean }[]).map((c) => Object.keys(c).sort())).toEqual([
      ["id", "isSelfSigned", "isVisible", "notAfter", "state", "subject", "subjectCn"],
    ]);
  });

  it("shows a root as self-signed with its key usage", async () => {
    const body = await get(root);
    expect(body).toMatchObject({
      isCA: true,
      isSelfSigned: true,
      ekus: [],
      crlUrls: [],
      chain: [],
      isChainComplete: true,
    });
    expect(body.keyUsage).toEqual(expect.arrayContaining(["keyCertSign", "cRLSign"]));
  });
});
