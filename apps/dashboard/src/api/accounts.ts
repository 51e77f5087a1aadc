import {
  createdUserSchema,
  noContentSchema,
  tokenListSchema,
  tokenSchema,
  userListSchema,
  userViewSchema,
  type ChangePasswordRequest,
  type CreateTokenRequest,
  type CreateUserRequest,
  type UpdateUserRequest,
} from '@store-platform/contracts';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';

import { api } from './client.js';
import { queryKeys } from './query-keys.js';

/** Account changes are in the activity log: screens showing it refetch after each. */
function useRefresh(...keys: QueryKey[]) {
  const client = useQueryClient();
  return () => {
    for (const key of [...keys, queryKeys.activity.all()]) void client.invalidateQueries({ queryKey: key });
  };
}

/** The signed-in user's API tokens (never their secrets). */
export function useMyTokens() {
  return useQuery({
    queryKey: queryKeys.tokens.mine(),
    queryFn: async () => (await api('GET', '/auth/tokens', tokenListSchema)).items,
  });
}

/** Resolves with the new token, whose secret the page shows once. */
export function useCreateToken() {
  const refresh = useRefresh(queryKeys.tokens.all());
  return useMutation({
    mutationFn: (input: CreateTokenRequest) => api('POST', '/auth/tokens', tokenSchema, { body: input }),
    onSuccess: refresh,
  });
}

export function useRevokeToken() {
  const refresh = useRefresh(queryKeys.tokens.all());
  return useMutation({
    mutationFn: (id: string) => api('DELETE', `/auth/tokens/${encodeURIComponent(id)}`, noContentSchema),
    onSuccess: refresh,
  });
}

/** Your own password; the API keeps this session and ends your others and your tokens. */
export function useChangePassword() {
  const refresh = useRefresh(queryKeys.tokens.all());
  return useMutation({
    mutationFn: (input: ChangePasswordRequest) =>
      api('PUT', '/auth/password', noContentSchema, { body: input }),
    onSuccess: refresh,
  });
}

/** Every user (admins only). */
export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users.list(),
    queryFn: async () => (await api('GET', '/auth/users', userListSchema)).items,
  });
}

export function useCreateUser() {
  const refresh = useRefresh(queryKeys.users.all());
  return useMutation({
    mutationFn: (input: CreateUserRequest) => api('POST', '/auth/users', createdUserSchema, { body: input }),
    onSuccess: refresh,
  });
}

const userPath = (username: string) => `/auth/users/${encodeURIComponent(username)}`;

/** A role change, or disable/enable; the API refuses (409) what would leave no enabled admin. */
export function useUpdateUser() {
  // The session too: an admin who changed their own role (or disabled themselves) sees the result at once.
  const refresh = useRefresh(queryKeys.users.all(), queryKeys.session());
  return useMutation({
    mutationFn: ({ username, ...change }: UpdateUserRequest & { username: string }) =>
      api('PATCH', userPath(username), userViewSchema, { body: change }),
    onSuccess: refresh,
  });
}

export function useDeleteUser() {
  const refresh = useRefresh(queryKeys.users.all(), queryKeys.session());
  return useMutation({
    mutationFn: (username: string) => api('DELETE', userPath(username), noContentSchema),
    onSuccess: refresh,
  });
}

export function useResetPassword() {
  const refresh = useRefresh(queryKeys.users.all());
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      api('PUT', `${userPath(username)}/password`, noContentSchema, { body: { password } }),
    onSuccess: refresh,
  });
}
