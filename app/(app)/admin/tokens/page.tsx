import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listSignerOptions } from "@/lib/db/signers/signers";
import { listApiTokensForAdmin } from "@/lib/db/tokens/token-admin";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import { Table, Td } from "@/components/ui/table";
import { Button } from "@/components/ui/button";
import { CreateTokenForm } from "@/components/people/token-form";
import { TokenScopeChips } from "@/components/people/token-scope-chips";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requirePageUser("tokens:manage");
  const db = getDb();
  const [tokens, signers] = await Promise.all([listApiTokensForAdmin(db), listSignerOptions(db)]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let pipelines and scripts call the API (Authorization: Bearer sgt_…). Only a token's hash is stored; use and refusals are in the audit log."
      />
      <div className="space-y-6">
        <Card title="Create a token">
          <CreateTokenForm action={createTokenAction} signers={signers} />
        </Card>
        <Table
          caption="API tokens"
          columns={[
            "Name",
            "Prefix",
            "Scopes",
            "Signer",
            "Expires",
            "Last used",
            "State",
            { label: "Actions", isVisuallyHidden: true },
          ]}
        >
          {tokens.length === 0 ? (
            <tr>
              <Td colSpan={8} className="text-center text-slate-500">
                No tokens yet.
              </Td>
            </tr>
          ) : (
            tokens.map((t) => {
              const state = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= now ? "expired" : "active";
              return (
                <tr key={t.id}>
                  <Td>
                    {t.name}
                    <div className="text-xs text-slate-500">
                      by {t.createdBy.name}, {t.createdAt.toISOString().slice(0, 10)}
                    </div>
                  </Td>
                  <Td>
                    <code>{t.prefix}…</code>
                  </Td>
                  <Td>
                    <TokenScopeChips stored={t.scope} />
                  </Td>
                  <Td>{t.signer?.name ?? <span className="text-slate-400">—</span>}</Td>
                  <Td>
                    <DateText date={t.expiresAt} now={now} />
                  </Td>
                  <Td>
                    {t.lastUsedAt ? (
                      <DateText date={t.lastUsedAt} now={now} />
                    ) : (
                      <span className="text-slate-400">never</span>
                    )}
                  </Td>
                  <Td>
                    <Badge tone={state === "active" ? "green" : "slate"}>{state}</Badge>
                  </Td>
                  <Td>
                    {state === "active" ? (
                      <form action={revokeTokenAction}>
                        <input type="hidden" name="id" value={t.id} />
                        <Button type="submit" variant="secondary" aria-label={`Revoke ${t.name}`}>
                          Revoke
                        </Button>
                      </form>
                    ) : null}
                  </Td>
                </tr>
              );
            })
          )}
        </Table>
      </div>
    </>
  );
}
