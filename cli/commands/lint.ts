import { readFileSync } from "node:fs";
import { isProfileId, PROFILE_IDS, type ProfileId } from "@/lib/domain/findings";
import { defaultPolicy, safeMergePolicy, type FindingsPolicy } from "@/lib/domain/policy";
import { isAtLeast, isSeverity, SEVERITIES, type Severity } from "@/lib/domain/severity";
import { parseCertificateFile } from "@/lib/x509";
import { expandInputs } from "../input-files";
import { EXIT, parseCommandLine, UsageError, type Command, type Io } from "../io";
import { lintCertificates, type LintCertificate, type LintReport } from "../lint/lint-certificates";
import { toSarif } from "../lint/sarif";

const SUMMARY = "check certificate files against the findings rules, offline (JSON, SARIF)";
const HELP = `Usage: signet lint [--json | --sarif] [--fail-on SEVERITY] [--policy FILE] [--profile PROFILE]
                   [--now TIME] <file or folder>...

Runs Signet's certificate and key rules on certificate files, offline, before anything is
imported: as a CI step before signing, or before a CA request is approved. Nothing is stored or
sent anywhere. Files are read as \`signet inspect\` reads them (PEM, DER, PKCS#7, base64).

Profile rules judge each certificate as issued, whether or not it is still valid today; lifecycle
rules (expiry, key age) judge it at --now.

Options:
  --json              one JSON object per line and certificate:
                      { file, sha256Fingerprint, subject, profile, profileReason,
                        findings: [{ rule, severity, message, standard }] }
                      and { file, error, code } for an input that could not be read
  --sarif             SARIF 2.1.0 (for GitHub code scanning: upload it with
                      github/codeql-action/upload-sarif)
  --fail-on SEVERITY  exit 1 when a finding is at least this severe: ${SEVERITIES.join(", ")}, or none
                      (default: high)
  --policy FILE       policy overrides as JSON, the format the server's policy uses
  --profile PROFILE   judge every certificate by this profile: ${PROFILE_IDS.join(", ")};
                      auto chooses per certificate as an import does (default: csbr)
  --now TIME          the instant lifecycle rules judge at, ISO 8601 (default: now)
  -h, --help          show this help

Exit status: 0 no finding at or above --fail-on, 1 such a finding (or no input could be read),
2 usage error or invalid policy.`;

export const lintCommand: Command = { name: "lint", summary: SUMMARY, help: HELP, run: runLint };

type Options = {
  format: "text" | "json" | "sarif";
  failOn: Severity | null;
  policy: FindingsPolicy;
  profile: ProfileId | undefined;
  now: Date;
  paths: string[];
};

function parseOptions(args: string[], io: Io): Options {
  const parsed = parseCommandLine({
    args,
    options: {
      json: { type: "boolean", default: false },
      sarif: { type: "boolean", default: false },
      "fail-on": { type: "string", default: "high" },
      policy: { type: "string" },
      profile: { type: "string", default: "csbr" },
      now: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const v = parsed.values;
  if (v.json && v.sarif) throw new UsageError("give --json or --sarif, not both");
  if (parsed.positionals.length === 0) throw new UsageError("give at least one file or folder");
  const failOn = v["fail-on"] ?? "high";
  if (failOn !== "none" && !isSeverity(failOn)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")} or none`);
  }
  const profile = v.profile ?? "csbr";
  if (profile !== "auto" && !isProfileId(profile)) {
    throw new UsageError(`--profile must be one of ${PROFILE_IDS.join(", ")} or auto`);
  }
  const now = v.now ? new Date(v.now) : io.now();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now: "${v.now}" is not an ISO 8601 time`);
  return {
    format: v.sarif ? "sarif" : v.json ? "json" : "text",
    failOn: failOn === "none" ? null : (failOn as Severity),
    policy: v.policy ? readPolicy(v.policy) : defaultPolicy,
    profile: profile === "auto" ? undefined : (profile as ProfileId),
    now,
    paths: parsed.positionals,
  };
}

function readPolicy(path: string): FindingsPolicy {
  let overrides: unknown;
  try {
    overrides = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`--policy ${path}: ${(e as Error).message}`);
  }
  const merged = safeMergePolicy(defaultPolicy, overrides);
  if (!merged.success) {
    throw new UsageError(`--policy ${path}: ${merged.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
  return merged.policy;
}

async function runLint(args: string[], io: Io): Promise<number> {
  const options = parseOptions(args, io);
  const certificates: LintCertificate[] = [];
  const errors: { file: string; error: string; code: string }[] = [];
  for (const input of expandInputs(options.paths)) {
    if ("error" in input) {
      errors.push({ file: input.path, error: input.error, code: "unreadable" });
      continue;
    }
    const result = parseCertificateFile(input.bytes, { fileName: input.path });
    for (const facts of result.certificates) certificates.push({ file: input.path, facts });
    for (const e of result.errors) errors.push({ file: input.path, error: e.message, code: e.code });
  }
  const reports = lintCertificates(certificates, options);
  print(io, options.format, reports, errors);
  const isFailing =
    options.failOn !== null && reports.some((r) => r.findings.some((f) => isAtLeast(f.severity, options.failOn!)));
  return isFailing || certificates.length === 0 ? EXIT.failed : EXIT.ok;
}

function print(
  io: Io,
  format: Options["format"],
  reports: LintReport[],
  errors: { file: string; error: string; code: string }[],
): void {
  if (format === "sarif") {
    io.stdout(JSON.stringify(toSarif(reports, { toolVersion: "0.1.0" }), null, 2));
    for (const e of errors) io.stderr(`signet lint: ${e.file}: ${e.error}`);
    return;
  }
  if (format === "json") {
    for (const r of reports) io.stdout(JSON.stringify(r));
    for (const e of errors) io.stdout(JSON.stringify(e));
    return;
  }
  for (const r of reports) {
    io.stdout(`${r.file}  ${r.subject || "(empty subject)"}  [${r.profile}: ${r.profileReason}]`);
    if (r.findings.length === 0) io.stdout("  no findings");
    for (const f of r.findings) io.stdout(`  ${f.severity.padEnd(8)} ${f.rule}  ${f.message} (${f.standard})`);
  }
  for (const e of errors) io.stderr(`signet lint: ${e.file}: ${e.error}`);
  const count = reports.reduce((n, r) => n + r.findings.length, 0);
  io.stderr(
    `${count} finding${count === 1 ? "" : "s"} on ${reports.length} certificate${reports.length === 1 ? "" : "s"}`,
  );
}
