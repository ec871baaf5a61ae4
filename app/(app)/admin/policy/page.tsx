import { listGateExceptionPage } from "@/lib/db/gate/exceptions";
import { listPolicyVersionPage, loadCurrentPolicy } from "@/lib/db/policy/policy";
import { listSignerOptions } from "@/lib/db/signers/signers";
import { GATE_RULE_IDS } from "@/lib/domain/gate/rule-ids";
import { RULE_IDS } from "@/lib/domain/findings/rule-ids";
import { policyListFiltersSchema } from "@/lib/domain/inventory-filters";
import { policyListQuery } from "@/lib/queries/policy";
import { inventoryListPage } from "@/components/inventory/list-page";
import { Card } from "@/components/ui/card";
import { ScrollBlock } from "@/components/ui/scroll-block";
import { GateExceptionForm, PolicyEditor } from "@/components/gate/policy-forms";
import { PolicyLists } from "@/components/gate/policy-lists";
import { createGateExceptionAction, liftGateExceptionAction, savePolicyAction } from "./actions";

export const metadata = { title: "Policy" };

// the gate's own rules first, then the findings rules a gate may also be excepted from
const EXCEPTION_RULE_IDS = [
  ...GATE_RULE_IDS,
  ...RULE_IDS.filter((id) => !(GATE_RULE_IDS as readonly string[]).includes(id)),
];

export default inventoryListPage({
  title: "Policy",
  description: "The thresholds findings are judged by and what the release gate enforces.",
  schema: policyListFiltersSchema,
  list: {
    query: policyListQuery,
    load: (db, _user, filters, now) =>
      filters.view === "exceptions" ? listGateExceptionPage(db, filters, now) : listPolicyVersionPage(db, filters),
  },
  page: "/admin/policy",
  choices: async (db) => {
    const [current, signers] = await Promise.all([loadCurrentPolicy(db), listSignerOptions(db)]);
    return { current, signers };
  },
  render: ({ current, signers }) => (
    <>
      <p className="mb-4 text-sm text-slate-600">
        Version {current.version}
        {current.version === 0 ? " (the built-in defaults)" : ""} is in force; each save is a new version, audited, and
        findings are re-evaluated under it.
      </p>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card title={`Edit (version ${current.version})`}>
          <PolicyEditor action={savePolicyAction} document={JSON.stringify(current.document, null, 2)} />
        </Card>
        <Card title="In force (defaults with the document applied)">
          <ScrollBlock className="max-h-[28rem] p-2" data-testid="effective-policy">
            {JSON.stringify(current.policy, null, 2)}
          </ScrollBlock>
        </Card>
        <Card title="New gate exception" className="xl:col-span-2">
          <GateExceptionForm action={createGateExceptionAction} signers={signers} ruleIds={EXCEPTION_RULE_IDS} />
        </Card>
        <div className="min-w-0 xl:col-span-2">
          <PolicyLists lift={liftGateExceptionAction} />
        </div>
      </div>
    </>
  ),
});
