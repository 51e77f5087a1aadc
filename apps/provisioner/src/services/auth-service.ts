import { PlatformError } from '../domain/errors.js';
import { checkPasswordStrength } from '../domain/password-strength.js';
import { lowerRole, type Principal } from '../domain/roles.js';
import { sessionHours } from '../domain/session.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { TokenRepository } from '../ports/token-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { LoginGuard } from './login-guard.js';
import { randomToken, sha256 } from './secrets.js';
import { csrfTokenFor, sameSecret } from './session-tokens.js';

/** last_seen_at is written at most this often: a session's idle time is known to a minute, for far fewer writes. */
const touchEveryMs = 60_000;

export interface AuthOptions {
  /** Lockouts of user names and addresses after failed sign-ins. */
  guard: LoginGuard;
  /** A session ends after this long without a request. */
  idleMinutes: number;
}

/** Sign-in, sessions, and who calls (session or API token). Managing tokens and users: token-/user-service.ts. */
export class AuthService {
  /** Checked for unknown user names, so that they take as long as a wrong password (made once, at start). */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenRepository,
    private readonly options: AuthOptions,
  ) {
    this.dummyHash = hasher.hash(randomToken());
    // A failure shows at the first sign-in of an unknown name, which awaits it; not as an unhandled rejection.
    this.dummyHash.catch(() => undefined);
  }

  /**
   * Creates the first admin when there is no user yet. Returns the generated password when none was given, so
   * that the caller can show it once. A given password must pass the password rule: the start fails otherwise.
   */
  async ensureFirstAdmin(username: string, password: string | undefined): Promise<string | undefined> {
    if ((await this.users.countUsers()) > 0) return undefined;
    if (password !== undefined) {
      const verdict = checkPasswordStrength(password, [username]);
      if (!verdict.acceptable) {
        throw new Error(
          `PLATFORM_ADMIN_PASSWORD is ${verdict.problem}. Choose another, or leave it unset to have one generated.`,
        );
      }
    }
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

  /**
   * Checks the password of a sign-in from `address`; resolves with the new session's id (for the cookie) and
   * CSRF token. Refused with 429 while the user name or the address is locked after failures.
   */
  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ sessionId: string; csrfToken: string; principal: Principal }> {
    await this.options.guard.check(username, address);
    const user = await this.users.findUser(username);
    // An unknown name costs a hash too, against the dummy: the answer's time says nothing about who exists.
    const matches = await this.hasher.verify(user?.passwordHash ?? (await this.dummyHash), password);
    // Same answer for an unknown user and a wrong password, so names cannot be probed.
    if (!user || !matches) {
      await this.options.guard.failed(username, address);
      throw new PlatformError('unauthenticated', 'wrong user name or password');
    }
    // Said only to whoever knows the password: it tells a guesser nothing.
    if (user.disabled) throw new PlatformError('unauthenticated', 'this account is disabled');
    await this.options.guard.succeeded(username);
    const sessionId = randomToken();
    const idHash = sha256(sessionId);
    const expiresAt = new Date(Date.now() + sessionHours * 3600_000);
    await this.users.createSession({ idHash, username, expiresAt });
    await this.users.recordSignIn(username);
    const csrfToken = csrfTokenFor(sessionId);
    const principal: Principal = {
      username,
      role: user.role,
      via: 'session',
      csrfToken,
      credential: `session:${idHash}`,
    };
    return { sessionId, csrfToken, principal };
  }

  async logout(sessionId: string): Promise<void> {
    await this.users.deleteSession(sha256(sessionId));
  }

  /**
   * Who sends a request, from its bearer token or session cookie; a 401 that says why otherwise. A session's
   * request counts as activity (its idle time starts again) unless `touch` is false.
   */
  async authenticate(
    input: { bearer?: string; sessionId?: string },
    { touch = true }: { touch?: boolean } = {},
  ): Promise<Principal> {
    if (input.bearer) {
      const tokenHash = sha256(input.bearer);
      const token = await this.tokens.findToken(tokenHash);
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
        credential: `token:${tokenHash}`,
      };
    }
    if (input.sessionId) {
      const idHash = sha256(input.sessionId);
      const session = await this.users.findSession(idHash);
      if (!session)
        throw new PlatformError('unauthenticated', 'your session is not valid any more; sign in again');
      const now = Date.now();
      if (session.expiresAt.getTime() < now)
        throw new PlatformError('unauthenticated', 'your session has expired; sign in again');
      if (session.lastSeenAt.getTime() < now - this.options.idleMinutes * 60_000) {
        throw new PlatformError(
          'unauthenticated',
          `your session ended after ${this.options.idleMinutes} minutes without activity; sign in again`,
        );
      }
      if (touch && session.lastSeenAt.getTime() < now - touchEveryMs) await this.users.touchSession(idHash);
      return {
        username: session.username,
        role: session.role,
        via: 'session',
        csrfToken: csrfTokenFor(input.sessionId),
        credential: `session:${idHash}`,
      };
    }
    throw new PlatformError(
      'unauthenticated',
      'sign in first: send the session cookie, or an Authorization: Bearer token',
    );
  }

  /** Whether a session or token is still valid, without counting as activity; rejects when it cannot tell. */
  async stillValid(input: { bearer?: string; sessionId?: string }): Promise<boolean> {
    try {
      await this.authenticate(input, { touch: false });
      return true;
    } catch (error) {
      if (error instanceof PlatformError && error.code === 'unauthenticated') return false;
      throw error;
    }
  }

  /** Browser writes must echo the session's CSRF token in a header, which another site cannot read or set. */
  checkCsrf(principal: Principal, header: string | undefined): void {
    if (principal.via !== 'session') return;
    if (!principal.csrfToken || !header || !sameSecret(principal.csrfToken, header)) {
      throw new PlatformError(
        'forbidden',
        'missing or wrong X-CSRF-Token header for a write made with a session cookie',
      );
    }
  }

  /** Deletes ended sessions and stale sign-in failures (on a timer). */
  async purgeExpired(): Promise<void> {
    await this.users.purgeSessions(this.options.idleMinutes);
    await this.options.guard.purge();
  }
}
