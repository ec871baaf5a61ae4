import { redirect } from "next/navigation";
import { requireLinkRedeemer } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { LinkRefused } from "@/components/ui/link-refused";
import { redeemApprovalLink } from "@/lib/services/redeem-approval-link";

export const dynamic = "force-dynamic";
export const metadata = { title: "Approval link", robots: { index: false } };

// The approval mail's link. Signed out: sign in first and come back (a mail scanner following the
// link does not use it up). Signed in as the person it was sent to: on to the request to decide it.
export default async function ApproveLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const redeemer = await requireLinkRedeemer(`/approve/${token}`);
  const result = await redeemApprovalLink(getDb(), { token, ...redeemer }, { now: new Date() });
  if (result.ok) redirect(`/approvals/${result.approvalRequestId}?from=link`);
  return <LinkRefused reason={result.reason} back={{ href: "/approvals", label: "Go to approvals" }} />;
}
