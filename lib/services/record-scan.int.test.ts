import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createPerson } from "@/lib/db/people/people";
import { listDiscoveryQueue } from "@/lib/db/artifacts/discovery";
import { findArtifactBySha256 } from "@/lib/db/artifacts/lookup";
import { artifactFacts, type ScanOutcome } from "@/lib/scan";
import { signedOutcome, testSignature, verifiedTimestamp } from "@/lib/scan/testing";
import { describeEachDatabase, openTestDb } from "@/lib/testing/databases";
import {
  createCodeSigningLeaf,
  createKeylessCiLeaf,
  createTestCas,
  type TestCertificate,
} from "@/lib/x509/testing/test-ca";
import { createSigner } from "./create-signer";
import { decideDiscoveredIdentity } from "./decide-discovered-identity";
import { recordScan, type ScannedFile } from "./record-scan";

// Recording what a scan found: artifacts by SHA-256 (idempotent), their signatures with the
// certificates imported into the inventory (issuer links), per-file outcomes (a failing file
// spoils nothing else), the discovery queue and its decisions, and the discovery findings.

const DAY = 86_400_000;
const now = new Date();
const actor = { type: "user", id: "u-analyst", label: "analyst@example.test" } as const;

/** A GitHub Actions workflow's keyless identity as its Sigstore bundle states it, logged at `now`. */
function githubActionsIdentity(repository: string, workflowRef: string, logIndex: string) {
  return {
    issuer: "https://token.actions.githubusercontent.com",
    subject: `https://github.com/${repository}/.github/workflows/${workflowRef}`,
    workflow: workflowRef.split("@")[0] as string | null,
    repository,
    logIndex,
    integratedTime: now,
  };
}

let root: TestCertificate;
let ca: TestCertificate;
let leaf: TestCertificate;
let expired: TestCertificate;
let revoked: TestCertificate;
let softwareLeaf: TestCertificate;
let keyless: TestCertificate;

beforeAll(async () => {
  ({ root, intermediate: ca } = await createTestCas({ notBefore: new Date(now.getTime() - 400 * DAY) }));
  leaf = await createCodeSigningLeaf(ca, { subject: "CN=Shadow Build,O=Acme,C=US" });
  expired = await createCodeSigningLeaf(ca, {
    subject: "CN=Old Release,O=Acme,C=US",
    notBefore: new Date(now.getTime() - 300 * DAY),
    notAfter: new Date(now.getTime() - 10 * DAY),
  });
  revoked = await createCodeSigningLeaf(ca, { subject: "CN=Revoked Release,O=Acme,C=US" });
  softwareLeaf = await createCodeSigningLeaf(ca, { subject: "CN=Laptop Signer,O=Acme,C=US" });
  keyless = await createKeylessCiLeaf(ca);
});

const file = (name: string, outcome: ScanOutcome, content = name): ScannedFile => ({
  facts: artifactFacts(name, new TextEncoder().encode(content)),
  outcome,
});

