import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, canonicalContent, chainHashOf, contentHashOf, linksAfter, type ChainContent } from "./chain";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

const event: ChainContent = {
  id: "e1",
  at: new Date("2026-01-02T03:04:05.006Z"),
  actorType: "user",
  actorId: "u1",
  actorLabel: "ada@example.com",
  action: "signer.updated",
  targetType: "signer",
  targetId: "s1",
  summary: "Renamed — ✓",
  detailsJson: '{"b":1,"a":2}',
  ip: null,
};

describe("the audit chain's hashes", () => {
  it("serialises content with sorted keys and an ISO date, whatever order the fields arrive in", () => {
    const text = canonicalContent(event);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(Object.keys(parsed).sort());
    expect(Object.keys(parsed)).toHaveLength(11);
    expect(parsed.at).toBe("2026-01-02T03:04:05.006Z");
    const shuffled = Object.fromEntries(Object.entries(event).reverse()) as ChainContent;
    expect(canonicalContent(shuffled)).toBe(text);
  });

  it("hashes content, then prevHash || contentHash || seq", () => {
    expect(contentHashOf(event)).toBe(sha(canonicalContent(event)));
    expect(chainHashOf(GENESIS_HASH, "ab".repeat(32), 7)).toBe(sha(`${GENESIS_HASH}${"ab".repeat(32)}7`));
  });

  it("links events after a head, or from the genesis hash", () => {
    const [first, second] = linksAfter(null, [event, { ...event, id: "e2" }]);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    const [next] = linksAfter({ seq: 41, hash: second.hash }, [event]);
    expect(next).toMatchObject({
      seq: 42,
      prevHash: second.hash,
      hash: chainHashOf(second.hash, next.contentHash, 42),
    });
    // any field change changes the content hash
    expect(contentHashOf({ ...event, ip: "192.0.2.1" })).not.toBe(contentHashOf(event));
  });
});
