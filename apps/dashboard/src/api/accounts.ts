import type {
  ChangePasswordRequest,
  CreateTokenRequest,
  CreateUserRequest,
  NewToken,
  TokenView,
  UpdateUserRequest,
  UserView,
} from '@store-platform/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from './client.js';

/** Account changes are in the activity log: screens showing it refetch after each. */
function useRefresh(...keys: string[]) {
  const client = useQueryClient();
  return () => {
    for (const key of [...keys, 'activity']) void client.invalidateQueries({ queryKey: [key] });
  };
}

/** The signed-in user's API tokens (never their secrets). */
export function useMyTokens() {
  return useQuery({
    queryKey: ['tokens'],
    queryFn: async () => (await api<{ items: TokenView[] }>('GET', '/auth/tokens')).items,
  });
}

/** Resolves with the new token, whose secret the page shows once. */
export function useCreateToken() {
  const refresh = useRefresh('tokens');
  return useMutation({
    mutationFn: (input: CreateTokenRequest) => api<NewToken>('POST', '/auth/tokens', input),
    onSuccess: refresh,
  });
}

export function useRevokeToken() {
  const refresh = useRefresh('tokens');
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/auth/tokens/${encodeURIComponent(id)}`),
    onSuccess: refresh,
  });
}

/** Your own password; the API keeps this session and ends your others and your tokens. */
export function useChangePassword() {
  const refresh = useRefresh('tokens');
  return useMutation({
    mutationFn: (input: ChangePasswordRequest) => api<void>('PUT', '/auth/password', input),
    onSuccess: refresh,
  });
}

/** Every user (admins only). */
export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: async () => (await api<{ items: UserView[] }>('GET', '/auth/users')).items,
  });
}

export function useCreateUser() {
  const refresh = useRefresh('users');
  return useMutation({
    mutationFn: (input: CreateUserRequest) => api<unknown>('POST', '/auth/users', input),
    onSuccess: refresh,
  });
}

const userPath = (username: string) => `/auth/users/${encodeURIComponent(username)}`;

/** A role change, or disable/enable; the API refuses (409) what would leave no enabled admin. */
export function useUpdateUser() {
  // 'me' too: an admin who changed their own role (or disabled themselves) sees the result at once.
  const refresh = useRefresh('users', 'me');
  return useMutation({
    mutationFn: ({ username, ...change }: UpdateUserRequest & { username: string }) =>
      api<UserView>('PATCH', userPath(username), change),
    onSuccess: refresh,
  });
}

export function useDeleteUser() {
  const refresh = useRefresh('users', 'me');
  return useMutation({
    mutationFn: (username: string) => api<void>('DELETE', userPath(username)),
    onSuccess: refresh,
  });
}

export function useResetPassword() {
  const refresh = useRefresh('users');
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      api<void>('PUT', `${userPath(username)}/password`, { password }),
    onSuccess: refresh,
  });
}
