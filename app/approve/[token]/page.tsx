import { emailedLinkPage } from "@/components/ui/emailed-link-page";
import { redeemApprovalLink } from "@/lib/services/redeem-approval-link";

export const dynamic = "force-dynamic";
export const metadata = { title: "Approval link", robots: { index: false } };

// The approval mail's link: signed in as the person it was sent to, on to the request to decide it.
export default emailedLinkPage({
  path: "/approve",
  redeem: redeemApprovalLink,
  next: (redeemed) => `/approvals/${redeemed.approvalRequestId}?from=link`,
  back: { href: "/approvals", label: "Go to approvals" },
});
