import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { pageWindow } from "@/lib/domain/paging";

/**
 * The range of rows shown, the page among the pages, and links to the pages beside it. A page past
 * the last one (its number comes from the URL) says so and links to the last page instead.
 */
export function Pager({
  page,
  pageSize,
  total,
  rowCount,
  isTotalCapped,
  countText = `${total.toLocaleString("en")}${isTotalCapped ? "+" : ""} in all`,
  hrefFor,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** the rows on this page */
  rowCount: number;
  isTotalCapped?: boolean;
  /** the list's count in words ("44 signers"), for the page past the end */
  countText?: string;
  hrefFor: (page: number) => string;
}) {
  const { from, to, pages, isPastEnd } = pageWindow({ page, pageSize, total, rowCount, isTotalCapped });
  const cls = "rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50";
  if (isPastEnd) {
    // a capped count does not tell where the list ends, only a page that surely holds rows
    const end = isTotalCapped ? `before page ${page.toLocaleString("en")}` : `on page ${pages.toLocaleString("en")}`;
    return (
      <EmptyState
        title={`Nothing on page ${page.toLocaleString("en")}`}
        action={
          <Link className={buttonClass("secondary")} href={hrefFor(pages)}>
            Go to page {pages.toLocaleString("en")}
          </Link>
        }
      >
        {`The list ends ${end} (${countText}).`}
      </EmptyState>
    );
  }
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-600">
      <span aria-live="polite" data-testid="list-total" data-total={total}>
        {from.toLocaleString("en")}–{to.toLocaleString("en")} of {total.toLocaleString("en")}
        {isTotalCapped ? "+" : ""}
      </span>
      <span className="flex items-center gap-2">
        {page > 1 ? (
          <Link className={cls} href={hrefFor(page - 1)} scroll={false}>
            Previous
          </Link>
        ) : null}
        <span>
          page {page.toLocaleString("en")} of {pages.toLocaleString("en")}
          {isTotalCapped ? "+" : ""}
        </span>
        {/* past a capped count, a full page may have a next one */}
        {page < pages || (isTotalCapped && rowCount === pageSize) ? (
          <Link className={cls} href={hrefFor(page + 1)} scroll={false}>
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
