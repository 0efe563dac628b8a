'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

/**
 * View state that lives in the URL: parse on read, serialise on write. Each change is a new
 * history entry, so Back undoes a filter change instead of leaving the app; the page never
 * scrolls or reloads.
 */
export function useUrlState<T>(parse: (sp: URLSearchParams) => T, serialise: (v: T) => string) {
  const sp = useSearchParams();
  const pathname = usePathname();
  const key = sp.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the string key is the identity of the params
  const value = useMemo(() => parse(new URLSearchParams(key)), [key]);
  const set = useCallback(
    (patch: Partial<T>) => {
      const next = { ...value, ...patch };
      // Native history updates are picked up by useSearchParams without a server round trip.
      const url = `${pathname}${serialise(next)}${window.location.hash}`;
      if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
      window.history.pushState(null, '', url);
    },
    [value, pathname, serialise],
  );
  return [value, set] as const;
}
