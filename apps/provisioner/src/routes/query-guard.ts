import type { FastifyInstance } from 'fastify';

import { PlatformError } from '../domain/errors.js';

// C0 controls (NUL included), DEL and C1 controls: never meaningful in a filter or a name, and PostgreSQL refuses
// a NUL in text with an error that would otherwise surface as a 500.
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

/** Refuses, with 400 and the parameter at fault, a query string whose values hold a control character. */
export function registerQueryGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    for (const [name, value] of Object.entries(query ?? {})) {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      if (
        !controlCharacter.test(name) &&
        !values.some((v) => typeof v === 'string' && controlCharacter.test(v))
      )
        continue;
      const field = `querystring.${name.replace(controlCharacter, '?')}`;
      const problem = 'contains a control character (such as a NUL byte)';
      throw new PlatformError('validation_failed', `invalid request: ${field}: ${problem}`, {
        fields: [{ field, problem }],
      });
    }
  });
}
