import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Browser security headers on every answer (https://owasp.org/www-project-secure-headers/), as the chart's nginx
 * sends them for the dashboard it serves: a strict Content-Security-Policy (the dashboard's production build has
 * no inline script or style element, see docs/security.md), no framing, no MIME sniffing, no Referer. HSTS is the
 * TLS terminator's to send (the Ingress controller), not this plain-HTTP server's.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
