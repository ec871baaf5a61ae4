import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCodeSigningLeaf, createTestRootCa } from "@/lib/x509/testing/test-ca";
import type { Io } from "../io";
import { runSignet } from "../main";

// `signet lint`: parity with zlint's cabf_cs_br lints on zlint's own test certificates, what zlint
// misses (the inclusive 460-day count), SARIF 2.1.0 validity, exit codes and options.

const ZLINT = join(import.meta.dirname, "..", "..", "lib", "x509", "testdata", "zlint-code-signing");
const DEBIAN = join(import.meta.dirname, "..", "..", "lib", "x509", "testdata", "debian-secure-boot");
const SARIF_SCHEMA = join(import.meta.dirname, "..", "lint", "testdata", "sarif-schema-2.1.0.json");

type Report = { file: string; sha256Fingerprint: string; profile: string; findings: Finding[] };
type Finding = { rule: string; severity: string; message: string; standard: string };

async function lint(args: string[], now = new Date("2026-12-03T00:00:00Z")) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), now: () => now };
  const code = await runSignet(["lint", ...args], io);
  return { code, out, err };
}

async function lintJson(args: string[]): Promise<Map<string, Report>> {
  const { out } = await lint(["--json", "--fail-on", "none", ...args]);
  const reports = out.map((l) => JSON.parse(l) as Report & { error?: string }).filter((r) => !r.error);
  return new Map(reports.map((r) => [r.file.split("/").pop()!, r]));
}

// zlint lint → the Signet rule(s) that check the same requirement
const RULES: Record<string, string[]> = {
  e_cs_aia_missing_ca_issuers_http_url: ["cert.no-aia-issuer"],
  e_cs_aia_ocsp_not_http: ["cert.no-aia-issuer"],
  e_cs_authority_information_access: ["cert.no-aia-issuer"],
  e_cs_signature_algorithm_not_supported: ["cert.weak-signature"],
  e_cs_crl_distribution_points: ["cert.no-crl-dp"],
  e_cs_ecdsa_prohibited_curve: ["cert.bad-curve"],
  e_cs_eku_required: ["cert.eku-missing", "cert.eku-forbidden"],
  e_cs_key_usage_required: ["cert.key-usage"],
  e_cs_subject_prohibited: ["cert.subject-fields"],
  e_cs_subject_country_name: ["cert.subject-fields"],
  e_cs_subject_locality_or_province_required: ["cert.subject-fields"],
  e_cs_requires_org: ["cert.subject-fields"],
  e_cs_rsa_key_size: ["cert.weak-rsa"],
  e_cs_max_validity_period_39_months: ["cert.validity-too-long"],
  e_cs_max_validity_period_460_days: ["cert.validity-too-long"],
};

