import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A session's CSRF token: an HMAC keyed by the session id, so that nothing of it is stored. Only who holds the id
 * (the browser, in an HTTP-only cookie another site cannot read) can know it; the database's hash of the id does
 * not give it. https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
 */
export const csrfTokenFor = (sessionId: string) =>
  createHmac('sha256', sessionId).update('store-platform csrf v1').digest('base64url');

/** Compares two secrets in constant time whatever their lengths (their digests are compared). */
export const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
