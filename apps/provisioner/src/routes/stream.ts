import { errorSchema } from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';

import type { AuthService } from '../services/auth-service.js';
import type { StreamRegistry } from '../services/stream-registry.js';
import { principalOf } from './authorize.js';

/**
 * GET /stream: server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html). Each change
 * sends `event: store` with the store as GET /stores/{name} shows it, or `event: store-deleted` with its name;
 * `event: resync` says changes may have been missed (the server's feed reconnected): refetch everything shown;
 * `event: session-ended` with a message comes last, when the session or token that opened the stream ends.
 * A comment every 15 s keeps proxies from closing an idle stream. A user may hold STREAMS_PER_USER open (429).
 */
export function streamRoutes(auth: AuthService, streams: StreamRegistry, sessionCookie: string) {
  return async (app: FastifyInstance) => {
    // 429: the user's STREAMS_PER_USER are open.
    const schema = { response: { 429: errorSchema } };
    app.get('/stream', { config: { eventStream: true }, schema }, async (request, reply) => {
      const principal = principalOf(request);
      const header = request.headers.authorization;
      const credentials = {
        bearer: header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined,
        sessionId: request.cookies[sessionCookie],
      };
      const out = reply.raw;
      // Nothing is written once the stream has ended (a write after end would be an error on the response).
      const write = (text: string) => {
        if (!out.writableEnded && !out.destroyed) out.write(text);
      };
      const remove = streams.open(
        {
          username: principal.username,
          credential: principal.credential,
          stillValid: () => auth.stillValid(credentials),
        },
        {
          send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
          end: () => out.end(),
        },
      );
      reply.hijack();
      out.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      write(': connected\n\n');
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), 15_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        remove();
      });
    });
  };
}
