import type { Db } from "@/lib/db/client";
import { generateApiToken } from "@/lib/api/tokens";

/**
 * The gate benchmark's caller: an admin, a `gate` API token (returned once, as a pipeline would hold
 * it), and the signers it asks about (the first `sample`, 2,000 by default), varied so the answers are allow, warn and
 * deny, not deny alone (the synthetic inventory gives every signer an expired certificate with a
 * critical finding, and keys in every custody):
 * - the signers' certificates are valid from a month ago at the latest;
 * - every other signer holds a production grant (the others are denied gate.no-grant);
 * - of those, every other one has had its critical findings resolved (the others are denied
 *   gate.open-finding), and then answers allow, or warn where its key's custody is not approved:
 * - the policy in force (version 1) puts gate.custody-not-approved in warn mode, as a team rolling
 *   the gate out would; suspended signers and revoked or expired current certificates still deny.
 */
export async function seedGateBench(
  db: Db,
  options: { sample?: number } = {},
): Promise<{ token: string; sample: { id: string; name: string }[] }> {
  const admin = await db.user.create({
    data: { id: "bench-admin", name: "Bench", email: "bench@example.test", role: "admin" },
  });
  const t = generateApiToken();
  await db.apiToken.create({
    data: { name: "bench gate", tokenHash: t.hash, prefix: t.prefix, scope: "gate", createdById: admin.id },
  });
  const sample = await db.signer.findMany({ select: { id: true, name: true }, take: options.sample ?? 2_000 });
  const granted = sample.filter((_, i) => i % 2 === 0);
  await db.privilege.createMany({
    data: granted.map((s) => ({ signerId: s.id, scope: "sign:release", environment: "production" })),
  });
  const now = new Date();
  // the synthetic validity periods start up to a year ahead, so a signer's latest certificate (the
  // one the gate judges) was mostly not yet valid: they start a month ago instead
  await db.certificate.updateMany({
    where: { notBefore: { gt: now }, signers: { some: { signerId: { in: sample.map((s) => s.id) } } } },
    data: { notBefore: new Date(now.getTime() - 30 * 86_400_000) },
  });
  await db.finding.updateMany({
    where: { signerId: { in: granted.filter((_, i) => i % 2 === 0).map((s) => s.id) }, severityRank: { gte: 4 } },
    data: { resolvedAt: now },
  });
  await db.policyVersion.create({
    data: {
      version: 1,
      documentJson: JSON.stringify({ gate: { modes: { "gate.custody-not-approved": "warn" } } }),
      comment: "bench: custody in warn mode",
      createdById: admin.id,
      createdByLabel: "Bench",
      createdAt: now,
    },
  });
  return { token: t.token, sample };
}
