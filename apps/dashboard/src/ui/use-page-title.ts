import { useEffect } from 'react';

export const productName = 'Store Platform';

let pageTitle = productName;
let failing = 0;

/** "(3) Stores · Store Platform" while 3 stores fail; the page's title alone otherwise. */
function showTitle(): void {
  document.title = failing > 0 ? `(${failing}) ${pageTitle}` : pageTitle;
}

/**
 * Names the browser tab after the page ("acme-shop · Stores · Store Platform"), so that tabs, history and screen
 * readers announcing a new page tell pages apart.
 */
export function usePageTitle(...parts: string[]): void {
  const title = [...parts, productName].join(' · ');
  useEffect(() => {
    pageTitle = title;
    showTitle();
  }, [title]);
}

/**
 * Puts the number of failing stores in front of every page's title, so that a tab left open (a wall display)
 * shows at a glance that something needs attention; 0 shows none.
 */
export function useFailingCountInTitle(count: number): void {
  useEffect(() => {
    failing = count;
    showTitle();
    return () => {
      failing = 0;
      showTitle();
    };
  }, [count]);
}
