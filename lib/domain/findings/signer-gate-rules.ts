// signer.gate-denied: the release gate refused the signer's `sign` request repeatedly. Raised by
// the gate (lib/services/decide-gate.ts), not by the engine: one denial is the gate working, a
// repeat is a pipeline that keeps trying to sign with something the policy does not allow.
import { day, draft, plural, quote } from "@/lib/domain/findings/shared";
import { signerMeta, type SignerRule } from "@/lib/domain/findings/signer-context";
import type { FindingDraft } from "@/lib/domain/findings/types";

export const signerGateDenied: SignerRule = {
  ...signerMeta(
    "signer.gate-denied",
    "Release gate denied signing repeatedly",
    "high",
    "Release gate (policy enforcement before signing)",
    "NHI5",
    [],
    "Read the gate decisions of the signer: fix what the reasons name (certificate, custody, grant, attestation) or record an exception with a reason and an end date; find out why the pipeline keeps asking.",
  ),
  raisedBy: "event",
  evaluate: () => [],
};

export function gateDeniedDraft(input: {
  signerId: string;
  signerName: string;
  deniedCount: number;
  windowDays: number;
  lastDecisionId: string;
  lastAt: Date;
  ruleIds: string[];
}): FindingDraft {
  return draft(signerGateDenied, {
    subjectId: input.signerId,
    signerId: input.signerId,
    message: `The release gate denied ${plural(input.deniedCount, "sign request")} of signer ${quote(input.signerName)} in the last ${input.windowDays} days (last on ${day(input.lastAt)}: ${input.ruleIds.join(", ")}).`,
    evidence: {
      deniedCount: input.deniedCount,
      windowDays: input.windowDays,
      lastDecisionId: input.lastDecisionId,
      ruleIds: input.ruleIds,
    },
    threshold: `fewer than ${input.deniedCount} denied sign requests in ${input.windowDays} days`,
  });
}

export const signerGateRules: SignerRule[] = [signerGateDenied];
