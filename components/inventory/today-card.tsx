import Link from "next/link";
import { Card } from "@/components/ui/card";
import { blastRadiusLine, type TodayItem } from "@/lib/domain/today";
import { SuspendSignerButton } from "./suspend-signer-button";

const DOT = { red: "bg-red-600", amber: "bg-amber-500" } as const;

/**
 * The overview's "Today, ranked": what to do first, each item a link to the list where it is fixed,
 * its blast radius, and when the item is one object, its fix in one click.
 */
export function TodayCard({ items, isOwner }: { items: TodayItem[]; isOwner: boolean }) {
  return (
    <Card title="Today, ranked">
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">
          {isOwner
            ? "Nothing needs you today: your signers have owners, no critical finding and nothing about to expire."
            : "Nothing urgent today: no revoked certificate signing, no critical finding, no signer without an owner."}
        </p>
      ) : (
        <ol aria-label="Today, ranked" className="divide-y divide-slate-100" data-testid="today">
          {items.map((item, i) => (
            <li key={item.id} className="flex items-start gap-3 py-2 first:pt-0 last:pb-0">
              <span aria-hidden className="mt-0.5 w-5 shrink-0 text-right text-sm font-semibold text-slate-500">
                {i + 1}
              </span>
              <span aria-hidden className={`mt-2 h-2 w-2 shrink-0 rounded-full ${DOT[item.tone]}`} />
              <div className="min-w-0">
                <Link
                  href={item.href}
                  data-count={item.isListTotal ? item.count : undefined}
                  className="font-semibold text-slate-900 [overflow-wrap:anywhere] hover:text-indigo-700 hover:underline"
                >
                  {item.title}
                </Link>
                <p className="text-sm text-slate-600">{item.fix}</p>
                {item.blastRadius ? (
                  <p className="text-sm text-slate-700" data-testid="blast-radius">
                    {blastRadiusLine(item.blastRadius)}
                  </p>
                ) : null}
                {item.action?.kind === "suspend" ? (
                  <div className="mt-1">
                    <SuspendSignerButton
                      signerId={item.action.signerId}
                      signerName={item.action.signerName}
                      reason={`Suspended from the overview: ${item.title}`}
                    />
                  </div>
                ) : item.action ? (
                  <Link
                    href={item.action.href}
                    className="mt-1 inline-block text-sm font-medium text-indigo-700 underline hover:text-indigo-900"
                  >
                    {item.action.label}
                  </Link>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
