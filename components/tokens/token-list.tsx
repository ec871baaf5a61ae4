"use client";

import { Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { requiredColumn, type Column } from "@/components/tables/data-table";
import { UnfilteredList } from "@/components/tables/inventory-list";
import type { FormAction } from "@/lib/api/action-state";
import type { TokenListRow } from "@/lib/db/tokens/token-admin";
import { tokenListQuery } from "@/lib/queries/admin";
import { TokenScopeChips } from "@/components/people/token-scope-chips";
import { RowActionButton } from "@/components/ui/row-action-button";

const none = (text: string) => <span className="text-slate-500">{text}</span>;

/** The API tokens: prefix and scopes only (the token itself was shown once), each live one revocable. */
export function TokenList({ revoke }: { revoke: FormAction }) {
  const columns: Column<TokenListRow>[] = [
    requiredColumn({
      id: "name",
      label: "Name",
      render: (t) => (
        <>
          {t.name}
          <div className="text-xs text-slate-500">
            by {t.createdBy.name}, {t.createdAt.slice(0, 10)}
          </div>
        </>
      ),
    }),
    { id: "prefix", label: "Prefix", priority: 3, render: (t) => <code>{t.prefix}…</code> },
    { id: "scopes", label: "Scopes", priority: 2, render: (t) => <TokenScopeChips stored={t.scope} /> },
    { id: "signer", label: "Signer", priority: 3, render: (t) => t.signer?.name ?? none("—") },
    { id: "expires", label: "Expires", priority: 3, render: (t) => <DateText date={t.expiresAt} /> },
    {
      id: "lastUsed",
      label: "Last used",
      priority: 3,
      render: (t) => (t.lastUsedAt ? <DateText date={t.lastUsedAt} /> : none("never")),
    },
    {
      id: "state",
      label: "State",
      priority: 2,
      render: (t) => <Badge tone={t.state === "active" ? "green" : "slate"}>{t.state}</Badge>,
    },
    {
      id: "actions",
      label: "Actions",
      priority: 1,
      render: (t) =>
        t.state === "active" ? (
          <RowActionButton id={t.id} label="Revoke" ariaLabel={`Revoke ${t.name}`} action={revoke} />
        ) : null,
    },
  ];
  return (
    <UnfilteredList
      query={tokenListQuery}
      noun="token"
      what="the API tokens"
      empty={{ title: "No tokens yet", text: "Create one above for a pipeline or a script." }}
      table={{ caption: "API tokens", columns }}
    />
  );
}
