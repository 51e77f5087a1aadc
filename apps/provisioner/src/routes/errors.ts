import '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

import { PlatformError } from '../domain/errors.js';

/**
 * Every error leaves as `{code, message, details}`: a 4xx says exactly what was wrong with the request, a 5xx
 * never shows internals (the log has them, under the request id the reply carries).
 */
export function registerErrorHandler(app: FastifyInstance, options: { dashboard: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof PlatformError) {
      if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', error.retryAfterSeconds);
      return reply
        .status(error.status)
        .send({ code: error.code, message: error.message, details: error.details });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => ({
        field: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        problem: issue.message,
      }));
      const summary = fields.map((f) => `${f.field}: ${f.problem}`).join('; ');
      return reply
        .status(400)
        .send({ code: 'validation_failed', message: `invalid request: ${summary}`, details: { fields } });
    }
    if (error.statusCode && error.statusCode < 500) {
      // Fastify's own refusals (body too large, bad JSON, wrong content type) already say what was wrong.
      return reply
        .status(error.statusCode)
        .send({ code: error.code ?? 'bad_request', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({
      code: 'internal',
      message: `the provisioner failed to handle this request; see its log for request ${request.id}`,
    });
  });
  app.setNotFoundHandler((request, reply) => {
    // The dashboard routes in the browser: a reload of /stores/shop must get the app, which shows that page.
    const page =
      options.dashboard &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (page) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply
      .status(404)
      .send({ code: 'not_found', message: `no route ${request.method} ${request.url}` });
  });
}

/**
 * Fastify's own refusals before routing (a path parameter over its length limit, a malformed URL): 400 with the
 * usual error body, which the OpenAPI document lists for every route.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if ((error.statusCode ?? 500) >= 500) {
    void reply
      .status(500)
      .send({ code: 'internal', message: 'the provisioner failed to route this request' });
    return;
  }
  void reply.status(400).send({ code: 'validation_failed', message: `invalid request: ${error.message}` });
}
