import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Hex SHA-256: how session ids and API tokens are stored (they are random, so no salt or slow hash is needed). */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A random secret of `bytes` bytes, base64url. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

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
