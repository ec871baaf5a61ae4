import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EvidenceList } from "@/components/findings/evidence-list";
import { evaluateSigner } from "@/lib/domain/findings/evaluate";
import { NOW, credential, ctx, daysFromNow, only, signer } from "@/lib/domain/findings/fixtures";
import type { SignerInput } from "@/lib/domain/findings/types";

/** The evidence a signer rule stores, as the signer page renders it: its text, without the markup. */
function renderedEvidence(overrides: Partial<SignerInput>, ruleId: string): string {
  const draft = only(evaluateSigner(signer(overrides), ctx()), ruleId);
  expect(draft, ruleId).toBeDefined();
  return textOf(JSON.stringify(draft?.evidence));
}

/** The rendered text: a space between rows and list items, inline elements run together as a reader sees them. */
function textOf(evidenceJson: string): string {
  const html = renderToStaticMarkup(<EvidenceList evidenceJson={evidenceJson} now={NOW} />);
  return html
    .replace(/<\/?(dl|dt|dd|div|ul|li)\b[^>]*>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

describe("EvidenceList", () => {
  it("shows a credential expired years ago and one still inside the window as names and dates", () => {
    const text = renderedEvidence(
      { credentials: [credential(new Date("2020-01-01T00:00:00Z")), credential(daysFromNow(10), "SIGN_TOKEN")] },
      "signer.credential-expiring",
    );
    expect(text).not.toContain("[object Object]");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).not.toMatch(/\btrue\b|\bfalse\b/);
    expect(text).toContain("Credential expires 2518 days ago — 2020-01-01 00:00 UTC Expired yes");
    expect(text).toContain("Name: Pipeline credential · Expires: 2518 days ago — 2020-01-01 00:00 UTC · Expired: yes");
    expect(text).toContain("Name: SIGN_TOKEN · Expires: in 10 days — 2026-12-03 12:00 UTC · Expired: no");
    expect(text).not.toContain("cred-pipeline"); // ids stay out, at any depth
  });

  it("shows overdue attestations as campaign names and dates", () => {
    const text = renderedEvidence(
      {
        overdueAttestations: [
          {
            campaignId: "camp-1",
            campaignName: "Q4 signer review",
            dueAt: daysFromNow(-3),
            escalatedAt: daysFromNow(-1),
          },
        ],
      },
      "signer.attestation-overdue",
    );
    expect(text).not.toContain("[object Object]");
    expect(text).toContain(
      "Campaign name: Q4 signer review · Due: 3 days ago — 2026-11-20 12:00 UTC · Escalated: 1 day ago — 2026-11-22 12:00 UTC",
    );
    expect(text).not.toContain("camp-1");
  });

  it("shows any JSON by its type, at any depth, and nothing for evidence with nothing to show", () => {
    const evidence = {
      isCA: false,
      crlUrls: ["http://crl.example/a.crl", "http://crl.example/b.crl"],
      lastExercisedAt: ["2026-11-01T00:00:00.000Z", null],
      nested: { grid: [[1, 2], { depth: { isDeep: true } }], signerIds: ["s1"] },
      keyBits: 2048,
      emptyList: [],
      missing: null,
    };
    const text = textOf(JSON.stringify(evidence));
    expect(text).not.toContain("[object Object]");
    expect(text).toContain("CA no CRL URLs http://crl.example/a.crl, http://crl.example/b.crl");
    expect(text).toContain("Last exercised 22 days ago — 2026-11-01 00:00 UTC, —");
    expect(text).toContain("Nested Grid: 1, 2 Depth: Deep: yes");
    expect(text).toContain("Key bits 2048");
    expect(text).not.toMatch(/Empty list|Missing|s1/);
    expect(renderToStaticMarkup(<EvidenceList evidenceJson={JSON.stringify({ signerIds: ["s1"] })} now={NOW} />)).toBe(
      "",
    );
    expect(renderToStaticMarkup(<EvidenceList evidenceJson="not json" now={NOW} />)).toBe("");
  });
});
