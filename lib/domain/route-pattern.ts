// Which App Router route pattern ("/signers/[id]") a request path names, with its params. Static
// segments win over dynamic ones at the same place, as in Next's router ("/signers/new" is not a
// signer id). Only single dynamic segments: the signed-in pages have no catch-all routes.

export type RouteMatch<P extends string> = { pattern: P; params: Record<string, string> };

export function matchRoute<P extends string>(path: string, patterns: readonly P[]): RouteMatch<P> | null {
  const segments = pathSegments(path);
  if (!segments) return null;
  let best: (RouteMatch<P> & { rank: string }) | null = null;
  for (const pattern of patterns) {
    const parts = pattern.split("/").filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let rank = "";
    const isMatch = parts.every((part, i) => {
      const name = /^\[(\w+)\]$/.exec(part)?.[1];
      if (name) params[name] = segments[i];
      rank += name ? "1" : "0";
      return name !== undefined || part === segments[i];
    });
    if (isMatch && (!best || rank < best.rank)) best = { pattern, params, rank };
  }
  return best && { pattern: best.pattern, params: best.params };
}

/** The decoded segments of a path (its query and fragment dropped), or null when it cannot be decoded. */
function pathSegments(path: string): string[] | null {
  const pathname = path.split(/[?#]/, 1)[0];
  try {
    return pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}