// Every case of zlint's v3/lints/cabf_cs_br/*_test.go at 1007b1d (lint, file, expected status)
const ZLINT_CASES: [lint: string, file: string, expected: "Pass" | "NA" | "NE" | "Error" | "Warn"][] = [
  ["e_cs_aia_missing_ca_issuers_http_url", "validCodeSigningCertificate", "Pass"],
  ["e_cs_aia_missing_ca_issuers_http_url", "cs_aia_ca_issuers_not_http", "Error"],
  ["e_cs_aia_missing_ca_issuers_http_url", "cs_aia_no_ca_issuers", "Error"],
  ["e_cs_aia_missing_ca_issuers_http_url", "cs_aia_malformed_ca_issuers", "Error"],
  ["e_cs_aia_ocsp_not_http", "validCodeSigningCertificate", "Pass"],
  ["e_cs_aia_ocsp_not_http", "cs_aia_ocsp_not_http", "Error"],
  ["e_cs_aia_ocsp_not_http", "cs_aia_malformed_ocsp_url", "Error"],
  ["e_cs_aia_ocsp_not_http", "cs_aia_no_ocsp", "NA"],
  ["e_cs_signature_algorithm_not_supported", "cs_ecdsa_sha256", "Pass"],
  ["e_cs_signature_algorithm_not_supported", "cs_ecdsa_sha384", "Pass"],
  ["e_cs_signature_algorithm_not_supported", "cs_ecdsa_sha512", "Pass"],
  ["e_cs_signature_algorithm_not_supported", "cs_ecdsa_sha1", "Error"],
  ["e_cs_signature_algorithm_not_supported", "validCodeSigningCertificate", "Pass"],
  ["e_cs_signature_algorithm_not_supported", "cs_rsa_sha384", "Pass"],
  ["e_cs_signature_algorithm_not_supported", "cs_rsa_sha512", "Pass"],
  ["e_cs_signature_algorithm_not_supported", "cs_rsa_pss_sha256", "Pass"],
  ["e_cs_signature_algorithm_not_supported", "cs_rsa_pss_sha384", "Pass"],
  ["e_cs_signature_algorithm_not_supported", "cs_rsa_pss_sha512", "Pass"],
  ["e_cs_signature_algorithm_not_supported", "cs_rsa_sha1_code_signing", "Error"],
  ["e_cs_signature_algorithm_not_supported", "cs_dsa_sha256", "Pass"],
  ["e_cs_signature_algorithm_not_supported", "cs_dsa_sha1_code_signing", "Error"],
  ["e_cs_authority_information_access", "validCodeSigningCertificate", "Pass"],
  ["e_cs_authority_information_access", "cs_aia_missing", "Error"],
  ["e_cs_authority_information_access", "cs_aia_critical", "Error"],
  ["e_cs_crl_distribution_points", "validCodeSigningCertificate", "Pass"],
  ["e_cs_crl_distribution_points", "noCrldpIncluded", "Error"],
  ["e_cs_crl_distribution_points", "crlDpNoHttp", "Error"],
  ["e_cs_ecdsa_prohibited_curve", "valid_ecdsa_code_signing_certificate", "Pass"],
  ["e_cs_ecdsa_prohibited_curve", "validCodeSigningCertificate", "NA"],
  ["e_cs_ecdsa_prohibited_curve", "prohibited_p224_ecdsa_curve", "Error"],
  ["e_cs_eku_required", "validCodeSigningCertificate", "Pass"],
  ["e_cs_eku_required", "noRequiredCodeSigningEKU", "Error"],
  ["e_cs_eku_required", "containsProhibitedEKU", "Error"],
  ["e_cs_key_usage_required", "validCodeSigningCertificate", "Pass"],
  ["e_cs_key_usage_required", "noDigitalSignatureKeyUsage", "Error"],
  ["e_cs_key_usage_required", "containsProhibitedKeyUsage", "Error"],
  ["e_cs_key_usage_required", "containsNotRecommendedKeyUsage", "Warn"],
  ["e_cs_subject_prohibited", "validCodeSigningCertificate", "Pass"],
  ["e_cs_subject_prohibited", "includes_prohibited_domain_component", "Error"],
  ["e_cs_subject_prohibited", "ev_includes_prohibited_domain_component", "Error"],
  ["e_cs_rsa_key_size", "validCodeSigningCertificate", "Pass"],
  ["e_cs_rsa_key_size", "lessThan3072RSAKeySize", "Error"],
  ["e_cs_rsa_key_size", "codeSigningWithECDSAKey", "NA"],
  ["e_cs_subject_country_name", "validCodeSigningCertificate", "Pass"],
  ["e_cs_subject_country_name", "no_country_name_in_subject", "Error"],
  ["e_cs_subject_country_name", "non_iso_country_name_in_subject", "Error"],
  ["e_cs_subject_country_name", "only_meta_data_in_country_name", "Error"],
  ["e_cs_subject_country_name", "valid_ev_code_signing", "NA"],
  ["e_cs_subject_locality_or_province_required", "validCodeSigningCertificate", "Pass"],
  ["e_cs_subject_locality_or_province_required", "cs_locality_only", "Pass"],
  ["e_cs_subject_locality_or_province_required", "cs_province_only", "Pass"],
  ["e_cs_subject_locality_or_province_required", "cs_no_locality_no_province", "Error"],
  ["e_cs_requires_org", "cs_ov_subject_org_present", "Pass"],
  ["e_cs_requires_org", "cs_ev_subject_org_present", "Pass"],
  ["e_cs_requires_org", "cs_ov_subject_org_missing", "Error"],
  ["e_cs_requires_org", "cs_ev_subject_org_missing", "Error"],
  ["e_cs_max_validity_period_39_months", "validCodeSigningCertificate", "Pass"],
  ["e_cs_max_validity_period_39_months", "validityPeriodLongerThan39Months", "Error"],
  ["e_cs_max_validity_period_39_months", "validCodeSigningCertificateIssuedAfterMarch1st2026", "NE"],
  ["e_cs_max_validity_period_460_days", "validCodeSigningCertificateIssuedAfterMarch1st2026", "Pass"],
  ["e_cs_max_validity_period_460_days", "validityPeriodLongerThan460Days", "Error"],
  ["e_cs_max_validity_period_460_days", "validCodeSigningCertificate", "NE"],
];

