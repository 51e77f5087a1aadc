import { z } from 'zod';

/** Who may do what, narrowest first (each role may do all that the ones before it may). */
export const roles = ['viewer', 'operator', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const loginRequestSchema = z.strictObject({
  username: z.string().min(1).max(60),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The signed-in user; csrfToken is present for browser sessions and must be sent as X-CSRF-Token on writes. */
export const meSchema = z.object({
  username: z.string(),
  role: roleSchema,
  csrfToken: z.string().optional(),
});
export type Me = z.infer<typeof meSchema>;

/** GET /auth/session: the signed-in user, or null; a browser asks it before anyone signs in, so it never 401s. */
export const sessionSchema = z.object({ user: meSchema.nullable() });

/** Shortest and longest new password (docs/decisions/007-password-strength.md). */
export const newPasswordLength = { min: 12, max: 200 } as const;

/** A new password: what every password set through the API (user creation, change, reset) must be. */
export const newPasswordSchema = z
  .string()
  .min(newPasswordLength.min, `at least ${newPasswordLength.min} characters`)
  .max(newPasswordLength.max);

/**
 * POST /auth/tokens. `role` narrows the token below its owner's role (a token made with a token must narrow it);
 * `expiresInDays` defaults to the platform's TOKEN_DEFAULT_TTL_DAYS and may not exceed TOKEN_MAX_TTL_DAYS.
 */
export const createTokenRequestSchema = z.strictObject({
  name: z.string().min(1).max(60),
  role: roleSchema.optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateTokenRequest = z.infer<typeof createTokenRequestSchema>;
/** The new token: `token` is its secret, shown this once (only its hash is kept). */
export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type NewToken = z.infer<typeof tokenSchema>;

/** A new user's name: 3 to 60 characters, starting with a letter or digit. */
export const usernamePattern = /^[a-z0-9][a-z0-9._-]{2,59}$/;
/** The username rule in words, as refusals and forms say it. */
export const usernameRule = '3 to 60 lower-case letters, digits, dots, dashes or underscores';

export const createUserRequestSchema = z.strictObject({
  username: z.string().regex(usernamePattern, usernameRule),
  password: newPasswordSchema,
  role: roleSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;
/** POST /auth/users' reply: who was created, with which role. */
export const createdUserSchema = meSchema.omit({ csrfToken: true });
