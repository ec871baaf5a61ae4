import { Badge, StatusBadge } from "@/components/ui/badge";

/** A certificate's status and, when the last revocation check failed, "revocation unknown" beside it. */
export function CertificateStateBadges({
  state,
  isRevocationUnknown,
}: {
  state: string;
  isRevocationUnknown: boolean;
}) {
  return (
    <>
      <StatusBadge status={state} />
      {/* beside the badge, not in it: a badge does not wrap, and this one widened the list's key column on a phone */}
      {state === "keyless" ? <span className="text-xs text-slate-600">valid at signing</span> : null}
      {isRevocationUnknown ? (
        <Badge tone="amber" title="The last revocation check failed">
          revocation unknown
        </Badge>
      ) : null}
    </>
  );
}
