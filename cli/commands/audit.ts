import fs from "node:fs";
import { userInfo } from "node:os";
import { resolveDatabaseUrl } from "@/lib/db/adapters";
import { createDb, closeDb, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import {
  anchorAuditChain,
  anchorTargetsFrom,
  readAnchorFile,
  type AnchorTargets,
} from "@/lib/services/anchor-audit-chain";
import { describeChainReport, verifyAuditChain, type AuditAnchor } from "@/lib/services/verify-audit-chain";
import { EXIT, parseCommandLine, UsageError, type Command, type Io } from "../io";

const SUMMARY = "verify the audit log's hash chain, or anchor its head to a file or webhook";
const HELP = `Usage: signet audit verify [--json] [--anchors <file>]
       signet audit anchor (--out <file> | --webhook <url>)...

verify  walks the audit log's hash chain (DATABASE_URL) and names the first broken link: an
        edited event (content hash), a reordered or rewritten one (hash), a deleted one (the next
        event's link, and its seq listed as missing). With anchors (JSON Lines written by
        \`signet audit anchor\`; default: SIGNET_AUDIT_ANCHOR_FILE when that file exists) it also
        proves the log was not cut short or rewritten up to each anchor.
anchor  appends the chain's head {seq, hash, at} to a file and/or POSTs it to a webhook, and
        records that it did. Keep the file where the database's writers cannot change it.

Options:
  --json             verify: the whole report as one JSON object on stdout
  --anchors <file>   verify: the anchor file to check against
  --out <file>       anchor: append the head to this file
  --webhook <url>    anchor: POST the head as JSON to this URL
  -h, --help         show this help

Exit status: 0 when the chain is intact (verify) or the head was exported (anchor), 1 when the
chain is broken or the export failed, 2 for a usage error.`;

export const auditCommand: Command = { name: "audit", summary: SUMMARY, help: HELP, run: runAudit };

async function runAudit(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const parsed = parseCommandLine({
    args: rest,
    options: {
      json: { type: "boolean", default: false },
      anchors: { type: "string" },
      out: { type: "string" },
      webhook: { type: "string" },
    },
    strict: true,
  });
  const v = parsed.values;
  if (sub === "verify") {
    if (v.out || v.webhook) throw new UsageError("--out and --webhook belong to `signet audit anchor`");
    return withDb((db) => verify(db, io, { isJson: v.json === true, anchorFile: v.anchors }));
  }
  if (sub === "anchor") {
    if (!v.out && !v.webhook) throw new UsageError("give --out <file> or --webhook <url>");
    if (v.webhook && !/^https?:\/\//.test(v.webhook)) throw new UsageError("--webhook must be an http(s) URL");
    const { webhookAllowHosts } = anchorTargetsFrom(process.env);
    return withDb((db) => anchor(db, io, { file: v.out, webhookUrl: v.webhook, webhookAllowHosts }));
  }
  throw new UsageError(sub ? `unknown subcommand "${sub}" (verify or anchor)` : "give a subcommand: verify or anchor");
}

async function withDb(work: (db: Db) => Promise<number>): Promise<number> {
  const url = resolveDatabaseUrl(process.env);
  await applyMigrations({ url });
  const db = createDb(url);
  try {
    return await work(db);
  } finally {
    await closeDb(db);
  }
}

async function verify(db: Db, io: Io, options: { isJson: boolean; anchorFile?: string }): Promise<number> {
  const file = options.anchorFile ?? existing(anchorTargetsFrom(process.env).file);
  let anchors: AuditAnchor[] = [];
  if (file) {
    try {
      anchors = readAnchorFile(file);
    } catch (e) {
      io.stderr(
        `signet audit verify: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? `${file}: no such file` : (e as Error).message}`,
      );
      return EXIT.failed;
    }
  }
  const report = await verifyAuditChain(db, { anchors });
  if (options.isJson) io.stdout(JSON.stringify({ ...report, anchorFile: file ?? null }));
  else {
    io.stdout(describeChainReport(report));
    if (!file)
      io.stderr("signet audit verify: no anchor file: a log cut short at its tail cannot be told from a shorter one");
  }
  if (report.unchained > 0 && !options.isJson)
    io.stderr(
      "signet audit verify: events without seq: run `npm run db:migrate` to seal events written before the chain",
    );
  return report.isIntact ? EXIT.ok : EXIT.failed;
}

const existing = (file: string | undefined) => (file && fs.existsSync(file) ? file : undefined);

async function anchor(db: Db, io: Io, targets: AnchorTargets): Promise<number> {
  try {
    const head = await anchorAuditChain(db, {
      targets,
      actor: { type: "system", label: `signet audit anchor (${userInfo().username})` },
      now: io.now(),
    });
    if (!head) {
      io.stderr("signet audit anchor: the audit log is empty: nothing to anchor");
      return EXIT.failed;
    }
    io.stdout(JSON.stringify(head));
    return EXIT.ok;
  } catch (e) {
    io.stderr(`signet audit anchor: ${(e as Error).message}`);
    return EXIT.failed;
  }
}
