"use client";

import { useCallback, useSyncExternalStore } from "react";

// Which columns a table shows, remembered per table in localStorage. The server renders the
// default columns; the browser switches to the saved choice after hydration.

const listeners = new Set<() => void>();
const subscribe = (cb: () => void) => {
  listeners.add(cb);
  window.addEventListener("storage", cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener("storage", cb);
  };
};

export function useColumnChoice(storageKey: string, defaults: string[]) {
  const key = `signet.columns.${storageKey}`;
  const defaultsText = defaults.join(",");
  const saved = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(key) ?? defaultsText,
    () => defaultsText,
  );
  const visible = saved.split(",").filter(Boolean);
  const setVisible = useCallback(
    (ids: string[]) => {
      window.localStorage.setItem(key, ids.join(","));
      for (const l of listeners) l();
    },
    [key],
  );
  const reset = useCallback(() => {
    window.localStorage.removeItem(key);
    for (const l of listeners) l();
  }, [key]);
  return { visible, setVisible, reset };
}
