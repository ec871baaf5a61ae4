import { listApprovalPage } from "@/lib/db/approvals/approvals";
import { approvalFiltersSchema } from "@/lib/domain/inventory-filters";
import { approvalListQuery } from "@/lib/queries/approvals";
import { ApprovalList } from "@/components/approvals/approval-list";
import { inventoryListPage } from "@/components/inventory/list-page";

export const metadata = { title: "Approvals" };

// Requests for windows on just-in-time signing grants: pending, approved, refused, expired (the
// state at the time of reading: a window that has ended reads as expired without any write).
export default inventoryListPage({
  title: "Approvals",
  description:
    "Just-in-time production signing: a pipeline asks for a window, someone other than the requester and the person who triggered the run approves it, and the release gate allows the grant only inside the window.",
  schema: approvalFiltersSchema,
  list: { query: approvalListQuery, load: listApprovalPage },
  page: "/approvals",
  render: () => <ApprovalList />,
});
