import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser, userActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { LinkRefused } from "@/components/ui/link-refused";
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
  return <LinkRefused reason={result.reason} back={{ href: "/tasks", label: "Go to my tasks" }} />;
}
