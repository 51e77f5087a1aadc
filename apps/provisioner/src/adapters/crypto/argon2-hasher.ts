import { hash, verify } from '@node-rs/argon2';

import type { PasswordHasher } from '../../ports/password-hasher.js';

/** Argon2id with the library's defaults (OWASP's recommended algorithm for password storage). */
export class Argon2Hasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password);
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password);
  }
}
