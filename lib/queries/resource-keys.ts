/**
 * The query keys of one API resource, from the widest to the narrowest, so a mutation can
 * invalidate exactly what it changed: everything, every list, one list (per filter set), every
 * detail, one detail.
 */
export function resourceKeys<Filters>(resource: string) {
  return {
    all: [resource] as const,
    lists: () => [resource, "list"] as const,
    list: (filters: Filters) => [resource, "list", filters] as const,
    details: () => [resource, "detail"] as const,
    detail: (id: string) => [resource, "detail", id] as const,
  };
}
