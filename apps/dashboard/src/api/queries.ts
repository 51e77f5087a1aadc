import {
  activityPageSchema,
  engineListSchema,
  meSchema,
  noContentSchema,
  quotaSchema,
  sessionSchema,
  storeCredentialsSchema,
  storeListSchema,
  storeSchema,
  type ActivityQuery,
  type CreateStoreRequest,
  type LoginRequest,
  type Me,
  type PlanId,
  type StoreView,
} from '@store-platform/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ApiError, setCsrfToken } from './client.js';
import { queryKeys } from './query-keys.js';
import { rememberStore } from './store-cache.js';

/** The signed-in user, or null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.session(),
    queryFn: async () => {
      const { user } = await api('GET', '/auth/session', sessionSchema);
      setCsrfToken(user?.csrfToken);
      return user;
    },
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginRequest) => api('POST', '/auth/login', meSchema, { body: input }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      client.setQueryData<Me | null>(queryKeys.session(), me);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api('POST', '/auth/logout', noContentSchema),
    onSuccess: () => {
      setCsrfToken(undefined);
      client.setQueryData<Me | null>(queryKeys.session(), null);
      // Nothing of the signed-out user stays in memory for whoever signs in next on this tab.
      const [session] = queryKeys.session();
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== session });
    },
  });
}

/** Every store; the event stream keeps it current. */
export function useStores() {
  return useQuery({
    queryKey: queryKeys.stores.list(),
    queryFn: async () => (await api('GET', '/stores', storeListSchema)).items,
  });
}

/** One store; null once it is gone (404), so that its page can say so. */
export function useStore(name: string) {
  return useQuery({
    queryKey: queryKeys.stores.detail(name),
    queryFn: async (): Promise<StoreView | null> => {
      try {
        return await api('GET', `/stores/${encodeURIComponent(name)}`, storeSchema);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** GET /engines, shared by useEngines and useBaseDomain (one request, one cache entry). */
const enginesQuery = {
  queryKey: queryKeys.engines(),
  queryFn: () => api('GET', '/engines', engineListSchema),
  staleTime: 5 * 60_000,
};

export function useEngines() {
  return useQuery({ ...enginesQuery, select: (reply) => reply.items });
}

/** The domain stores are served under: https://{name}.{baseDomain}. */
export function useBaseDomain() {
  return useQuery({ ...enginesQuery, select: (reply) => reply.baseDomain });
}

/** The signed-in user's stores against their limit; asked again whenever a page needing it opens. */
export function useQuota() {
  return useQuery({ queryKey: queryKeys.quota(), queryFn: () => api('GET', '/quota', quotaSchema) });
}

export function useCreateStore() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateStoreRequest) => api('POST', '/stores', storeSchema, { body: input }),
    onSuccess: (store) => rememberStore(client, store),
  });
}

/**
 * Deletes a store (If-Match); `skipBackup` (admins only) sends `?backup=false`, so that the deletion policy's
 * backup before the delete is not taken.
 */
export function useDeleteStore() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ store, skipBackup = false }: { store: StoreView; skipBackup?: boolean }) =>
      api(
        'DELETE',
        `/stores/${encodeURIComponent(store.name)}${skipBackup ? '?backup=false' : ''}`,
        storeSchema,
        {
          headers: { 'if-match': `"${store.version}"` },
        },
      ),
    onSuccess: (store) => rememberStore(client, store),
  });
}

export function useRetryStore() {
  const client = useQueryClient();
  return useMutation({
    // The version the user saw (If-Match), so that nobody acts on a stale screen.
    mutationFn: (store: StoreView) =>
      api('POST', `/stores/${encodeURIComponent(store.name)}/retry`, storeSchema, {
        headers: { 'if-match': `"${store.version}"` },
      }),
    onSuccess: (store) => rememberStore(client, store),
  });
}

/** Retries a failed store on another plan ("Retry with Basic" after the cluster or quota lacked room). */
export function useRetryStoreOnPlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ store, plan }: { store: StoreView; plan: PlanId }) =>
      api('POST', `/stores/${encodeURIComponent(store.name)}/retry`, storeSchema, {
        body: { plan },
        headers: { 'if-match': `"${store.version}"` },
      }),
    onSuccess: (store) => rememberStore(client, store),
  });
}

/** Admins only; the provisioner records every reveal in the activity log. */
export function useRevealCredentials(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api('POST', `/stores/${encodeURIComponent(name)}/credentials`, storeCredentialsSchema),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.activity.all() }),
  });
}

/** A page of the activity log; the previous page stays on screen while the next one loads. */
export function useActivity(filter: ActivityQuery, pageSize = 25) {
  const query: ActivityQuery = { ...filter, pageSize };
  const params = new URLSearchParams();
  // An empty field filters nothing, and is not sent.
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  return useQuery({
    queryKey: queryKeys.activity.list(query),
    queryFn: () => api('GET', `/activity?${params.toString()}`, activityPageSchema),
    placeholderData: keepPreviousData,
  });
}
