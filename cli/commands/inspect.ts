import {
  ekuName,
  parseCertificateFile,
  toInspectJson,
  type CertificateFacts,
  type CertificateParseError,
} from "@/lib/x509";
import { expandInputs } from "../input-files";
import { EXIT, parseCommandLine, UsageError, type Command, type Io } from "../io";

const SUMMARY = "show what certificate files contain, without storing anything";
const HELP = `Usage: signet inspect [--json] <file or folder>...

Reads certificate files and prints what is in them. Nothing is stored or sent anywhere.
Folders are searched recursively in name order; symbolic links inside folders are skipped.
Accepted, whatever the file name: PEM (any number of blocks), DER, PKCS#7 / CMS bundles (DER or
PEM) and bare base64 of any of these. Files holding a private key (and Java keystores) are refused.

Options:
  --json      one JSON object per line: one per certificate, and { file, error, code }
              for each input that could not be read
  -h, --help  show this help

Exit status: 0 when at least one input gave a certificate, 1 when every input failed,
2 for a usage error.`;

export const inspectCommand: Command = { name: "inspect", summary: SUMMARY, help: HELP, run: runInspect };

async function runInspect(args: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine({
    args,
    options: { json: { type: "boolean", default: false } },
    allowPositionals: true,
    strict: true,
  });
  const paths = parsed.positionals;
  if (paths.length === 0) throw new UsageError("give at least one file or folder");
  const isJson = parsed.values.json === true;
  const now = io.now();
  let inputs = 0;
  let failedInputs = 0;
  let certificateCount = 0;

  for (const input of expandInputs(paths)) {
    inputs++;
    if ("error" in input) {
      failedInputs++;
      reportError(io, isJson, input.path, { code: "unreadable", message: input.error });
      continue;
    }
    const result = parseCertificateFile(input.bytes, { fileName: input.path });
    if (result.certificates.length === 0) failedInputs++;
    result.certificates.forEach((facts, i) => {
      certificateCount++;
      if (isJson) io.stdout(JSON.stringify(toInspectJson(facts, input.path)));
      else
        io.stdout(
          describe(
            facts,
            `${input.path}${result.certificates.length > 1 ? ` [${i + 1}/${result.certificates.length}]` : ""}`,
            now,
          ),
        );
    });
    for (const error of result.errors) reportError(io, isJson, input.path, error);
  }

  if (!isJson) {
    const files = `${inputs} input${inputs === 1 ? "" : "s"}`;
    io.stderr(
      `${certificateCount} certificate${certificateCount === 1 ? "" : "s"} from ${files}${failedInputs ? `; ${failedInputs} failed` : ""}`,
    );
  }
  return failedInputs === inputs ? EXIT.failed : EXIT.ok;
}

type ReportedError = Pick<CertificateParseError, "message" | "block"> & { code: string };

function reportError(io: Io, isJson: boolean, file: string, error: ReportedError): void {
  if (isJson) {
    io.stdout(
      JSON.stringify({ file, error: error.message, code: error.code, ...(error.block ? { block: error.block } : {}) }),
    );
  } else {
    io.stderr(`signet inspect: ${file}: ${error.message}`);
  }
}

const DAY_MS = 86_400_000;

function describe(f: CertificateFacts, title: string, now: Date): string {
  const rows: Array<[string, string]> = [
    ["Subject", f.subject || "(empty)"],
    ["Issuer", f.issuer || "(empty)"],
    ["Serial", f.serialHex],
    ["Valid", `${utc(f.notBefore)} → ${utc(f.notAfter)} (${validity(f, now)})`],
    ["Key", keyText(f)],
    ["Signature", f.signatureAlgorithm],
    ["CA", f.isCA ? `yes${f.pathLength !== null ? `, path length ${f.pathLength}` : ""}` : "no"],
  ];
  if (f.keyUsage.length)
    rows.push(["Key usage", `${f.keyUsage.join(", ")}${f.isKeyUsageCritical ? " (critical)" : ""}`]);
  rows.push(["EKU", f.ekus.length ? f.ekus.map(ekuName).join(", ") : "(none: any purpose)"]);
  if (f.sans.length) rows.push(["SANs", f.sans.join(", ")]);
  for (const url of f.crlUrls) rows.push(["CRL", url]);
  for (const url of f.ocspUrls) rows.push(["OCSP", url]);
  for (const url of f.caIssuersUrls) rows.push(["CA issuers", url]);
  if (f.fulcio) rows.push(["Keyless CI", keylessText(f)]);
  if (f.isSelfSigned) rows.push(["Self-signed", "yes"]);
  rows.push(["SHA-256", f.sha256]);
  rows.push(["SPKI SHA-256", f.spkiSha256]);
  for (const w of f.warnings) rows.push(["Warning", w]);
  const width = Math.max(...rows.map(([k]) => k.length)) + 1;
  return [title, ...rows.map(([k, v]) => `  ${`${k}:`.padEnd(width)} ${v}`), ""].join("\n");
}

function utc(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function validity(f: CertificateFacts, now: Date): string {
  const t = now.getTime();
  if (t < f.notBefore.getTime()) return `not valid yet: starts in ${days(f.notBefore.getTime() - t)}`;
  if (t > f.notAfter.getTime()) return `expired ${days(t - f.notAfter.getTime())} ago`;
  return `${days(f.notAfter.getTime() - t)} left`;
}

function days(ms: number): string {
  const n = Math.floor(ms / DAY_MS);
  return `${n} day${n === 1 ? "" : "s"}`;
}

function keyText(f: CertificateFacts): string {
  const size = f.curve ?? (f.keyBits !== null ? `${f.keyBits} bits` : null);
  return size ? `${f.keyAlgorithm} ${size}` : f.keyAlgorithm;
}

function keylessText(f: CertificateFacts): string {
  const z = f.fulcio!;
  const parts = [
    `Sigstore/Fulcio, issuer ${z.issuer ?? "unknown"}`,
    z.sourceRepositoryUri ?? z.githubWorkflowRepository,
    z.sourceRepositoryRef ?? z.githubWorkflowRef,
    z.buildSignerUri,
  ].filter((p): p is string => Boolean(p));
  return parts.join(", ");
}
