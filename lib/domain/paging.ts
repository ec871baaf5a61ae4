// Where one page of a list lies in the whole. A page number comes from the URL, so it can lie past
// the last page (a shared link to a list that has since shrunk, a typed number): the API answers
// such a page truthfully (the total, no rows), and the pager says so instead of an impossible range.

export type PagePosition = {
  page: number;
  pageSize: number;
  /** every matching row, or COUNT_CAP when `isTotalCapped` (the count stopped there) */
  total: number;
  /** the rows this page holds */
  rowCount: number;
  isTotalCapped?: boolean;
};

/** A page after the first that holds no row lies past the last page. */
export const isPastTheEnd = ({ page, rowCount }: Pick<PagePosition, "page" | "rowCount">): boolean =>
  rowCount === 0 && page > 1;

/**
 * The positions of the page's rows in the list (`from`–`to`, 0–0 for none) and the number of pages:
 * the last page, or with a capped total the last page known to exist (at least this one when it
 * holds rows).
 */
export function pageWindow(p: PagePosition): { from: number; to: number; pages: number; isPastEnd: boolean } {
  const counted = Math.max(1, Math.ceil(p.total / p.pageSize));
  const pages = p.isTotalCapped && p.rowCount > 0 ? Math.max(counted, p.page) : counted;
  const from = p.rowCount === 0 ? 0 : (p.page - 1) * p.pageSize + 1;
  return { from, to: p.rowCount === 0 ? 0 : from + p.rowCount - 1, pages, isPastEnd: isPastTheEnd(p) };
}
