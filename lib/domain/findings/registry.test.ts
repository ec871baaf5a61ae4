import { describe, expect, it } from "vitest";
import findingsDoc from "./testdata/findings-catalogue.json";
import { evaluateCertificate, evaluateInventory, evaluateKey, evaluateSigner } from "@/lib/domain/findings/evaluate";
import { certificate, ctx, daysFromNow, ids, key, signer } from "@/lib/domain/findings/fixtures";
import { getRuleMeta, ruleCatalogue } from "@/lib/domain/findings/registry";
import { DISCOVERY_RULE_IDS, RULE_IDS } from "@/lib/domain/findings/rule-ids";
import { isNhiId } from "@/lib/domain/nhi";
import { isSeverity } from "@/lib/domain/severity";

// the rules docs/findings.md (../shared/docs/findings.md) lists; each must be implemented
const CATALOGUE = findingsDoc.ruleIds;

describe("ruleCatalogue", () => {
  const catalogue = ruleCatalogue();

  it("registers every rule id exactly once, in catalogue order, including all of findings.md", () => {
    expect(catalogue.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const id of CATALOGUE) expect(RULE_IDS).toContain(id);
  });

  it("gives every rule complete metadata", () => {
    for (const r of catalogue) {
      // discovery findings are about the certificate that signed the artifact
      const isDiscovery = (DISCOVERY_RULE_IDS as readonly string[]).includes(r.id);
      if (isDiscovery) expect(r.subjectType).toBe("certificate");
      else expect(r.id.split(".")[0]).toBe({ certificate: "cert", key: "key", signer: "signer" }[r.subjectType]);
      expect(isSeverity(r.defaultSeverity)).toBe(true);
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.standard.length).toBeGreaterThan(5);
      expect(r.howToFix).toMatch(/\.$/);
      expect(r.nhi === null || isNhiId(r.nhi)).toBe(true);
      expect(r.relatedNhi.every(isNhiId)).toBe(true);
      expect(["csbr", "lifecycle", "governance"]).toContain(r.scope);
      expect(r).not.toHaveProperty("evaluate");
    }
  });

  it("carries the catalogue's severities, NHI mapping and scopes", () => {
    const meta = (id: string) => getRuleMeta(id)!;
    expect(meta("cert.expired").defaultSeverity).toBe("critical");
    expect(meta("cert.weak-rsa")).toMatchObject({ scope: "csbr", standard: "CSBR v3.10 §6.1.5.2" });
    expect(meta("cert.revoked-in-use")).toMatchObject({ defaultSeverity: "critical", scope: "lifecycle" });
    expect(meta("key.shared").nhi).toBe("NHI9");
    expect(meta("key.private-key-submitted")).toMatchObject({
      defaultSeverity: "critical",
      raisedBy: "event",
      nhi: "NHI2",
    });
    expect(meta("signer.stale")).toMatchObject({ nhi: "NHI1", relatedNhi: ["NHI5"] });
    expect(meta("signer.human-use").nhi).toBe("NHI10");
    expect(meta("signer.env-mixing").nhi).toBe("NHI8");
    expect(getRuleMeta("cert.nope")).toBeUndefined();
  });
});

describe("policy rule overrides", () => {
  it("disables a rule", () => {
    const c = certificate({ caIssuersUrls: [] });
    expect(ids(evaluateCertificate(c, ctx()))).toEqual(["cert.no-aia-issuer"]);
    expect(evaluateCertificate(c, ctx({ rules: { "cert.no-aia-issuer": { isEnabled: false } } }))).toEqual([]);
  });

  it("replaces the severity, also of band-based rules", () => {
    const s = signer({ backupOwner: null });
    expect(evaluateSigner(s, ctx({ rules: { "signer.no-backup-owner": { severity: "medium" } } }))[0].severity).toBe(
      "medium",
    );
    const c = certificate({ notAfter: daysFromNow(60) });
    expect(evaluateCertificate(c, ctx({ rules: { "cert.expiring": { severity: "info" } } }))[0].severity).toBe("info");
  });
});

describe("evaluateInventory", () => {
  it("runs every subject and keeps drafts JSON-safe", () => {
    const drafts = evaluateInventory(
      {
        certificates: [certificate({ notAfter: daysFromNow(3) })],
        keys: [key({ custody: "software-file" })],
        signers: [signer({ primaryOwner: null })],
      },
      ctx(),
    );
    expect(ids(drafts)).toEqual(["cert.expiring", "key.not-in-hsm", "signer.orphaned"]);
    for (const d of drafts) expect(JSON.parse(JSON.stringify(d.evidence))).toEqual(d.evidence);
    expect(evaluateKey(key(), ctx())).toEqual([]);
  });
});
