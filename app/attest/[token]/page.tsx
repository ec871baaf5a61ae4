import { emailedLinkPage } from "@/components/ui/emailed-link-page";
import { redeemAccessLink } from "@/lib/services/redeem-access-link";

export const dynamic = "force-dynamic";
export const metadata = { title: "Attestation link", robots: { index: false } };

// The attestation mail's link: redeemed for the signed-in user, then on to their tasks.
export default emailedLinkPage({
  path: "/attest",
  redeem: redeemAccessLink,
  next: () => "/tasks?from=link",
  back: { href: "/tasks", label: "Go to my tasks" },
});
