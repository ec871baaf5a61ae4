import { z } from "../zod";

// Which signers a campaign covers. The scope is stored as JSON on the campaign (scopeJson) so a
// recurring campaign re-resolves the same rule against the inventory of its own day.

export const campaignScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all-active") }),
  z.object({ kind: z.literal("team"), teamId: z.string().min(1, "Choose a team") }),
  z.object({ kind: z.literal("environment"), environment: z.string().trim().min(1, "Enter an environment").max(100) }),
  z.object({
    kind: z.literal("findings"),
    ruleIds: z.array(z.string().min(1)).min(1, "Choose at least one finding rule").max(50),
  }),
  z.object({
    kind: z.literal("signers"),
    signerIds: z.array(z.string().min(1)).min(1, "Choose at least one signer").max(5000),
  }),
]);
export type CampaignScope = z.infer<typeof campaignScopeSchema>;
export const SCOPE_KINDS = ["all-active", "team", "environment", "findings", "signers"] as const;

/** What scope resolution needs to know of a signer. */
export type ScopeSigner = {
  id: string;
  status: string;
  teamId: string | null;
  environments: string[];
  /** rule ids of the signer's open findings (open or acknowledged: lib/domain/finding-lifecycle countsAsOpen) */
  openFindingRuleIds: string[];
};

/**
 * Whether a signer is in scope. Decommissioned signers never are: there is nothing left to
 * attest. Suspended signers are only in scope when picked by hand or through their findings
 * (a suspended signer with open findings is exactly what a review should look at).
 */
export function isSignerInScope(scope: CampaignScope, signer: ScopeSigner): boolean {
  if (signer.status === "decommissioned") return false;
  switch (scope.kind) {
    case "all-active":
      return signer.status === "active";
    case "team":
      return signer.status === "active" && signer.teamId === scope.teamId;
    case "environment": {
      const wanted = scope.environment.toLowerCase();
      return signer.status === "active" && signer.environments.some((e) => e.toLowerCase() === wanted);
    }
    case "findings":
      return signer.openFindingRuleIds.some((r) => scope.ruleIds.includes(r));
    case "signers":
      return scope.signerIds.includes(signer.id);
  }
}

export function resolveScope(scope: CampaignScope, signers: readonly ScopeSigner[]): string[] {
  return signers.filter((s) => isSignerInScope(scope, s)).map((s) => s.id);
}

/** One line for lists and emails, with names the caller looked up. */
export function describeScope(scope: CampaignScope, names: { teamName?: string | null } = {}): string {
  switch (scope.kind) {
    case "all-active":
      return "All active signers";
    case "team":
      return `Active signers of team ${names.teamName ?? scope.teamId}`;
    case "environment":
      return `Active signers in environment "${scope.environment}"`;
    case "findings":
      return `Signers with open findings: ${scope.ruleIds.join(", ")}`;
    case "signers":
      return `${scope.signerIds.length} hand-picked signer${scope.signerIds.length === 1 ? "" : "s"}`;
  }
}

export function parseScope(json: string): CampaignScope | null {
  try {
    const r = campaignScopeSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
