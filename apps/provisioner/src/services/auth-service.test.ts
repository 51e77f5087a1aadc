import { describe, expect, it } from 'vitest';

import { PlatformError } from '../domain/errors.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { TokenRepository } from '../ports/token-repository.js';
import type { UserRecord, UserRepository } from '../ports/user-repository.js';
import { AuthService } from './auth-service.js';
import type { LoginGuard } from './login-guard.js';

/**
 * Users in memory, with the repository's contract (a taken name is a conflict). With `anotherReplicaWins`,
 * another replica adds the admin between this one's count and its insert.
 */
function usersInMemory(anotherReplicaWins = false) {
  const users = new Map<string, UserRecord>();
  const repository = {
    countUsers: async () => 0,
    createUser: async (user: UserRecord) => {
      if (anotherReplicaWins || users.has(user.username)) {
        throw new PlatformError('conflict', `a user named "${user.username}" already exists`);
      }
      users.set(user.username, user);
    },
  } as Partial<UserRepository> as UserRepository;
  return { users, repository };
}
const hasher: PasswordHasher = { hash: async (p) => `hashed:${p}`, verify: async () => false };
const noTokens = {} as TokenRepository;
/** A guard that never locks: lockouts are LoginGuard's, tested with the process (test/login-protection). */
const guard = {
  check: async () => undefined,
  failed: async () => undefined,
  succeeded: async () => undefined,
};
const options = { guard: guard as unknown as LoginGuard, idleMinutes: 30 };
const strong = 'first-admin-keeps-eleven-plants';

describe('first admin', () => {
  it('is created with the given password, or a generated one that is returned once', async () => {
    const given = usersInMemory();
    expect(
      await new AuthService(given.repository, hasher, noTokens, options).ensureFirstAdmin('admin', strong),
    ).toBeUndefined();
    expect(given.users.get('admin')?.passwordHash).toBe(`hashed:${strong}`);
    const generated = usersInMemory();
    const password = await new AuthService(generated.repository, hasher, noTokens, options).ensureFirstAdmin(
      'admin',
      undefined,
    );
    expect(password).toMatch(/^[\w-]{24}$/);
    expect(generated.users.get('admin')?.passwordHash).toBe(`hashed:${password}`);
  });

  it('is left to the replica that made it first, without failing the start', async () => {
    const race = usersInMemory(true);
    await expect(
      new AuthService(race.repository, hasher, noTokens, options).ensureFirstAdmin('admin', undefined),
    ).resolves.toBeUndefined();
  });

  it('must have a password that passes the rule, or the start fails saying why', async () => {
    const weak = usersInMemory();
    await expect(
      new AuthService(weak.repository, hasher, noTokens, options).ensureFirstAdmin('admin', 'password1234'),
    ).rejects.toThrow(
      'PLATFORM_ADMIN_PASSWORD is too easy to guess: it is close to a commonly used password; add a word or two',
    );
    expect(weak.users.size).toBe(0);
  });
});

describe('sign-in', () => {
  it('hashes for an unknown user name too, against a hash made once at start', async () => {
    const verified: string[] = [];
    let hashes = 0;
    const recording: PasswordHasher = {
      hash: async () => `dummy-${(hashes += 1)}`,
      verify: async (hash) => {
        verified.push(hash);
        return false;
      },
    };
    const users = { findUser: async () => undefined } as Partial<UserRepository> as UserRepository;
    const auth = new AuthService(users, recording, noTokens, options);
    for (const name of ['nobody', 'no-one']) {
      await expect(auth.login(name, 'guess', '10.0.0.1')).rejects.toThrow('wrong user name or password');
    }
    expect(verified).toEqual(['dummy-1', 'dummy-1']);
    expect(hashes).toBe(1);
  });
});
