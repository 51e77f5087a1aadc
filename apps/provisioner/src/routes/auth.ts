import { errorSchema, loginRequestSchema, meSchema, sessionSchema } from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { PlatformError } from '../domain/errors.js';
import type { AuthService } from '../services/auth-service.js';
import { principalOf, sessionCookie } from './authorize.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema };

/** /auth: sign in and out (HTTP-only SameSite cookie), who am I. Tokens: tokens.ts; users: users.ts. */
export function authRoutes(auth: AuthService, options: { secureCookie: boolean }) {
  const cookie = { httpOnly: true, sameSite: 'strict', secure: options.secureCookie, path: '/' } as const;
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/auth/login',
      {
        config: { role: 'public' },
        schema: { body: loginRequestSchema, response: { 200: meSchema, ...errors } },
      },
      async (request, reply) => {
        const { sessionId, principal } = await auth.login(request.body.username, request.body.password);
        void reply.setCookie(sessionCookie, sessionId, { ...cookie, maxAge: 12 * 3600 });
        return { username: principal.username, role: principal.role, csrfToken: principal.csrfToken };
      },
    );

    api.post(
      '/auth/logout',
      { schema: { response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const sessionId = request.cookies[sessionCookie];
        if (sessionId) await auth.logout(sessionId);
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
