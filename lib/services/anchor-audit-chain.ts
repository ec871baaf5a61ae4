import fs from "node:fs";
import path from "node:path";
import { withTransaction, type Db } from "@/lib/db/client";
import { chainHead } from "@/lib/db/audit/chain";
import { parseAllowHosts } from "@/lib/revocation/ip-ranges";
import { safeFetch } from "@/lib/revocation/safe-fetch";
import { recordAuditBy, type Actor } from "./audit";
import type { AuditAnchor } from "./verify-audit-chain";

// Anchoring: the chain's head (seq, hash, time) exported somewhere the database's writers cannot
// reach (a file on another volume, a webhook into another system). Whoever can rewrite the
// database can rewrite a whole chain, or cut its tail off, consistently; they cannot change an
// anchor already exported, so `signet audit verify --anchors <file>` still catches them.
// Anchor files are JSON Lines, one anchor a line, appended: each line is checked.

/**
 * webhookAllowHosts: hosts the webhook may reach although they are loopback or private. The
 * webhook goes through the same SSRF filter as revocation fetches (no internal addresses, no
 * redirects, each resolved address checked): an anchor receiver inside the network is named here.
 */
export type AnchorTargets = { file?: string; webhookUrl?: string; webhookAllowHosts?: readonly string[] };

/**
 * The anchor targets configured for the periodic job and the CLI (SIGNET_AUDIT_ANCHOR_FILE,
 * SIGNET_AUDIT_ANCHOR_URL, SIGNET_AUDIT_ANCHOR_ALLOW_HOSTS).
 */
export function anchorTargetsFrom(env: Record<string, string | undefined>): AnchorTargets {
  return {
    file: env.SIGNET_AUDIT_ANCHOR_FILE?.trim() || undefined,
    webhookUrl: env.SIGNET_AUDIT_ANCHOR_URL?.trim() || undefined,
    webhookAllowHosts: parseAllowHosts(env.SIGNET_AUDIT_ANCHOR_ALLOW_HOSTS),
  };
}

/**
 * Exports the head to the targets and records that it did (the record is itself the next event,
 * so the anchor names the head before it). Returns null when the chain is empty.
 */
export async function anchorAuditChain(
  db: Db,
  options: { targets: AnchorTargets; actor: Actor; now?: Date },
): Promise<AuditAnchor | null> {
  const head = await chainHead(db);
  if (!head) return null;
  const anchor: AuditAnchor = { seq: head.seq, hash: head.hash, at: (options.now ?? new Date()).toISOString() };
  const line = JSON.stringify(anchor);
  if (options.targets.file) {
    fs.mkdirSync(path.dirname(path.resolve(options.targets.file)), { recursive: true });
    fs.appendFileSync(options.targets.file, `${line}\n`, { mode: 0o640 });
  }
  if (options.targets.webhookUrl) {
    const response = await safeFetch(options.targets.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new TextEncoder().encode(line),
      maxBytes: 64 * 1024,
      timeoutMs: 10_000,
      maxRedirects: 0,
      allowHosts: options.targets.webhookAllowHosts,
    });
    if (response.status < 200 || response.status > 299)
      throw new Error(`the anchor webhook answered ${response.status}`);
  }
  const to = [options.targets.file && "file", options.targets.webhookUrl && "webhook"].filter(Boolean).join(" and ");
  await withTransaction(db, (tx) =>
    recordAuditBy(tx, options, {
      action: "audit.anchored",
      targetType: "audit-chain",
      targetId: String(anchor.seq),
      summary: `Audit chain head ${anchor.seq} anchored${to ? ` to a ${to}` : ""}`,
      details: { ...anchor, file: options.targets.file ?? null, isWebhook: Boolean(options.targets.webhookUrl) },
    }),
  );
  return anchor;
}

/** The anchors of a JSON Lines anchor file; throws naming the line that is not an anchor. */
export function readAnchorFile(file: string): AuditAnchor[] {
  const text = fs.readFileSync(file, "utf8");
  return text.split("\n").flatMap((line, i) => {
    if (!line.trim()) return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    const a = value as Partial<AuditAnchor>;
    if (
      !Number.isInteger(a.seq) ||
      (a.seq as number) < 1 ||
      typeof a.hash !== "string" ||
      !/^[0-9a-f]{64}$/.test(a.hash)
    )
      throw new Error(
        `${file}:${i + 1}: not an anchor (want {"seq": <positive integer>, "hash": <64 hex digits>, "at": …})`,
      );
    return [{ seq: a.seq as number, hash: a.hash, at: typeof a.at === "string" ? a.at : undefined }];
  });
}
