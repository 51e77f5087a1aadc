import { roles, type Role } from '@store-platform/contracts';

/** Who may do what (contracts has the list, lowest first): admin everything, operator manages stores, viewer reads. */
export { roles, type Role };

/** Whether a user with `role` may use a route that needs `needed` (roles are ordered). */
export const roleAllows = (role: Role, needed: Role) => roles.indexOf(role) >= roles.indexOf(needed);

/** The lesser of two roles: what a token may do, given its own role and its owner's current one. */
export const lowerRole = (a: Role, b: Role): Role => (roleAllows(a, b) ? b : a);

/** A signed-in caller. */
export interface Principal {
  username: string;
  role: Role;
  /** How the caller proved who it is: a browser session (needs CSRF on writes) or a bearer token. */
  via: 'session' | 'token';
  /** The session's CSRF token, for sessions. */
  csrfToken?: string;
  /** The bearer token used, for tokens: a token minted with it may not outlive it. */
  token?: { id: string; expiresAt: Date };
  /** Which session or token it is (`session:{hash}`, `token:{hash}`), to end what it opened when it ends. */
  credential: string;
}

/** Why a change is refused that would leave no enabled admin: nobody could manage users any more. */
export const lastAdminProblem = (username: string) =>
  `"${username}" is the last admin: make another user an admin first, so that someone can still manage users`;
