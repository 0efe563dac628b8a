'use client';
import { useSyncExternalStore } from 'react';

/** Below this width the wide grids give way to one-column layouts (a phone held upright). */
export const NARROW_QUERY = '(max-width: 720px)';

/**
 * Whether a media query matches, following changes (rotation, resizing). The server and the
 * first client render assume a wide screen, so hydration never disagrees with the HTML.
 */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mq = window.matchMedia(query);
      mq.addEventListener('change', onChange);
      return () => mq.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
