"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useTransition } from "react";
import type { z } from "@/lib/domain/zod";
import { filtersQueryString, parseFilters, withFilter } from "@/lib/domain/inventory-filters";

/**
 * The list's filters from the URL, and navigation to new ones (router.push: the back button
 * returns to the previous filters). Changing any filter other than the page returns to page 1.
 */
export function useListFilters<S extends z.ZodObject>(schema: S) {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const [isNavigating, startTransition] = useTransition();
  const filters = useMemo(
    () => parseFilters(schema, new URLSearchParams(params.toString())),
    [schema, params],
  ) as z.infer<S> & { page: number };
  const hrefFor = useCallback(
    (patch: Partial<z.infer<S>>) =>
      `${pathname}${filtersQueryString(schema, withFilter(filters, patch as Partial<typeof filters>))}`,
    [filters, pathname, schema],
  );
  const setFilters = useCallback(
    (patch: Partial<z.infer<S>>) => startTransition(() => router.push(hrefFor(patch), { scroll: false })),
    [hrefFor, router],
  );
  const clear = useCallback(() => startTransition(() => router.push(pathname)), [pathname, router]);
  return { filters, hrefFor, setFilters, clear, isNavigating };
}