let zlint: Map<string, Report>;
let dir: string;

beforeAll(async () => {
  zlint = await lintJson([ZLINT]);
  dir = mkdtempSync(join(tmpdir(), "signet-lint-"));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("parity with zlint's cabf_cs_br lints on zlint's test certificates", () => {
  it("reads all 48 of them, each judged by the CSBR", () => {
    expect(zlint.size).toBe(48);
    expect([...zlint.values()].every((r) => r.profile === "csbr")).toBe(true);
  });

  it.each(ZLINT_CASES)("%s on %s: zlint expects %s", (lintName, file, expected) => {
    const report = zlint.get(`${file}.pem`);
    expect(report, file).toBeDefined();
    const hits = report!.findings.filter((f) => RULES[lintName].includes(f.rule));
    if (expected === "Error") {
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((f) => f.standard.startsWith("CSBR"))).toBe(true);
    } else if (expected === "Warn") {
      // a SHOULD NOT: reported, at low severity
      expect(hits.map((f) => f.severity)).toEqual(["low"]);
    } else {
      expect(hits).toEqual([]);
    }
  });

  it("every zlint case maps to a Signet rule", () => {
    expect(new Set(ZLINT_CASES.map(([l]) => l))).toEqual(new Set(Object.keys(RULES)));
  });
});

describe("what zlint misses: the validity period counts both its first and its last second", () => {
  it("a certificate of exactly notBefore + 460 days is one second too long; zlint passes it", async () => {
    const root = await createTestRootCa({ notBefore: new Date("2026-01-01T00:00:00Z"), key: "RSA-3072" });
    const notBefore = new Date("2026-04-01T00:00:00Z");
    const spec = {
      subject: "CN=Example Co,O=Example Co,L=Mountain View,C=US",
      key: "RSA-3072" as const,
      notBefore,
      policies: ["2.23.140.1.4.1"],
      crlUrls: ["http://crl.example.com/ca.crl"],
      ocspUrls: ["http://ocsp.example.com"],
      caIssuersUrls: ["http://example.com/ca.crt"],
    };
    const tooLong = await createCodeSigningLeaf(root, {
      ...spec,
      notAfter: new Date(notBefore.getTime() + 460 * 86_400_000),
    });
    const justRight = await createCodeSigningLeaf(root, {
      ...spec,
      notAfter: new Date(notBefore.getTime() + 460 * 86_400_000 - 1000),
    });
    writeFileSync(join(dir, "too-long.pem"), tooLong.pem);
    writeFileSync(join(dir, "just-right.pem"), justRight.pem);
    const reports = await lintJson([join(dir, "too-long.pem"), join(dir, "just-right.pem")]);
    expect(reports.get("too-long.pem")!.findings.map((f) => f.rule)).toEqual(["cert.validity-too-long"]);
    expect(reports.get("too-long.pem")!.findings[0].message).toContain("460 days and 1 s");
    expect(reports.get("just-right.pem")!.findings).toEqual([]);
  }, 60_000);
});

describe("signet lint output and exit codes", () => {
  it("SARIF output validates against the SARIF 2.1.0 schema", async () => {
    const { code, out } = await lint(["--sarif", "--fail-on", "none", ZLINT]);
    expect(code).toBe(0);
    const sarif = JSON.parse(out.join("\n")) as { version: string; runs: { results: unknown[] }[] };
    // ajv 6 (eslint's) reads the draft-04 schema OASIS publishes
    const require = createRequire(import.meta.url);
    const Ajv = require("ajv") as new (options: object) => {
      addMetaSchema(schema: object): void;
      validate(schema: object, data: unknown): boolean;
      errors: unknown;
    };
    const ajv = new Ajv({ schemaId: "id", allErrors: true });
    ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json") as object);
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA, "utf8")) as object;
    const isValid = ajv.validate(schema, sarif);
    expect(ajv.errors).toBeNull();
    expect(isValid).toBe(true);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.length).toBe([...zlint.values()].reduce((n, r) => n + r.findings.length, 0));
    // and the schema is not vacuous: a result without a message is refused
    const broken = structuredClone(sarif) as { runs: { results: { message?: unknown }[] }[] };
    delete broken.runs[0].results[0].message;
    expect(ajv.validate(schema, broken)).toBe(false);
  });

  it("exits 1 on a finding at or above --fail-on, 0 below it", async () => {
    const file = join(ZLINT, "containsNotRecommendedKeyUsage.pem"); // valid 2024-07-06 to 2025-07-06
    const at = ["--now", "2025-01-01T00:00:00Z"];
    expect((await lint([...at, file])).code).toBe(0); // only a low finding; default --fail-on high
    expect((await lint([...at, "--fail-on", "low", file])).code).toBe(1);
    expect((await lint([file])).code).toBe(1); // expired at the default now: critical
    expect((await lint([...at, join(ZLINT, "lessThan3072RSAKeySize.pem")])).code).toBe(1);
    expect((await lint([...at, "--fail-on", "critical", join(ZLINT, "lessThan3072RSAKeySize.pem")])).code).toBe(0);
    expect((await lint([join(ZLINT, "README.md")])).code).toBe(1); // nothing readable
  });

  it("judges lifecycle at --now and profile rules as issued", async () => {
    const file = join(ZLINT, "lessThan3072RSAKeySize.pem"); // valid 2024-07-06 to 2025-07-06
    const during = await lint(["--json", "--now", "2025-01-01T00:00:00Z", file]);
    const after = await lint(["--json", "--now", "2026-01-01T00:00:00Z", file]);
    const rules = (o: string[]) => (JSON.parse(o[0]) as Report).findings.map((f) => f.rule).sort();
    expect(rules(during.out)).toEqual(["cert.weak-rsa"]);
    expect(rules(after.out)).toEqual(["cert.expired", "cert.weak-rsa", "key.rotation-overdue"]);
  });

  it("--profile auto chooses per certificate: Debian's Secure Boot certificates get no CSBR finding", async () => {
    const auto = await lintJson(["--profile", "auto", DEBIAN]);
    expect(auto.size).toBe(10);
    for (const report of auto.values()) {
      expect(["uefi-secure-boot", "kernel-module"]).toContain(report.profile);
      expect(report.findings.filter((f) => f.standard.startsWith("CSBR"))).toEqual([]);
    }
    // judged explicitly by the CSBR, the same RSA-2048 signer is weak
    const csbr = await lintJson([join(DEBIAN, "debian-signer-2022-shim.pem")]);
    expect(csbr.get("debian-signer-2022-shim.pem")!.findings.map((f) => f.rule)).toContain("cert.weak-rsa");
  });

  it("--policy reads the policy format; an invalid one is a usage error naming the field", async () => {
    const policy = join(dir, "policy.json");
    writeFileSync(policy, JSON.stringify({ algorithms: { minRsaBits: 2048 } }));
    const file = join(ZLINT, "lessThan3072RSAKeySize.pem");
    expect((await lint(["--policy", policy, "--now", "2025-01-01T00:00:00Z", file])).code).toBe(0);
    writeFileSync(policy, JSON.stringify({ algorithms: { minRsaBits: "big" } }));
    const bad = await lint(["--policy", policy, file]);
    expect(bad.code).toBe(2);
    expect(bad.err.join("\n")).toContain("algorithms.minRsaBits");
    expect((await lint(["--profile", "nope", file])).code).toBe(2);
    expect((await lint(["--json", "--sarif", file])).code).toBe(2);
  });
});
