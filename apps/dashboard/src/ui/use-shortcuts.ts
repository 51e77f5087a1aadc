import { useEffect } from 'react';

/** Typing in a field keeps its keys: `/` is then a character, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The page's search field: one marked `data-shortcut="search"`, else the first search box of the page. */
function searchField(): HTMLElement | null {
  return (
    document.querySelector<HTMLElement>('[data-shortcut="search"]') ??
    document.querySelector<HTMLElement>('main input[type="search"]')
  );
}

/**
 * The dashboard's keyboard shortcuts, as in Argo CD, GitHub or Vercel: Ctrl-K (Cmd-K on a Mac) calls `onJump`, and
 * `/` (outside a field) focuses the page's search field, when it has one.
 */
export function useShortcuts({ onJump }: { onJump: () => void }): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        onJump();
        return;
      }
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target))
        return;
      const search = searchField();
      if (!search) return;
      event.preventDefault();
      search.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onJump]);
}
