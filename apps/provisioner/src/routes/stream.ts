import type { FastifyInstance } from 'fastify';

import type { ChangeFeed } from '../ports/change-feed.js';
import type { StoreService } from '../services/store-service.js';

/**
 * GET /stream: server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html). Each change
 * sends `event: store` with the store as GET /stores/{name} shows it, or `event: store-deleted` with its name.
 * A comment every 15 s keeps proxies from closing an idle stream.
 */
export function streamRoutes(service: StoreService, feed: ChangeFeed) {
  return async (app: FastifyInstance) => {
    app.get('/stream', async (request, reply) => {
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write(': connected\n\n');
      const send = (event: string, data: unknown) =>
        out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const unsubscribe = feed.subscribe((name) => {
        service
          .find(name)
          .then((store) => (store ? send('store', store) : send('store-deleted', { name })))
          .catch((error: unknown) => request.log.error({ err: error }, 'stream update failed'));
      });
      const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), 15_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    });
  };
}
