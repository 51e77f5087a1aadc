import type {
  ActivityEntryView,
  CreateStoreRequest,
  Me,
  StoreCredentials,
  StoreView,
} from '@store-platform/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ApiError, setCsrfToken } from './client.js';

/** The signed-in user, or null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const { user } = await api<{ user: Me | null }>('GET', '/auth/session');
      setCsrfToken(user?.csrfToken);
      return user;
    },
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => api<Me>('POST', '/auth/login', input),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      client.setQueryData(['me'], me);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/auth/logout'),
    onSuccess: () => {
      setCsrfToken(undefined);
      client.setQueryData(['me'], null);
      // Nothing of the signed-out user stays in memory for whoever signs in next on this tab.
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    },
  });
}

export function useStores() {
  return useQuery({
    queryKey: ['stores'],
    queryFn: async () => (await api<{ items: StoreView[] }>('GET', '/stores')).items,
  });
}

/** One store; null once it is gone (404), so that its page can say so. */
export function useStore(name: string) {
  return useQuery({
    queryKey: ['store', name],
    queryFn: async () => {
      try {
        return await api<StoreView>('GET', `/stores/${encodeURIComponent(name)}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export interface EngineView {
  id: CreateStoreRequest['engine'];
  title: string;
  description: string;
  availability: 'available' | 'coming_soon';
}

export function useEngines() {
  return useQuery({
    queryKey: ['engines'],
    queryFn: async () => (await api<{ items: EngineView[] }>('GET', '/engines')).items,
    staleTime: 5 * 60_000,
  });
}

/** Puts the API's answer for one store in both the list and its own entry. */
function useRememberStore() {
  const client = useQueryClient();
  return (store: StoreView) => {
    client.setQueryData<StoreView[]>(['stores'], (stores) => [
      store,
      ...(stores ?? []).filter((s) => s.name !== store.name),
    ]);
    client.setQueryData(['store', store.name], store);
    void client.invalidateQueries({ queryKey: ['activity'] });
  };
}

export function useCreateStore() {
  const remember = useRememberStore();
  return useMutation({
    mutationFn: (input: CreateStoreRequest) => api<StoreView>('POST', '/stores', input),
    onSuccess: remember,
  });
}

/** Delete and retry send the version the user saw (If-Match), so that nobody acts on a stale screen. */
const storeAction = (action: 'delete' | 'retry') => (store: StoreView) =>
  api<StoreView>(
    action === 'delete' ? 'DELETE' : 'POST',
    `/stores/${encodeURIComponent(store.name)}${action === 'retry' ? '/retry' : ''}`,
    undefined,
    { 'if-match': `"${store.version}"` },
  );

export function useDeleteStore() {
  const remember = useRememberStore();
  return useMutation({ mutationFn: storeAction('delete'), onSuccess: remember });
}

export function useRetryStore() {
  const remember = useRememberStore();
  return useMutation({ mutationFn: storeAction('retry'), onSuccess: remember });
}

/** Admins only; the provisioner records every reveal in the activity log. */
export function useRevealCredentials(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<StoreCredentials>('POST', `/stores/${encodeURIComponent(name)}/credentials`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['activity'] }),
  });
}

export interface ActivityFilter {
  store?: string;
  actor?: string;
  action?: string;
  page?: number;
}

export interface ActivityPage {
  items: ActivityEntryView[];
  page: number;
  pageSize: number;
  total: number;
}

export function useActivity(filter: ActivityFilter, pageSize = 25) {
  const params = new URLSearchParams({ pageSize: String(pageSize) });
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  return useQuery({
    queryKey: ['activity', params.toString()],
    queryFn: () => api<ActivityPage>('GET', `/activity?${params.toString()}`),
    placeholderData: keepPreviousData,
  });
}
