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
import { principalOf, sessionCookie } from './authorize.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const admin = { role: 'admin' } as const;

/** /auth/users (admins): list, create, role, disable/enable, delete, reset a password; /auth/password: your own. */
export function userRoutes(users: UserService) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const actorOf = (request: Parameters<typeof principalOf>[0]) => principalOf(request).username;

    api.get(
      '/auth/users',
      { config: admin, schema: { response: { 200: userListSchema, ...errors } } },
      async () => ({ items: await users.list() }),
    );

    api.post(
      '/auth/users',
      {
        config: admin,
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
      { schema: { body: changePasswordRequestSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await users.changeOwnPassword(principalOf(request), request.body, request.cookies[sessionCookie]);
        return reply.status(204).send(null);
      },
    );
  };
}
