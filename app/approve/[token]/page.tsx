import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser, userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { LINK_REFUSAL_TEXT } from "@/lib/domain/attestation";
import { redeemApprovalLink } from "@/lib/services/redeem-approval-link";

export const dynamic = "force-dynamic";
export const metadata = { title: "Approval link", robots: { index: false } };

// The approval mail's link. Signed out: sign in first and come back (a mail scanner following the
// link does not use it up). Signed in as the person it was sent to: on to the request to decide it.
export default async function ApproveLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(`/approve/${token}`)}`);
  const ip = (await headers()).get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  const result = await redeemApprovalLink(
    getDb(),
    { token, user: { id: user.id, personId: user.personId }, actor: userActor(user), ip },
    { now: new Date() },
  );
  if (result.ok) redirect(`/approvals/${result.approvalRequestId}?from=link`);
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">This link cannot be used</h1>
        <p role="alert" className="mt-3 text-sm text-slate-700">
          {LINK_REFUSAL_TEXT[result.reason]}
        </p>
        <p className="mt-2 text-xs text-slate-500">The attempt has been recorded.</p>
        <Link href="/approvals" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Go to approvals
        </Link>
      </div>
    </div>
  );
}
