import { Badge } from "@/components/ui/badge";

export function OwnerCell({ owner }: { owner: { name: string; isActive: boolean } | null }) {
  if (!owner) return <Badge tone="red">⚠ orphaned — no owner</Badge>;
  if (!owner.isActive)
    return (
      <Badge tone="red" title="This person has left the company">
        ⚠ orphaned — {owner.name} left
      </Badge>
    );
  return <span>{owner.name}</span>;
}
