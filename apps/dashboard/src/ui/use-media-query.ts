import { useSyncExternalStore } from 'react';

/** Whether the CSS media query matches now, following its changes (false where matchMedia is missing: jsdom). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      if (typeof window.matchMedia !== 'function') return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
  );
}

/** Phones: under 640 px the store list shows cards and folds its filters. */
export const narrowScreen = '(max-width: 639.98px)';
