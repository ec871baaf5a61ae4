import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { inventoryRead } from "@/lib/api/route-presets";
import { policyVersionDiff } from "@/lib/api/responses/gate";
import { findPolicyVersion } from "@/lib/db/policy/policy";
import { defaultPolicy, mergePolicy } from "@/lib/domain/policy";
import { diffPolicies } from "@/lib/domain/policy-diff";

// One saved version with what it changed against the version before it (effective policies).
export const GET = route(
  inventoryRead("One saved policy version with what it changed against the version before it", policyVersionDiff),
  async ({ db, params }) => {
    const version = Number(params.version);
    const found = Number.isInteger(version) && version > 0 ? await findPolicyVersion(db, version) : null;
    if (!found) throw notFound("Policy version");
    return {
      ...found.current,
      previousVersion: found.previous.version,
      changes: diffPolicies(
        mergePolicy(defaultPolicy, found.previous.document),
        mergePolicy(defaultPolicy, found.current.document),
      ),
    };
  },
);
