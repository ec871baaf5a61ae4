import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { EXIT, parseCommandLine, UsageError, type Command, type Io } from "../io";
import { request, serverOf } from "./scan-server";

// `signet who-signed <file>`: hashes the file (streamed, any size) and asks Signet who signed it
// (GET /api/v1/artifacts/{sha256}): the signers, certificates, signing times and verification of
// its scanned signatures, and the signing events pipelines reported for it.

const SUMMARY = "hash a file and ask Signet who signed it";
const HELP = `Usage: signet who-signed <file> [--json] [--server <Signet URL>]

Hashes the file and asks Signet who signed it. The file must have been scanned before
(signet scan --server, POST /api/v1/scans or the dashboard's upload), or reported by a pipeline.

Environment:
  SIGNET_URL     Signet's address (or --server)
  SIGNET_TOKEN   an API token with the scope "read"

Exit status: 0 found, 1 Signet knows no artifact with this SHA-256 (or refused), 2 usage error.`;

export const whoSignedCommand: Command = { name: "who-signed", summary: SUMMARY, help: HELP, run: runWhoSigned };

type Lookup = {
  name: string;
  sha256: string;
  outcome: string;
  signatures: {
    location: string;
    certificate: { sha256: string; subject: string } | null;
    signers: { name: string }[];
    discovery: { state: string } | null;
    timestamp: { kind: string; at: string; isVerified: boolean } | null;
    verification: { status: string; reason?: string | null };
    keyless: { issuer: string; subject: string } | null;
  }[];
  signingEvents: { signerName: string; signedAt: string; environment: string | null }[];
};

async function runWhoSigned(args: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine({
    args,
    options: { json: { type: "boolean", default: false }, server: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const [file, ...rest] = parsed.positionals;
  if (!file || rest.length > 0) throw new UsageError("give one file");
  const server = serverOf(parsed.values.server, "read");
  const sha256 = await hashFile(file);
  const answer = await request<Lookup>(server, `/api/v1/artifacts/${sha256}`);
  if ("error" in answer) {
    io.stderr(
      answer.status === 404
        ? `${file} (SHA-256 ${sha256}): Signet has not seen this artifact; scan it first (signet scan --server)`
        : `signet who-signed: ${answer.error}`,
    );
    return EXIT.failed;
  }
  if (parsed.values.json) {
    io.stdout(JSON.stringify(answer));
    return EXIT.ok;
  }
  io.stdout(`${file}  SHA-256 ${sha256}  (${answer.outcome}, first scanned as ${answer.name})`);
  for (const s of answer.signatures) {
    const who = s.signers.length
      ? s.signers.map((x) => x.name).join(", ")
      : s.discovery?.state === "known-external"
        ? "known-external"
        : "no registered signer";
    const cert = s.keyless ? `keyless ${s.keyless.subject}` : (s.certificate?.subject ?? "unknown certificate");
    const time = s.timestamp
      ? `${s.timestamp.kind} ${s.timestamp.at}${s.timestamp.isVerified ? "" : " (unverified)"}`
      : "no timestamp";
    io.stdout(`  ${s.location}: ${who} — ${cert}; ${s.verification.status}; ${time}`);
  }
  for (const e of answer.signingEvents)
    io.stdout(`  reported: ${e.signerName} signed it on ${e.signedAt}${e.environment ? ` for ${e.environment}` : ""}`);
  return EXIT.ok;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (e) {
    throw new UsageError(
      `${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`,
    );
  }
  return hash.digest("hex");
}
