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
      <StatusBadge status={state} label={state === "keyless" ? "keyless (valid at signing)" : undefined} />
      {isRevocationUnknown ? (
        <Badge tone="amber" title="The last revocation check failed">
          revocation unknown
        </Badge>
      ) : null}
    </>
  );
}
