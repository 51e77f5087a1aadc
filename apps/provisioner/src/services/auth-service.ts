import { timingSafeEqual } from 'node:crypto';

import { PlatformError } from '../domain/errors.js';
import { lowerRole, type Principal } from '../domain/roles.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { TokenRepository } from '../ports/token-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import { randomToken, sha256 } from './secrets.js';

const sessionHours = 12;

/** Sign-in, sessions, and who calls (session or API token). Managing tokens and users: token-/user-service.ts. */
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenRepository,
  ) {}

  /**
   * Creates the first admin when there is no user yet. Returns the generated password when none was given, so
   * that the caller can show it once.
   */
  async ensureFirstAdmin(username: string, password: string | undefined): Promise<string | undefined> {
    if ((await this.users.countUsers()) > 0) return undefined;
    const chosen = password ?? randomToken(18);
    try {
      await this.users.createUser({ username, passwordHash: await this.hasher.hash(chosen), role: 'admin' });
    } catch (error) {
      // Replicas starting together on an empty database: one of them made the admin, and that is the outcome.
      if (error instanceof PlatformError && error.code === 'conflict') return undefined;
      throw error;
    }
    return password ? undefined : chosen;
  }

  /** Checks the password; resolves with the new session's id (for the cookie) and CSRF token. */
  async login(
    username: string,
    password: string,
  ): Promise<{ sessionId: string; csrfToken: string; principal: Principal }> {
    const user = await this.users.findUser(username);
    // Same answer for an unknown user and a wrong password, so names cannot be probed.
    if (!user || !(await this.hasher.verify(user.passwordHash, password))) {
      throw new PlatformError('unauthenticated', 'wrong user name or password');
    }
    // Said only to whoever knows the password: it tells a guesser nothing.
    if (user.disabled) throw new PlatformError('unauthenticated', 'this account is disabled');
    const sessionId = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(Date.now() + sessionHours * 3600_000);
    await this.users.createSession({ idHash: sha256(sessionId), username, csrfToken, expiresAt });
    await this.users.recordSignIn(username);
    return { sessionId, csrfToken, principal: { username, role: user.role, via: 'session', csrfToken } };
  }

  async logout(sessionId: string): Promise<void> {
    await this.users.deleteSession(sha256(sessionId));
  }

  /** Who sends a request, from its bearer token or session cookie; a 401 that says why otherwise. */
  async authenticate(input: { bearer?: string; sessionId?: string }): Promise<Principal> {
    if (input.bearer) {
      const token = await this.tokens.findToken(sha256(input.bearer));
      if (!token)
        throw new PlatformError(
          'unauthenticated',
          'the bearer token is not valid (revoked, or never issued)',
        );
      if (token.expiresAt <= new Date())
        throw new PlatformError('unauthenticated', 'the bearer token has expired');
      // Never more than its owner may do now: demoting a user narrows their tokens at once.
      return {
        username: token.owner,
        role: lowerRole(token.role, token.ownerRole),
        via: 'token',
        token: { id: token.id, expiresAt: token.expiresAt },
      };
    }
    if (input.sessionId) {
      const session = await this.users.findSession(sha256(input.sessionId));
      if (!session)
        throw new PlatformError('unauthenticated', 'your session is not valid any more; sign in again');
      if (session.expiresAt < new Date())
        throw new PlatformError('unauthenticated', 'your session has expired; sign in again');
      return { username: session.username, role: session.role, via: 'session', csrfToken: session.csrfToken };
    }
    throw new PlatformError(
      'unauthenticated',
      'sign in first: send the session cookie, or an Authorization: Bearer token',
    );
  }

  /** Browser writes must echo the session's CSRF token in a header, which another site cannot read or set. */
  checkCsrf(principal: Principal, header: string | undefined): void {
    if (principal.via !== 'session') return;
    const expected = Buffer.from(principal.csrfToken ?? '');
    const given = Buffer.from(header ?? '');
    if (expected.length === 0 || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new PlatformError(
        'forbidden',
        'missing or wrong X-CSRF-Token header for a write made with a session cookie',
      );
    }
  }
}
