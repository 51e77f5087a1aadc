import type { FastifyInstance, FastifyRequest } from 'fastify';

import { PlatformError } from '../domain/errors.js';
import { roleAllows, type Principal, type Role } from '../domain/roles.js';
import type { AuthService } from '../services/auth-service.js';

/**
 * The session cookie's name. Over TLS it carries the `__Host-` prefix, which browsers accept only with Secure,
 * Path=/ and no Domain, so that no subdomain (a store's, for one) can set or shadow it:
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#cookie_prefixes
 */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-sp_session' : 'sp_session');

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; `public` routes need none. Routes without it need `viewer`. */
    role?: Role | 'public';
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The caller of an authenticated route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('route has no principal: is it public?');
  return request.principal;
}

/**
 * Checks every route of `app`: who calls (bearer token or session cookie), whether their role may use the route,
 * and, for writes made with a session cookie, the CSRF token.
 */
export function registerAuthorization(app: FastifyInstance, auth: AuthService, sessionCookie: string): void {
  app.decorateRequest('principal', null);
  // onRequest, before the body is even read: an unauthenticated caller learns nothing about validation.
  app.addHook('onRequest', async (request) => {
    const needed = request.routeOptions.config.role ?? 'viewer';
    if (needed === 'public') return;
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const principal = await auth.authenticate({ bearer, sessionId: request.cookies[sessionCookie] });
    if (!roleAllows(principal.role, needed)) {
      throw new PlatformError(
        'forbidden',
        `your role (${principal.role}) may not do this; it needs ${needed} or above`,
      );
    }
    if (!safeMethods.has(request.method))
      auth.checkCsrf(principal, request.headers['x-csrf-token'] as string | undefined);
    request.principal = principal;
  });
}
