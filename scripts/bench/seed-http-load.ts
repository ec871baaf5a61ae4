import { generateApiToken } from "../../lib/api/tokens";
import type { Db } from "../../lib/db/client";

// Seeding and checking for the load run (scripts/bench-http.ts).

/** An ingest+read API token created by `adminId`, and signers the clients report events for. */
export async function seedLoadClients(db: Db, adminId: string): Promise<{ token: string; signerIds: string[] }> {
  const t = generateApiToken();
  await db.apiToken.create({
    data: { name: "load", tokenHash: t.hash, prefix: t.prefix, scope: "ingest read", createdById: adminId },
  });
  const signerIds = (await db.signer.findMany({ select: { id: true }, take: 20 })).map((s) => s.id);
  return { token: t.token, signerIds };
}

/** Signing events the load run's clients stored (their artifact names start with `prefix`). */
export function countLoadEvents(db: Db, prefix: string): Promise<number> {
  return db.signingEvent.count({ where: { artifactName: { startsWith: prefix } } });
}
