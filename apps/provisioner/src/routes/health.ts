import type { FastifyInstance } from 'fastify';

/**
 * Probes for Kubernetes: live (the process answers), ready (database and Kubernetes API reachable, and in the API
 * role the change feed listening), startup.
 * They are unauthenticated, so a failed check's error (hostnames, addresses, driver messages) goes to the log and
 * the answer only names the dependency that is down.
 */
export function healthRoutes(checks: {
  database: () => Promise<void>;
  kubernetes: () => Promise<void>;
  /** The API role's change feed (live updates); absent in the worker role. */
  changeFeed?: () => Promise<void>;
  started: () => boolean;
}) {
  return async (app: FastifyInstance) => {
    app.get('/health/live', async () => ({ status: 'ok' }));
    app.get('/health/startup', async (_request, reply) =>
      checks.started() ? { status: 'ok' } : reply.status(503).send({ status: 'starting' }),
    );
    app.get('/health/ready', async (request, reply) => {
      const dependencies = {
        database: checks.database,
        kubernetes: checks.kubernetes,
        ...(checks.changeFeed ? { changeFeed: checks.changeFeed } : {}),
      };
      const results = await Promise.all(
        Object.entries(dependencies).map(async ([name, check]) => {
          try {
            await check();
            return [name, 'ok'] as const;
          } catch (error) {
            request.log.warn({ err: error, dependency: name }, `readiness: ${name} unreachable`);
            return [name, 'unreachable'] as const;
          }
        }),
      );
      const ready = results.every(([, state]) => state === 'ok');
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ok' : 'unavailable', ...Object.fromEntries(results) });
    });
  };
}
