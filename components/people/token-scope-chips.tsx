import { Badge, type Tone } from "@/components/ui/badge";
import { parseTokenScopes, TOKEN_SCOPE_HELP, type TokenScope } from "@/lib/domain/token-scopes";

// A token's scopes as one named chip each (the stored form is one space-separated string);
// writes stand out from reads, and each chip says what its scope allows on hover.
const TONE: Record<TokenScope, Tone> = {
  read: "blue",
  ingest: "violet",
  "signing-events": "violet",
  "signers:write": "amber",
  "owners:write": "amber",
  "people:write": "amber",
  "users:write": "red",
  metrics: "blue",
  gate: "violet",
  scim: "red",
  approvals: "violet",
};

export function TokenScopeChips({ stored }: { stored: string }) {
  const scopes = parseTokenScopes(stored);
  if (scopes.length === 0) return <span className="text-slate-500">none</span>;
  return (
    <ul aria-label="Scopes" className="flex flex-wrap gap-1">
      {scopes.map((s) => (
        <li key={s}>
          <Badge tone={TONE[s]} title={TOKEN_SCOPE_HELP[s]}>
            {s}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
