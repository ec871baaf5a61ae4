// A stream of audited writes for the kill test (scripts/kill.int.test.ts): creates signers through
// the real service (one transaction: the signer and its "signer.created" audit event, appended
// to the hash chain under its lock), four at a time, until the process is killed. Prints
// "created N" as it goes so the test knows the writes are under way.
import "reflect-metadata";
import { getDb } from "@/lib/db/client";
import { signerCreateSchema } from "@/lib/domain/signer-input";
import { createSigner } from "@/lib/services/create-signer";

const db = getDb();
const actor = { type: "system" as const, label: "kill test" };
let next = 0;
let created = 0;

async function writer() {
  for (;;) {
    const input = signerCreateSchema.parse({ name: `kill-writer-${process.pid}-${next++}`, kind: "ci-pipeline" });
    await createSigner(db, input, { actor, now: new Date() });
    if (++created % 10 === 0) console.log(`created ${created}`);
  }
}

await Promise.all([writer(), writer(), writer(), writer()]);
