import { errorSchema, loginRequestSchema, meSchema, sessionSchema } from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { PlatformError } from '../domain/errors.js';
import type { AuthService } from '../services/auth-service.js';
import type { StreamRegistry } from '../services/stream-registry.js';
import { principalOf, sessionCookieName } from './authorize.js';
import { requestBudget } from './limits.js';
import { sessionHours } from '../domain/session.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema, 429: errorSchema };

export interface AuthRouteOptions {
  /** Served over TLS: the cookie is Secure and named `__Host-sp_session`. */
  secureCookie: boolean;
  /** Sign-in attempts one address may make per minute, failed or not. */
  loginAttemptsPerMinute: number;
  /** The open event streams, which sign-out ends. */
  streams: StreamRegistry;
}

/** /auth: sign in and out (HTTP-only SameSite cookie), who am I. Tokens: tokens.ts; users: users.ts. */
export function authRoutes(auth: AuthService, options: AuthRouteOptions) {
  const sessionCookie = sessionCookieName(options.secureCookie);
  const cookie = { httpOnly: true, sameSite: 'strict', secure: options.secureCookie, path: '/' } as const;
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    // Checked before the body is read: a flood costs no password hash.
    const loginBudget = requestBudget(app, {
      max: options.loginAttemptsPerMinute,
      per: 'minute',
      keyOf: (request) => `login|${request.ip}`,
      refusal: 'too many sign-in attempts from your address',
    });

    api.post(
      '/auth/login',
      {
        config: { role: 'public' },
        onRequest: loginBudget,
        schema: { body: loginRequestSchema, response: { 200: meSchema, ...errors, 503: errorSchema } },
      },
      async (request, reply) => {
        const { username, password } = request.body;
        const { sessionId, principal } = await auth.login(username, password, request.ip);
        void reply.setCookie(sessionCookie, sessionId, { ...cookie, maxAge: sessionHours * 3600 });
        return { username: principal.username, role: principal.role, csrfToken: principal.csrfToken };
      },
    );

    api.post(
      '/auth/logout',
      { schema: { response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const sessionId = request.cookies[sessionCookie];
        if (sessionId) await auth.logout(sessionId);
        // The streams this session opened end now; a bearer token is not signed out, nor its streams.
        const principal = principalOf(request);
        if (principal.via === 'session')
          options.streams.closeCredential(principal.credential, 'you signed out');
        return reply.clearCookie(sessionCookie, cookie).status(204).send(null);
      },
    );

    api.get(
      '/auth/session',
      { config: { role: 'public' }, schema: { response: { 200: sessionSchema } } },
      async (request) => {
        const sessionId = request.cookies[sessionCookie];
        if (!sessionId) return { user: null };
        try {
          const { username, role, csrfToken } = await auth.authenticate({ sessionId });
          return { user: { username, role, csrfToken } };
        } catch (error) {
          if (error instanceof PlatformError && error.code === 'unauthenticated') return { user: null };
          throw error;
        }
      },
    );

    api.get('/auth/me', { schema: { response: { 200: meSchema, ...errors } } }, async (request) => {
      const { username, role, csrfToken } = principalOf(request);
      return { username, role, csrfToken };
    });
  };
}
