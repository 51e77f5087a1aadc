import type { FastifyInstance } from 'fastify';

/** Probes for Kubernetes: live (the process answers), ready (database and Kubernetes API reachable), startup. */
export function healthRoutes(checks: {
  database: () => Promise<void>;
  kubernetes: () => Promise<void>;
  started: () => boolean;
}) {
  return async (app: FastifyInstance) => {
    app.get('/health/live', async () => ({ status: 'ok' }));
    app.get('/health/startup', async (_request, reply) =>
      checks.started() ? { status: 'ok' } : reply.status(503).send({ status: 'starting' }),
    );
    app.get('/health/ready', async (_request, reply) => {
      const results = await Promise.allSettled([checks.database(), checks.kubernetes()]);
      const [database, kubernetes] = results.map((r) =>
        r.status === 'fulfilled' ? 'ok' : `unreachable: ${String(r.reason)}`,
      );
      const ready = results.every((r) => r.status === 'fulfilled');
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ok' : 'unavailable', database, kubernetes });
    });
  };
}
