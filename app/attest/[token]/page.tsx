import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser, userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { LINK_REFUSAL_TEXT } from "@/lib/domain/attestation";
import { redeemAccessLink } from "@/lib/services/redeem-access-link";

export const dynamic = "force-dynamic";
export const metadata = { title: "Attestation link", robots: { index: false } };

// The emailed link. Signed out: sign in first and come back here (the link is not used up by
// mail scanners that follow it). Signed in: redeem it for this user, then on to their tasks.
export default async function AttestLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(`/attest/${token}`)}`);
  const ip = (await headers()).get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  const result = await redeemAccessLink(
    getDb(),
    { token, user: { id: user.id, personId: user.personId }, actor: userActor(user), ip },
    { now: new Date() },
  );
  if (result.ok) redirect("/tasks?from=link");
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">This link cannot be used</h1>
        <p role="alert" className="mt-3 text-sm text-slate-700">
          {LINK_REFUSAL_TEXT[result.reason]}
        </p>
        <p className="mt-2 text-xs text-slate-500">The attempt has been recorded.</p>
        <Link href="/tasks" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Go to my tasks
        </Link>
      </div>
    </div>
  );
}
