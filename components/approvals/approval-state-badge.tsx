import { Badge } from "@/components/ui/badge";
import type { ApprovalState } from "@/lib/domain/approvals";

const TONE = { pending: "amber", approved: "green", refused: "red", expired: "slate" } as const;

export function ApprovalStateBadge({ state }: { state: ApprovalState }) {
  return <Badge tone={TONE[state]}>{state}</Badge>;
}
