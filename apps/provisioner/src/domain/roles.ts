/** Who may do what: admin everything, operator manages stores, viewer reads. */
export const roles = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Whether a user with `role` may use a route that needs `needed` (roles are ordered). */
export const roleAllows = (role: Role, needed: Role) => roles.indexOf(role) >= roles.indexOf(needed);

/** A signed-in caller. */
export interface Principal {
  username: string;
  role: Role;
  /** How the caller proved who it is: a browser session (needs CSRF on writes) or a bearer token. */
  via: 'session' | 'token';
  /** The session's CSRF token, for sessions. */
  csrfToken?: string;
  /** Which session or token it is (`session:{hash}`, `token:{hash}`), to end what it opened when it ends. */
  credential: string;
}
