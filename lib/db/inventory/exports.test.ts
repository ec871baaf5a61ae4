import { describe, expect, it } from "vitest";
import { EXPORTS, type ExportName } from "./exports";

// The CSV exports' headers, in order, are a contract: spreadsheets and scripts read columns by
// name or position. A change here is a change to every consumer's file.

describe("CSV export headers", () => {
  // every export's, by its name
  const headers: Record<ExportName, string> = {
    certificates:
      "id,subject_cn,subject,issuer_cn,serial,sha256,state,not_before,not_after,key_algorithm,custody,revocation,is_ca,signers",
    keys: "id,spki_sha256,algorithm,custody,custody_attested_at,first_seen_at,rotation_age_days,rotation_overdue,certificates,latest_not_after",
    findings:
      "id,severity,rule,title,owasp_nhi,subject_type,subject,message,threshold,state,first_seen_at,last_seen_at,accepted_until,triage_reason",
    owners: "kind,id,name,email,team,active,signers,backup_of,open_findings",
    audit: "at,actor_type,actor,action,target_type,target_id,summary,ip",
    "gate-decisions": "decided_at,decision,action,environment,signer,reasons,triggered_by,policy_version,id",
  };
  it.each(Object.entries(headers))("%s", (name, expected) => {
    expect(EXPORTS[name as ExportName].columns.map((c) => c.header).join(",")).toBe(expected);
  });
});
