import { describe, expect, it } from 'vitest';

import type { Principal } from '../domain/roles.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { ActivityEntry } from '../ports/store-repository.js';
import type { UserRepository } from '../ports/user-repository.js';
import { sha256 } from './secrets.js';
import { UserService } from './user-service.js';

/**
 * A user repository that records password changes, and streams that record what they end; the user "pat" has the
 * password "old-password".
 */
function recording() {
  const passwords: { username: string; hash: string; keepSession?: string }[] = [];
  const activity: ActivityEntry[] = [];
  const ended: { username: string; kept?: string }[] = [];
  const users = {
    findUser: async (username: string) =>
      username === 'pat'
        ? { username, role: 'operator' as const, passwordHash: 'hashed:old-password' }
        : undefined,
    setPassword: async (username: string, hash: string, keepSession?: string) => {
      passwords.push({ username, hash, keepSession });
    },
  } as Partial<UserRepository> as UserRepository;
  const hasher: PasswordHasher = {
    hash: async (p) => `hashed:${p}`,
    verify: async (hash, p) => hash === `hashed:${p}`,
  };
  const service = new UserService(
    users,
    hasher,
    { appendActivity: async (e) => void activity.push(e) },
    { closeFor: (username, _reason, kept) => void ended.push({ username, kept }) },
  );
  return { service, passwords, activity, ended };
}
const pat = (via: Principal['via']): Principal => ({
  username: 'pat',
  role: 'operator',
  via,
  credential: via,
});
const fresh = 'quiet-harbour-lantern-42';
const change = { currentPassword: 'old-password', newPassword: fresh };

describe('UserService passwords', () => {
  it('keeps the session a password was changed from, and its streams, and no other', async () => {
    const { service, passwords, ended } = recording();
    await service.changeOwnPassword(pat('session'), change, 'session-id');
    await service.changeOwnPassword(pat('token'), change, 'cookie-sent-along');
    expect(passwords).toEqual([
      { username: 'pat', hash: `hashed:${fresh}`, keepSession: sha256('session-id') },
      { username: 'pat', hash: `hashed:${fresh}`, keepSession: undefined },
    ]);
    expect(ended).toEqual([
      { username: 'pat', kept: `session:${sha256('session-id')}` },
      { username: 'pat', kept: undefined },
    ]);
  });

  it('refuses an easy password on change and reset, naming the field, and changes nothing', async () => {
    const { service, passwords, ended } = recording();
    await expect(
      service.changeOwnPassword(pat('session'), { ...change, newPassword: 'password1234' }, 'session-id'),
    ).rejects.toMatchObject({ details: { fields: [{ field: 'body.newPassword' }] } });
    await expect(service.resetPassword('admin', 'pat', 'password1234')).rejects.toThrow(
      'the password is too easy to guess',
    );
    expect([passwords, ended]).toEqual([[], []]);
  });

  it('refuses a wrong current password and changes nothing', async () => {
    const { service, passwords, activity } = recording();
    await expect(
      service.changeOwnPassword(pat('session'), { ...change, currentPassword: 'guess' }, 'session-id'),
    ).rejects.toThrow('the current password is not right');
    expect([passwords, activity]).toEqual([[], []]);
  });

  it('lets an admin reset only someone else’s password, and logs it without the password', async () => {
    const { service, activity } = recording();
    await expect(service.resetPassword('pat', 'pat', fresh)).rejects.toThrow('PUT /auth/password');
    await service.resetPassword('admin', 'pat', fresh);
    await service.changeOwnPassword(pat('session'), change, 'session-id');
    expect(activity.map((e) => [e.actor, e.action, e.store])).toEqual([
      ['admin', 'password-reset', undefined],
      ['pat', 'password-change', undefined],
    ]);
    expect(JSON.stringify(activity)).not.toMatch(new RegExp(`${fresh}|old-password`));
  });
});
