// Shared bits of the signer rules: which statuses a rule speaks about, and the draft links.
import type { FindingsPolicy } from "@/lib/domain/policy";
import { ANY_ENVIRONMENT } from "@/lib/domain/privileges";
import type { EvaluationContext, PrivilegeRef, Rule, SignerInput, SignerStatus } from "@/lib/domain/findings/types";
import { quote, singleFindingRule, type Problem } from "@/lib/domain/findings/shared";

export type SignerRule = Rule<SignerInput>;

/**
 * Decommissioned signers get no findings. Suspended ones keep the governance findings that still
 * need a decision (owners, attestation, standing grants); rules about signing behaviour and
 * credentials need an active signer.
 */
export const ACTIVE_ONLY: readonly SignerStatus[] = ["active"];
export const NOT_DECOMMISSIONED: readonly SignerStatus[] = ["active", "suspended"];

export function appliesTo(s: SignerInput, statuses: readonly SignerStatus[]): boolean {
  return statuses.includes(s.status);
}

export function signerLinks(s: SignerInput) {
  return { subjectId: s.id, signerId: s.id };
}

export function signerLabel(s: SignerInput): string {
  return `Signer ${quote(s.name)}`;
}

export function signerMeta(
  id: SignerRule["id"],
  title: string,
  severity: SignerRule["defaultSeverity"],
  standard: string,
  nhi: SignerRule["nhi"],
  relatedNhi: SignerRule["relatedNhi"],
  howToFix: string,
) {
  return {
    id,
    subjectType: "signer" as const,
    defaultSeverity: severity,
    title,
    standard,
    nhi,
    relatedNhi,
    scope: "governance" as const,
    howToFix,
    raisedBy: "engine" as const,
  };
}

/** a signer rule: at most one finding, raised only on signers in one of `appliesTo` statuses */
export function signerRule(
  ruleMeta: ReturnType<typeof signerMeta>,
  options: { appliesTo: readonly SignerStatus[] },
  check: (s: SignerInput, ctx: EvaluationContext) => Problem | null,
): SignerRule {
  return singleFindingRule(ruleMeta, (s) => (appliesTo(s, options.appliesTo) ? signerLinks(s) : null), check);
}

/** grants still in force */
export function currentPrivileges(s: SignerInput) {
  return s.privileges.filter((p) => !p.removedAt);
}

/**
 * A rule on the grants a signer holds now, with the signer policy: it speaks while the signer is not
 * decommissioned (a suspended signer keeps its grants).
 */
export function grantsRule(
  ruleMeta: ReturnType<typeof signerMeta>,
  check: (
    grants: PrivilegeRef[],
    policy: FindingsPolicy["signers"],
    s: SignerInput,
    ctx: EvaluationContext,
  ) => Problem | null,
): SignerRule {
  return signerRule(ruleMeta, { appliesTo: NOT_DECOMMISSIONED }, (s, ctx) =>
    check(currentPrivileges(s), ctx.policy.signers, s, ctx),
  );
}

/** the environments a signer is configured for: its own list and those of the grants in force */
export function configuredEnvironments(s: SignerInput): string[] {
  return [
    ...s.environments,
    ...currentPrivileges(s).flatMap((p) => {
      const env = grantEnvironment(p);
      return env ? [env] : [];
    }),
  ];
}

/** the grant's environment in lower case; null when it covers every environment ("any") */
export function grantEnvironment(p: PrivilegeRef): string | null {
  const env = (p.environment ?? "").trim().toLowerCase();
  return env === "" || env === ANY_ENVIRONMENT ? null : env;
}
