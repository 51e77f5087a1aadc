import { describe, expect, it } from 'vitest';

import type { Principal } from '../domain/roles.js';
import type { ActivityEntry } from '../ports/store-repository.js';
import type { TokenRecord, TokenRepository } from '../ports/token-repository.js';
import { TokenService } from './token-service.js';

/** Tokens in memory, with the repository's contract (delete only the owner's when an owner is given). */
function inMemory() {
  const tokens: (TokenRecord & { hash: string })[] = [];
  const activity: ActivityEntry[] = [];
  const repository: TokenRepository = {
    createToken: async (t) => {
      const record = {
        id: `id-${tokens.length}`,
        name: t.name,
        owner: t.username,
        role: t.role,
        createdAt: new Date('2025-01-01T00:00:00Z'),
        lastUsedAt: null,
        expiresAt: t.expiresAt,
        hash: t.tokenHash,
      };
      tokens.push(record);
      return record;
    },
    findToken: async () => undefined,
    listTokens: async (username) => tokens.filter((t) => t.owner === username),
    deleteToken: async (id, owner) => {
      const index = tokens.findIndex((t) => t.id === id && (!owner || t.owner === owner));
      return index < 0 ? undefined : tokens.splice(index, 1)[0];
    },
  };
  const service = new TokenService(
    repository,
    { appendActivity: async (e) => void activity.push(e) },
    { defaultDays: 90, maxDays: 365 },
    () => new Date('2025-01-01T00:00:00Z'),
  );
  return { service, tokens, activity };
}
const olga: Principal = {
  username: 'olga',
  role: 'operator',
  via: 'session',
  csrfToken: 'c',
  credential: 's',
};
const admin: Principal = {
  username: 'admin',
  role: 'admin',
  via: 'session',
  csrfToken: 'c',
  credential: 's',
};

describe('TokenService', () => {
  it('returns the secret once, stores only its hash, and logs the token by name', async () => {
    const { service, tokens, activity } = inMemory();
    const created = await service.create(olga, { name: 'ci', role: 'viewer' });
    expect(created).toMatchObject({ name: 'ci', role: 'viewer', expiresAt: '2025-04-01T00:00:00.000Z' });
    expect(created.token).toMatch(/^spt_[\w-]{43}$/);
    expect(tokens[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(activity).toEqual([
      {
        actor: 'olga',
        action: 'token-create',
        result: 'succeeded',
        detail: 'token "ci" of "olga" (viewer, expires 2025-04-01T00:00:00.000Z)',
      },
    ]);
    const listed = await service.list(olga);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('lets only admins list or revoke another user’s tokens', async () => {
    const { service } = inMemory();
    const { id } = await service.create(admin, { name: 'admins-own' });
    await expect(service.list(olga, 'admin')).rejects.toThrow('only admins may list another user’s tokens');
    await expect(service.revoke(olga, id)).rejects.toThrow(`you have no token with id ${id}`);
    const mine = await service.create(olga, { name: 'olgas' });
    expect((await service.list(admin, 'olga')).map((t) => t.name)).toEqual(['olgas']);
    await service.revoke(admin, mine.id);
    expect(await service.list(olga)).toEqual([]);
  });
});
