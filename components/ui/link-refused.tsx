import Link from "next/link";
import { LINK_REFUSAL_TEXT, type LinkRefusal } from "@/lib/domain/attestation";

/** The page an emailed link shows when it cannot be used (unknown, used, expired, someone else's). */
export function LinkRefused({ reason, back }: { reason: LinkRefusal; back: { href: string; label: string } }) {
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">This link cannot be used</h1>
        <p role="alert" className="mt-3 text-sm text-slate-700">
          {LINK_REFUSAL_TEXT[reason]}
        </p>
        <p className="mt-2 text-xs text-slate-500">The attempt has been recorded.</p>
        <Link href={back.href} className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">
          {back.label}
        </Link>
      </div>
    </div>
  );
}
