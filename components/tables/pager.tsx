import Link from "next/link";

export function Pager({
  page,
  pageSize,
  total,
  isTotalCapped,
  hrefFor,
}: {
  page: number;
  pageSize: number;
  total: number;
  isTotalCapped?: boolean;
  hrefFor: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const cls = "rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50";
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
        {page < pages || isTotalCapped ? (
          <Link className={cls} href={hrefFor(page + 1)} scroll={false}>
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
