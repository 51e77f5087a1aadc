import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Browser security headers on every answer (https://owasp.org/www-project-secure-headers/), as the chart's nginx
 * sends them for the dashboard it serves: a strict Content-Security-Policy (the dashboard's production build has
 * no inline script; one exception for style elements, below), no framing, no MIME sniffing, no Referer. HSTS is the
 * TLS terminator's to send (the Ingress controller), not this plain-HTTP server's.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Radix's dialog locks the page's scroll with a <style> element it writes at run time (react-remove-scroll,
        // no nonce possible for static files). Inline style elements only: scripts, style attributes and every
        // other kind of resource stay 'self'. A browser without CSP 3's style-src-elem just loses the scroll lock.
        styleSrcElem: ["'self'", "'unsafe-inline'"],
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
