import { queryText } from './stores.js';
import { z } from 'zod';

import { newPasswordSchema, roleSchema } from './auth.js';

/** An API token as lists show it: never its secret. `role` is the most it may do (its owner's role may lower it). */
export const tokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
});
export type TokenView = z.infer<typeof tokenViewSchema>;
export const tokenListSchema = z.object({ items: z.array(tokenViewSchema) });

/** GET /auth/tokens: your own tokens, or (admins) those of `username`. */
export const tokenListQuerySchema = z.strictObject({ username: queryText(60).min(1).optional() });
export const tokenParamsSchema = z.strictObject({ id: z.uuid() });

/** A user as admins see them in GET /auth/users (never the password hash). */
export const userViewSchema = z.object({
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type UserView = z.infer<typeof userViewSchema>;
export const userListSchema = z.object({ items: z.array(userViewSchema) });
export const userParamsSchema = z.strictObject({ username: z.string().min(1).max(60) });

/** PATCH /auth/users/{username}: a new role, and/or disable (true) or enable (false) the account. */
export const updateUserRequestSchema = z
  .strictObject({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .refine((change) => change.role !== undefined || change.disabled !== undefined, {
    message: 'give "role", "disabled" or both',
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

/** PUT /auth/password: your own new password, with the current one as proof. */
export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** PUT /auth/users/{username}/password (admins): a new password for someone else. */
export const resetPasswordRequestSchema = z.strictObject({ password: newPasswordSchema });
