import { useEffect } from 'react';

export const productName = 'Store Platform';

/**
 * Names the browser tab after the page ("acme-shop · Stores · Store Platform"), so that tabs, history and screen
 * readers announcing a new page tell pages apart.
 */
export function usePageTitle(...parts: string[]): void {
  const title = [...parts, productName].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
