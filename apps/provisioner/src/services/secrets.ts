import { createHash, randomBytes } from 'node:crypto';

/** How session ids and API tokens are stored: only their SHA-256, so a database leak reveals none of them. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A random secret, base64url-encoded (32 bytes: 256 bits). */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
