import { redirect } from "next/navigation";
import { requireLinkRedeemer } from "@/lib/auth/guard";
import { getDb, type Db } from "@/lib/db/client";
import type { LinkRefusal } from "@/lib/domain/attestation";
import { LinkRefused } from "./link-refused";

type Redeemer = Awaited<ReturnType<typeof requireLinkRedeemer>>;
type Redeemed<R> = Extract<R, { ok: true }>;

/**
 * The page an emailed single-use link opens at `${path}/${token}`. Signed out: sign in first and
 * come back (a mail scanner following the link does not use it up). Signed in: the link is redeemed
 * for this user and the page goes on to `next`; a refused link says why and offers a way `back`.
 */
export function emailedLinkPage<R extends { ok: true } | { ok: false; reason: LinkRefusal }>({
  path,
  redeem,
  next,
  back,
}: {
  path: string;
  redeem: (db: Db, input: Redeemer & { token: string }, options: { now: Date }) => Promise<R>;
  next: (redeemed: Redeemed<R>) => string;
  back: { href: string; label: string };
}) {
  return async function EmailedLinkPage({ params }: { params: Promise<{ token: string }> }) {
    const { token } = await params;
    const redeemer = await requireLinkRedeemer(`${path}/${token}`);
    const result = await redeem(getDb(), { token, ...redeemer }, { now: new Date() });
    if (result.ok) redirect(next(result as Redeemed<R>));
    return <LinkRefused reason={result.reason} back={back} />;
  };
}
