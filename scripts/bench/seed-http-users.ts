import { generateApiToken } from "../../lib/api/tokens";
import type { Db } from "../../lib/db/client";

// What the users run of scripts/bench-http.ts reads on a bench inventory (seed-inventory.ts): the
// owners it signs in as, API tokens, and the signers and certificates its detail pages open.

export type HttpUsersFixture = {
  readToken: string;
  ingestToken: string;
  /** the primary owner of signer-1: about five signers at 250k (person7@example.test) */
  smallOwner: { id: string; email: string; signerIds: string[] };
  /** the seed's team lead: the primary owner of one signer in twelve */
  lead: { id: string; email: string; signerIds: string[] };
  /** signers and certificates spread over the inventory, for the detail pages */
  signerIds: string[];
  certificateIds: string[];
};

const SAMPLE = 50;

/** Two API tokens created by `adminId` (read; ingest) and the people and subjects the clients use. */
export async function seedHttpUsers(
  db: Db,
  adminId: string,
  inventory: { certificates: number; signers: number },
): Promise<HttpUsersFixture> {
  const token = async (name: string, scope: string) => {
    const t = generateApiToken();
    await db.apiToken.create({ data: { name, tokenHash: t.hash, prefix: t.prefix, scope, createdById: adminId } });
    return t.token;
  };
  const spread = (n: number, prefix: string) =>
    Array.from({ length: SAMPLE }, (_, k) => `${prefix}${Math.floor((k * n) / SAMPLE) + (k % 7)}`);
  const signerOne = await db.signer.findFirst({
    where: { name: "signer-1" },
    select: { primaryOwner: { select: { id: true, email: true } } },
  });
  const lead = await db.person.findUnique({ where: { email: "lead@example.test" }, select: { id: true, email: true } });
  if (!signerOne?.primaryOwner || !lead) throw new Error("bench:http expects the bench inventory (seed-inventory.ts)");
  const owned = async (personId: string) =>
    (await db.signer.findMany({ where: { primaryOwnerId: personId }, select: { id: true }, take: 20 })).map(
      (s) => s.id,
    );
  return {
    readToken: await token("bench-http read", "read"),
    ingestToken: await token("bench-http ingest", "ingest"),
    smallOwner: { ...signerOne.primaryOwner, signerIds: await owned(signerOne.primaryOwner.id) },
    lead: { ...lead, signerIds: await owned(lead.id) },
    signerIds: (
      await db.signer.findMany({ where: { name: { in: spread(inventory.signers, "signer-") } }, select: { id: true } })
    ).map((s) => s.id),
    certificateIds: (
      await db.certificate.findMany({
        where: { subjectCn: { in: spread(inventory.certificates, "build-") } },
        select: { id: true },
      })
    ).map((c) => c.id),
  };
}
