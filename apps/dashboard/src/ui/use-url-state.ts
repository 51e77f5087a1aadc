import { useSearchParams } from 'react-router';

/**
 * Filters kept in the address (`?status=failed&q=shop`), so that a filtered page can be reloaded, shared and
 * gone back to. Changing a filter starts again at its first page and replaces the history entry (typing does not
 * make one entry per key); turning a page is a step the Back button undoes.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const get = (key: string, fallback = '') => params.get(key) ?? fallback;
  const set = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: key !== 'page' },
    );
  return { get, set };
}