describeEachDatabase("recordScan", (database) => {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  const finding = async (ruleId: string, sha256: string) => {
    const { id } = await db.certificate.findUniqueOrThrow({ where: { sha256 }, select: { id: true } });
    return db.finding.findFirst({ where: { ruleId, certificateId: id }, select: { state: true, message: true } });
  };
  const sha = (c: TestCertificate) => artifactFacts("x", c.der).sha256;

  beforeAll(async () => {
    await db.user.create({ data: { id: actor.id, name: "Analyst", email: actor.label, role: "admin" } });
  });

  it("records signed, unsigned and malformed files, imports the chain and queues the unknown signer", async () => {
    const result = await recordScan(
      db,
      {
        files: [
          file("app.exe", signedOutcome(testSignature([leaf, ca, root]))),
          file("readme.txt", { kind: "unsigned", format: null, note: null }),
          file("broken.p7s", { kind: "malformed", format: "cms-detached", reason: "truncated SignedData at byte 12" }),
        ],
        actor,
        source: "upload",
      },
      { now },
    );
    expect(result.summary).toMatchObject({
      signed: 1,
      unsigned: 1,
      malformed: 1,
      failed: 0,
      signatures: 1,
      discovered: 1,
    });
    expect(result.unsigned.map((u) => u.name)).toEqual(["readme.txt"]);
    expect(result.files[2].reason).toBe("truncated SignedData at byte 12");
    const [sig] = result.files[0].signatures;
    expect(sig.signerCertificateSha256).toBe(sha(leaf));
    expect(sig.discovery).toMatchObject({ state: "new", isNew: true });
    expect(sig.findings).toEqual(["signer.unregistered"]);

    // the certificates joined the inventory with their issuer links
    const stored = await db.certificate.findUnique({ where: { sha256: sha(leaf) }, include: { issuerCert: true } });
    expect(stored?.issuerCert?.sha256).toBe(sha(ca));
    const batch = await db.scanBatch.findUniqueOrThrow({ where: { id: result.batchId }, include: { files: true } });
    expect(batch).toMatchObject({ totalFiles: 3, signedFiles: 1, unsignedFiles: 1, malformedFiles: 1, failedFiles: 0 });
    expect(batch.finishedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "artifact.scanned" } })).toBe(3);
    expect(await db.auditEvent.count({ where: { action: "scan.recorded", targetId: result.batchId } })).toBe(1);
    expect((await finding("signer.unregistered", sha(leaf)))?.state).toBe("open");

    const lookup = await findArtifactBySha256(db, result.files[0].sha256);
    expect(lookup?.signatures[0]).toMatchObject({
      location: "signature 1",
      verification: { status: "verified" },
      certificate: { sha256: sha(leaf) },
      discovery: { state: "new" },
      signers: [],
    });
  });

  it("is idempotent on the artifact's SHA-256", async () => {
    const again = await recordScan(
      db,
      {
        files: [file("app-copy.exe", signedOutcome(testSignature([leaf, ca, root])), "app.exe")],
        actor,
        source: "cli",
      },
      { now },
    );
    expect(again.files[0]).toMatchObject({ isAlreadyKnown: true, outcome: "signed" });
    expect(again.summary.discovered).toBe(0);
    const sha256 = again.files[0].sha256;
    expect(await db.artifact.count({ where: { sha256 } })).toBe(1);
    expect(await db.artifactSignature.count({ where: { artifact: { sha256 } } })).toBe(1);
    expect(await db.discoveredIdentity.count({ where: { identityKey: sha(leaf) } })).toBe(1);
  });

  it("keeps the good files when one file fails", async () => {
    const twice = testSignature([leaf]);
    const result = await recordScan(
      db,
      {
        files: [
          file("good-1.dll", signedOutcome(testSignature([leaf]))),
          // two signatures at one location break the file's transaction
          file("bad.dll", signedOutcome(twice, twice)),
          file("good-2.dll", { kind: "unsigned", format: "authenticode-pe", note: null }),
        ],
        actor,
        source: "api",
      },
      { now },
    );
    expect(result.files.map((f) => f.outcome)).toEqual(["signed", "failed", "unsigned"]);
    expect(result.files[1].reason).toMatch(/could not be recorded/);
    expect(await db.artifact.count({ where: { name: { in: ["good-1.dll", "good-2.dll"] } } })).toBe(2);
    expect(await db.artifact.count({ where: { name: "bad.dll" } })).toBe(0);
    const batch = await db.scanBatch.findUniqueOrThrow({ where: { id: result.batchId } });
    expect(batch.failedFiles).toBe(1);
  });

  it("raises the discovery findings: expired without timestamp, after revocation, CA-signed, software key in production", async () => {
    await recordScan(
      db,
      { files: [file("seed.exe", signedOutcome(testSignature([revoked, ca])))], actor, source: "cli" },
      { now },
    );
    await db.certificate.update({
      where: { sha256: sha(revoked) },
      data: { revocationStatus: "revoked", revokedAt: new Date(now.getTime() - DAY), revocationSource: "recorded" },
    });
    const owner = await createPerson(db, { name: "Olga Owner", email: "olga@acme.example" });
    await recordScan(
      db,
      { files: [file("seed-2.exe", signedOutcome(testSignature([softwareLeaf, ca])))], actor, source: "cli" },
      { now },
    );
    await createSigner(
      db,
      {
        name: "laptop-release",
        kind: "other",
        primaryOwner: owner.id,
        environments: ["production"],
        custody: { type: "software-file" },
        certificates: [sha(softwareLeaf)],
      },
      { actor, now },
    );
    const result = await recordScan(
      db,
      {
        files: [
          file("old.exe", signedOutcome(testSignature([expired, ca]))),
          file(
            "old-stamped.exe",
            signedOutcome(
              testSignature([expired, ca], { timestamp: verifiedTimestamp(new Date(now.getTime() - 20 * DAY)) }),
            ),
          ),
          file("after-revocation.exe", signedOutcome(testSignature([revoked, ca]))),
          file("ca-signed.exe", signedOutcome(testSignature([ca, root]))),
          file("laptop.exe", signedOutcome(testSignature([softwareLeaf, ca]))),
        ],
        actor,
        source: "cli",
      },
      { now },
    );
    const findingsOf = (name: string) => result.files.find((f) => f.name === name)!.signatures[0].findings;
    expect(findingsOf("old.exe")).toContain("artifact.signed-after-expiry");
    expect(findingsOf("old-stamped.exe")).not.toContain("artifact.signed-after-expiry");
    expect(findingsOf("after-revocation.exe")).toContain("artifact.signed-after-revocation");
    expect(findingsOf("ca-signed.exe")).toContain("artifact.ca-signed");
    expect(findingsOf("laptop.exe")).toEqual(["artifact.software-key-production"]);
    expect(result.files.find((f) => f.name === "laptop.exe")!.signatures[0].signer?.name).toBe("laptop-release");
    expect((await finding("artifact.signed-after-expiry", sha(expired)))?.message).toMatch(/old\.exe.*no timestamp/);
  });

  it("links a queued certificate to a signer, creates a signer in a click, and marks a keyless identity known-external", async () => {
    const owner = await createPerson(db, { name: "Quinn Queue", email: "quinn@acme.example" });
    const other = await createCodeSigningLeaf(ca, { subject: "CN=Nightly,O=Acme,C=US" });
    await recordScan(
      db,
      {
        files: [
          file("nightly.zip", signedOutcome(testSignature([other, ca]))),
          file("tool.sigstore.json", {
            kind: "signed",
            format: "sigstore-bundle",
            signatures: [
              testSignature([keyless], {
                format: "sigstore-bundle",
                keyless: githubActionsIdentity("vendor/tool", "release.yml@refs/tags/v1", "42"),
              }),
            ],
          }),
        ],
        actor,
        source: "upload",
      },
      { now },
    );
    const queue = await listDiscoveryQueue(db, { state: "new" });
    const byKey = (k: string) => queue.find((q) => q.identityKey.includes(k))!;
    expect(byKey(sha(other)).kind).toBe("certificate");
    expect(queue.filter((q) => q.kind === "keyless")).toHaveLength(1);

    // link the first-seen certificate to an existing signer
    const registered = await createSigner(
      db,
      { name: "shadow-build", kind: "ci-pipeline", primaryOwner: owner.id },
      { actor, now },
    );
    await decideDiscoveredIdentity(
      db,
      { decision: "link", identityId: byKey(sha(leaf)).id, signerId: registered.id },
      { actor, now },
    );
    expect(
      await db.signerCertificate.count({ where: { signerId: registered.id, certificate: { sha256: sha(leaf) } } }),
    ).toBe(1);
    expect((await finding("signer.unregistered", sha(leaf)))?.state).toBe("resolved");

    // create a signer for the nightly certificate, with owner and environment
    const created = await decideDiscoveredIdentity(
      db,
      {
        decision: "create-signer",
        identityId: byKey(sha(other)).id,
        name: "nightly",
        primaryOwner: "quinn@acme.example",
        environment: "staging",
      },
      { actor, now },
    );
    const signer = await db.signer.findUniqueOrThrow({
      where: { id: created.signerId! },
      include: { certificates: true },
    });
    expect(signer).toMatchObject({ name: "nightly", primaryOwnerId: owner.id, environmentsJson: '["staging"]' });
    expect(signer.certificates).toHaveLength(1);

    // the vendor's keyless identity is known-external
    const vendor = queue.find((q) => q.kind === "keyless")!;
    await decideDiscoveredIdentity(
      db,
      { decision: "known-external", identityId: vendor.id, note: "Vendor Tool Inc." },
      { actor, now },
    );
    expect((await listDiscoveryQueue(db, { state: "new" })).map((q) => q.id)).not.toContain(vendor.id);
    expect((await listDiscoveryQueue(db, { state: "known-external" }))[0]).toMatchObject({ note: "Vendor Tool Inc." });
    await expect(
      decideDiscoveredIdentity(
        db,
        { decision: "known-external", identityId: vendor.id, note: "again" },
        { actor, now },
      ),
    ).rejects.toThrow(/already decided/);
    expect(await db.auditEvent.count({ where: { action: { startsWith: "discovery." } } })).toBe(3);

    // a later scan of the linked certificate names its signer and raises no unregistered finding
    const later = await recordScan(
      db,
      { files: [file("app-2.exe", signedOutcome(testSignature([leaf, ca])))], actor, source: "cli" },
      { now },
    );
    expect(later.files[0].signatures[0]).toMatchObject({
      signer: { name: "shadow-build" },
      discovery: null,
      findings: [],
    });
  });
  it("names the signer that declares a scanned keyless identity instead of queueing it", async () => {
    const declared = await createSigner(
      db,
      {
        name: "declared-keyless-release",
        kind: "ci-pipeline",
        keyless: {
          issuer: "https://token.actions.githubusercontent.com/",
          subjectPattern: "https://github.com/acme/app/*",
        },
      },
      { actor, now },
    );
    const identity = { ...githubActionsIdentity("acme/app", "release.yml@refs/tags/v2", "7"), workflow: null };
    const result = await recordScan(
      db,
      {
        files: [
          file(
            "app.sigstore.json",
            {
              kind: "signed",
              format: "sigstore-bundle",
              signatures: [testSignature([keyless], { format: "sigstore-bundle", keyless: identity })],
            },
            "declared keyless artifact",
          ),
        ],
        actor,
        source: "upload",
      },
      { now },
    );
    const [sig] = result.files[0].signatures;
    expect(sig.signer).toMatchObject({ id: declared.id, name: "declared-keyless-release" });
    expect(sig.discovery).toBeNull();
    expect(sig.findings).not.toContain("signer.unregistered");
    const queue = await listDiscoveryQueue(db, { state: "new" });
    expect(queue.some((q) => q.identityKey.includes(identity.subject))).toBe(false);
  });

  it("a signer created from a queued keyless identity declares it, so its next signature names the signer", async () => {
    const identity = githubActionsIdentity("acme/tools", "publish.yml@refs/heads/main", "9");
    const bundle = (name: string) =>
      file(name, {
        kind: "signed",
        format: "sigstore-bundle",
        signatures: [testSignature([keyless], { format: "sigstore-bundle", keyless: identity })],
      });
    await recordScan(db, { files: [bundle("tools-1.sigstore.json")], actor, source: "upload" }, { now });
    const entry = (await listDiscoveryQueue(db, { state: "new" })).find((q) =>
      q.identityKey.includes(identity.subject),
    )!;
    const { signerId } = await decideDiscoveredIdentity(
      db,
      {
        decision: "create-signer",
        identityId: entry.id,
        name: "tools-publisher",
        primaryOwner: "quinn@acme.example",
        environment: "production",
      },
      { actor, now },
    );
    expect(await db.signer.findUniqueOrThrow({ where: { id: signerId! } })).toMatchObject({
      keylessIssuer: identity.issuer,
      keylessSubjectPattern: identity.subject,
    });
    const later = await recordScan(db, { files: [bundle("tools-2.sigstore.json")], actor, source: "cli" }, { now });
    expect(later.files[0].signatures[0]).toMatchObject({ signer: { name: "tools-publisher" }, discovery: null });
  });
});
