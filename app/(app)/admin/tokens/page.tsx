import { listSignerOptions } from "@/lib/db/signers/signers";
import { listApiTokensForAdmin } from "@/lib/db/tokens/token-admin";
import { tokenListQuery } from "@/lib/queries/admin";
import { Card } from "@/components/ui/card";
import { inventoryListPage } from "@/components/inventory/list-page";
import { CreateTokenForm } from "@/components/people/token-form";
import { TokenList } from "@/components/tokens/token-list";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata = { title: "API tokens" };

export default inventoryListPage({
  title: "API tokens",
  description:
    "Tokens let pipelines and scripts call the API (Authorization: Bearer sgt_…). Only a token's hash is stored; use and refusals are in the audit log.",
  list: { query: tokenListQuery, load: (db, _user, filters, now) => listApiTokensForAdmin(db, filters, now) },
  page: "/admin/tokens",
  choices: (db) => listSignerOptions(db),
  render: (signers) => (
    <div className="space-y-6">
      <Card title="Create a token">
        <CreateTokenForm action={createTokenAction} signers={signers} />
      </Card>
      <TokenList revoke={revokeTokenAction} />
    </div>
  ),
});
