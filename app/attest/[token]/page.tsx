import { redirect } from "next/navigation";
import { requireLinkRedeemer } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { LinkRefused } from "@/components/ui/link-refused";
import { redeemAccessLink } from "@/lib/services/redeem-access-link";

export const dynamic = "force-dynamic";
export const metadata = { title: "Attestation link", robots: { index: false } };

// The emailed link. Signed out: sign in first and come back here (the link is not used up by
// mail scanners that follow it). Signed in: redeem it for this user, then on to their tasks.
export default async function AttestLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const redeemer = await requireLinkRedeemer(`/attest/${token}`);
  const result = await redeemAccessLink(getDb(), { token, ...redeemer }, { now: new Date() });
  if (result.ok) redirect("/tasks?from=link");
  return <LinkRefused reason={result.reason} back={{ href: "/tasks", label: "Go to my tasks" }} />;
}
