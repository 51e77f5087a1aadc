import { describe, expect, it } from 'vitest';

import { PlatformError } from '../domain/errors.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { TokenRepository } from '../ports/token-repository.js';
import type { UserRecord, UserRepository } from '../ports/user-repository.js';
import { AuthService } from './auth-service.js';

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

describe('first admin', () => {
  it('is created with the given password, or a generated one that is returned once', async () => {
    const given = usersInMemory();
    expect(
      await new AuthService(given.repository, hasher, noTokens).ensureFirstAdmin('admin', 'pw-1'),
    ).toBeUndefined();
    expect(given.users.get('admin')?.passwordHash).toBe('hashed:pw-1');
    const generated = usersInMemory();
    const password = await new AuthService(generated.repository, hasher, noTokens).ensureFirstAdmin(
      'admin',
      undefined,
    );
    expect(password).toMatch(/^[\w-]{24}$/);
    expect(generated.users.get('admin')?.passwordHash).toBe(`hashed:${password}`);
  });

  it('is left to the replica that made it first, without failing the start', async () => {
    const race = usersInMemory(true);
    await expect(
      new AuthService(race.repository, hasher, noTokens).ensureFirstAdmin('admin', undefined),
    ).resolves.toBeUndefined();
  });
});
