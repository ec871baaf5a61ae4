import type { Db } from "@/lib/db/client";
import { generateApiToken } from "@/lib/api/tokens";

/**
 * The gate benchmark's caller: an admin, a `gate` API token (returned once, as a pipeline would hold
 * it), the signers it asks about, and a production grant on every other signer of the first 2,000, so allow, warn and deny occur.
 */
export async function seedGateBench(db: Db): Promise<{ token: string; sample: { id: string; name: string }[] }> {
  const admin = await db.user.create({
    data: { id: "bench-admin", name: "Bench", email: "bench@example.test", role: "admin" },
  });
  const t = generateApiToken();
  await db.apiToken.create({
    data: { name: "bench gate", tokenHash: t.hash, prefix: t.prefix, scope: "gate", createdById: admin.id },
  });
  const sample = await db.signer.findMany({ select: { id: true, name: true }, take: 2_000 });
  await db.privilege.createMany({
    data: sample
      .filter((_, i) => i % 2 === 0)
      .map((s) => ({ signerId: s.id, scope: "sign:release", environment: "production" })),
  });
  return { token: t.token, sample };
}
