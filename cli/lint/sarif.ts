import { getRuleMeta } from "@/lib/domain/findings";
import type { Severity } from "@/lib/domain/severity";
import type { LintReport } from "./lint-certificates";

// SARIF 2.1.0 (OASIS) for `signet lint --sarif`, the format GitHub code scanning uploads: one run,
// the rules that fired as reportingDescriptors, one result per finding located at its file.
// GitHub orders alerts by the rule's `security-severity` (critical ≥ 9, high ≥ 7, medium ≥ 4).

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "1.0",
};

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export function toSarif(reports: readonly LintReport[], options: { toolVersion: string }): object {
  const ruleIds = [...new Set(reports.flatMap((r) => r.findings.map((f) => f.rule)))].sort();
  const rules = ruleIds.map((id) => {
    const meta = getRuleMeta(id);
    const severity = meta?.defaultSeverity ?? "medium";
    return {
      id,
      name: id.replace(/[^a-zA-Z0-9]+(.)/g, (_, c: string) => c.toUpperCase()),
      shortDescription: { text: meta?.title ?? id },
      fullDescription: { text: meta ? `${meta.title}. Source: ${meta.standard}.` : id },
      help: { text: meta?.howToFix ?? "" },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { "security-severity": SECURITY_SEVERITY[severity], tags: ["security", "code-signing"] },
    };
  });
  const results = reports.flatMap((report) =>
    report.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: LEVEL[f.severity],
      message: { text: `${f.message} (${f.standard})` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(report.file) },
            region: { startLine: 1 },
          },
        },
      ],
      partialFingerprints: { "certificateSha256/v1": `${report.sha256Fingerprint}:${f.rule}` },
      properties: {
        severity: f.severity,
        standard: f.standard,
        profile: report.profile,
        sha256Fingerprint: report.sha256Fingerprint,
        "security-severity": SECURITY_SEVERITY[f.severity],
      },
    })),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "signet lint",
            version: options.toolVersion,
            rules,
          },
        },
        results,
      },
    ],
  };
}

/** a relative path as a SARIF URI reference: forward slashes, each segment percent-encoded */
function toUri(file: string): string {
  return file.replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");
}
