import { useSearchParams } from 'react-router';

/**
 * Filters kept in the address (`?status=failed&q=shop`), so that a filtered page can be reloaded, shared and
 * gone back to. Changing a filter starts again at its first page and replaces the history entry (typing does not
 * make one entry per key); turning a page is a step the Back button undoes.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const get = (key: string, fallback = '') => params.get(key) ?? fallback;
  const set = (key: string, value: string) => {
    // From the address as it is now: two changes before React renders again (clear the search, then pick a
    // status) would otherwise both start from the same, older parameters, and the second would undo the first.
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: key !== 'page' });
  };
  return { get, set };
}
