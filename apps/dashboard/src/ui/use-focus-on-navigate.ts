import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** How long a new page may take to show its heading (its data loading) before focus stops waiting for it. */
const waitMs = 5_000;

/** Focuses `main h1` (made focusable by script, not by tab) once there is one; returns a stop function. */
function focusHeadingWhenShown(): () => void {
  const focus = () => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return false;
    heading.tabIndex = -1;
    heading.focus();
    return true;
  };
  if (focus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (focus()) stop();
  });
  const timeout = setTimeout(() => stop(), waitMs);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timeout);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}

/**
 * After a move to another page (not the first load, not a change of filters in the address), focus goes to the
 * new page's h1: a screen reader reads where the user is, and Tab continues from the top of the new page instead
 * of from <body>.
 */
export function useFocusOnNavigate(): void {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return undefined;
    shown.current = pathname;
    return focusHeadingWhenShown();
  }, [pathname]);
}
