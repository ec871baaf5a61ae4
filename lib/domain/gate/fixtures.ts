// Test fixture: the facts of a healthy signer that may sign for production at a fixed clock.
// Each test changes only what it is about, so an "allow" for the baseline proves every rule's
// negative case.
import type { GateFacts } from "./decide";

export const GATE_NOW = new Date("2026-12-01T12:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(GATE_NOW.getTime() - days * DAY);

export function gateFacts(
  over: Partial<GateFacts> = {},
  signer: Partial<NonNullable<GateFacts["signer"]>> = {},
): GateFacts {
  return {
    action: "sign",
    environment: "production",
    subjectLabel: "release-bot",
    subjectKind: "signer",
    signer: {
      id: "s1",
      name: "release-bot",
      status: "active",
      custody: "hsm",
      privileges: [{ scope: "sign:release", environment: "production" }],
      pendingAttestations: [],
      ...signer,
    },
    certificate: {
      id: "c1",
      sha256: "a".repeat(64),
      label: "CN=release-bot",
      notBefore: ago(100),
      notAfter: new Date(GATE_NOW.getTime() + 100 * DAY),
      revocationStatus: "good",
      revokedAt: null,
      revocationEstablishedAt: ago(1),
      keyCustody: "hsm",
    },
    timestampAt: null,
    signingEventAt: null,
    openFindings: [],
    exceptions: [],
    ...over,
  };
}
