import { randomUUID } from "node:crypto";
import { withTransaction, type Db } from "@/lib/db/client";
import { insertAuditRows } from "@/lib/db/audit/events";
import { linksAfter, type ChainContent } from "@/lib/db/audit/chain";

// Seeds a chained audit log for bench:audit: `count` events of realistic size (an import's
// per-file event, a sign-in, a signer change), linked as the writer links them, inserted with the
// writer's multi-row JSON statements in large transactions (the writer's per-event lock and head
// read would only slow the seeding, not change what is verified).

const ACTIONS = [
  "certificate.imported",
  "signer.updated",
  "auth.sign-in",
  "signing-event.recorded",
  "findings.evaluated",
];

function eventAt(i: number, start: number): ChainContent {
  const action = ACTIONS[i % ACTIONS.length];
  return {
    id: randomUUID(),
    at: new Date(start + i * 1_000),
    actorType: i % 3 === 0 ? "token" : "user",
    actorId: `actor-${i % 97}`,
    actorLabel: `release-bot-${i % 97}@example.com`,
    action,
    targetType: "certificate",
    targetId: `c${(i * 7919) % 1_000_003}`,
    summary: `${action} for CN=build-signer-${i % 5003}, O=Example Corp (file ${i}.pem)`,
    detailsJson: JSON.stringify({ sha256: (i * 2654435761).toString(16).padStart(64, "0"), source: "cli", index: i }),
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  };
}

const PER_TRANSACTION = 20_000;

export async function seedAuditChain(db: Db, count: number, onProgress?: (done: number) => void): Promise<void> {
  const start = Date.UTC(2025, 0, 1);
  let head: { seq: number; hash: string } | null = null;
  for (let from = 0; from < count; from += PER_TRANSACTION) {
    const events = Array.from({ length: Math.min(PER_TRANSACTION, count - from) }, (_, k) => eventAt(from + k, start));
    const links = linksAfter(head, events);
    await withTransaction(
      db,
      (tx) =>
        insertAuditRows(
          tx,
          events.map((e, k) => ({ ...e, ...links[k] })),
        ),
      {
        timeout: 600_000,
      },
    );
    const last = links[links.length - 1];
    head = { seq: last.seq, hash: last.hash };
    onProgress?.(from + events.length);
  }
}
