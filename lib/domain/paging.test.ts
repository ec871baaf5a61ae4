import { expect, it } from "vitest";
import { pageWindow, type PagePosition } from "./paging";

const sized = (page: number, total: number, rowCount: number, isTotalCapped?: boolean): PagePosition => ({
  page,
  pageSize: 50,
  total,
  rowCount,
  isTotalCapped,
});

it.each([
  ["a full first page", sized(1, 120, 50), { from: 1, to: 50, pages: 3, isPastEnd: false }],
  ["the last, shorter page", sized(3, 120, 20), { from: 101, to: 120, pages: 3, isPastEnd: false }],
  ["an empty list: one page, no rows", sized(1, 0, 0), { from: 0, to: 0, pages: 1, isPastEnd: false }],
  // the tester's /signers?page=999 said "49,901–44 of 44" and "page 999 of 1"
  ["a page past the last one: no range", sized(999, 44, 0), { from: 0, to: 0, pages: 1, isPastEnd: true }],
  // past a capped count a page that holds rows exists, whatever the count said; an empty one is past the end
  [
    "a page with rows beyond the cap",
    sized(300, 10_000, 50, true),
    { from: 14_951, to: 15_000, pages: 300, isPastEnd: false },
  ],
  ["an empty page beyond the cap", sized(999, 10_000, 0, true), { from: 0, to: 0, pages: 200, isPastEnd: true }],
])("pageWindow: %s", (_, position, expected) => {
  expect(pageWindow(position)).toEqual(expected);
});
