import type { ScanListRow } from "@/lib/db/artifacts/scans";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

/** The recent scans on /scans (GET /api/v1/scans). */
export const { keys: scanKeys, query: scanListQuery } = apiList<ScanListRow, typeof pageOnlySchema>(
  "scans",
  pageOnlySchema,
);
