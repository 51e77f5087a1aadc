import {
  changePasswordRequestSchema,
  createUserRequestSchema,
  errorSchema,
  meSchema,
  resetPasswordRequestSchema,
  updateUserRequestSchema,
  userListSchema,
  userParamsSchema,
  userViewSchema,
} from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { UserService } from '../services/user-service.js';
import { principalOf } from './authorize.js';
import { requestBudget } from './limits.js';

const errors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  429: errorSchema,
};
const admin = { role: 'admin' } as const;

/** /auth/users (admins): list, create, role, disable/enable, delete, reset a password; /auth/password: your own. */
export function userRoutes(
  users: UserService,
  options: { sessionCookie: string; createsPerHour: number; passwordTriesPerMinute: number },
) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const actorOf = (request: Parameters<typeof principalOf>[0]) => principalOf(request).username;
    const createBudget = requestBudget(app, {
      max: options.createsPerHour,
      per: 'hour',
      keyOf: (request) => `users|${actorOf(request)}`,
      refusal: 'too many users created',
    });
    // A stolen session must not be a way to guess its owner's password (each try also costs a hash).
    const passwordBudget = requestBudget(app, {
      max: options.passwordTriesPerMinute,
      per: 'minute',
      keyOf: (request) => `password|${actorOf(request)}`,
      refusal: 'too many password changes tried',
    });

    api.get(
      '/auth/users',
      { config: admin, schema: { response: { 200: userListSchema, ...errors } } },
      async () => ({ items: await users.list() }),
    );

    api.post(
      '/auth/users',
      {
        config: admin,
        onRequest: createBudget,
        schema: {
          body: createUserRequestSchema,
          response: { 201: meSchema.omit({ csrfToken: true }), ...errors },
        },
      },
      async (request, reply) => {
        await users.create(actorOf(request), request.body);
        return reply.status(201).send({ username: request.body.username, role: request.body.role });
      },
    );

    api.patch(
      '/auth/users/:username',
      {
        config: admin,
        schema: {
          params: userParamsSchema,
          body: updateUserRequestSchema,
          response: { 200: userViewSchema, ...errors },
        },
      },
      async (request) => users.update(actorOf(request), request.params.username, request.body),
    );

    api.delete(
      '/auth/users/:username',
      { config: admin, schema: { params: userParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await users.remove(actorOf(request), request.params.username);
        return reply.status(204).send(null);
      },
    );

    api.put(
      '/auth/users/:username/password',
      {
        config: admin,
        schema: {
          params: userParamsSchema,
          body: resetPasswordRequestSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await users.resetPassword(actorOf(request), request.params.username, request.body.password);
        return reply.status(204).send(null);
      },
    );

    api.put(
      '/auth/password',
      {
        onRequest: passwordBudget,
        schema: { body: changePasswordRequestSchema, response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        const sessionId = request.cookies[options.sessionCookie];
        await users.changeOwnPassword(principalOf(request), request.body, sessionId);
        return reply.status(204).send(null);
      },
    );
  };
}
