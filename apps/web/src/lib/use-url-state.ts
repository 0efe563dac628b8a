'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

/**
 * View state that lives in the URL: parse on read, serialise on write, and replace the
 * history entry (filters are not navigation), so the page never scrolls or reloads.
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
      window.history.replaceState(null, '', `${pathname}${serialise(next)}${window.location.hash}`);
    },
    [value, pathname, serialise],
  );
  return [value, set] as const;
}
