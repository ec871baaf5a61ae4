// Certificates found by a sweep of the old build server's file share: imported, but nobody has
// said which signer (if any) uses them yet. Unassigned certificates raise no signer findings; they
// are there to be triaged.
import type { DemoCertificate } from "./model";

const FOUND = [
  ["build-agent-01", 400, 365],
  ["build-agent-02", 380, 365],
  ["build-agent-03", 200, 365],
  ["build-agent-04", 90, 365],
  ["qa-sandbox", 700, 730],
  ["hackathon-2025", 300, 365],
  ["old-jenkins-master", 1500, 1095],
  ["contractor-tools", 120, 365],
  ["demo-installer", 30, 365],
  ["perf-lab", 250, 365],
  ["docs-generator", 500, 365],
  ["translation-bot", 60, 365],
  ["intern-project", 340, 365],
  ["release-test-2024", 800, 365],
  ["load-tester", 150, 365],
  ["kiosk-app", 45, 365],
  ["vendor-poc", 610, 730],
  ["smoke-tests", 20, 365],
  ["legacy-ftp-uploader", 1300, 1095],
  ["design-tools", 280, 365],
] as const;

export const UNASSIGNED_CERTIFICATES: DemoCertificate[] = FOUND.map(([name, notBeforeDaysAgo, validDays], i) => ({
  key: { name: `found:${name}`, spec: "P-256", custody: "unknown" },
  issuer: i % 3 === 0 ? "legacy" : i % 3 === 1 ? "r1" : "e1",
  notBeforeDaysAgo,
  validDays,
}));
