"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False on the server and while React hydrates the server's HTML, true from the render after.
 * What depends on the browser's own state (a query refetching because its data is stale by the
 * browser's clock, an input that is not yet live) must render as the server did until then: a
 * different element during hydration makes React discard the server's HTML for the whole page,
 * and with it whatever the user had already typed.
 */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
