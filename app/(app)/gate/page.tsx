import { listGateDecisions } from "@/lib/db/gate/decisions";
import { gateDecisionFiltersSchema } from "@/lib/domain/inventory-filters";
import { gateDecisionListQuery } from "@/lib/queries/gate-decisions";
import { inventoryListPage } from "@/components/inventory/list-page";
import { GateDecisionList } from "@/components/gate/decision-list";

export const metadata = { title: "Gate decisions" };

export default inventoryListPage({
  page: "/gate",
  title: "Gate decisions",
  description:
    "Every answer of the release gate: may this signer sign, or this artifact be promoted, to this environment? Each decision names its reasons by rule id and the policy version it was judged by.",
  schema: gateDecisionFiltersSchema,
  list: { query: gateDecisionListQuery, load: (db, user, filters) => listGateDecisions(db, user, filters) },
  render: () => <GateDecisionList />,
});
