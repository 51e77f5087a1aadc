import type { CreateStoreRequest, Me, StoreView } from '@store-platform/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ApiError, setCsrfToken } from './client.js';

/** The signed-in user, or null when nobody is (the API answered 401). */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await api<Me>('GET', '/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
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
    },
  });
}

export function useStores() {
  return useQuery({
    queryKey: ['stores'],
    queryFn: async () => (await api<{ items: StoreView[] }>('GET', '/stores')).items,
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
  });
}

export function useCreateStore() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateStoreRequest) => api<StoreView>('POST', '/stores', input),
    onSuccess: (store) =>
      client.setQueryData<StoreView[]>(['stores'], (stores) => [
        store,
        ...(stores ?? []).filter((s) => s.name !== store.name),
      ]),
  });
}
