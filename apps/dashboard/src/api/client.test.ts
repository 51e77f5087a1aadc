import { noContentSchema, storeListSchema, storeSchema } from '@store-platform/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { api, ApiError, setCsrfToken, UnexpectedResponseError } from './client.js';
import { aStore, FakeApi } from './testing.js';

afterEach(() => {
  setCsrfToken(undefined);
  vi.unstubAllGlobals();
});

describe('api()', () => {
  it('returns the reply as its contract schema reads it', async () => {
    new FakeApi()
      .install()
      .reply('GET', '/stores', storeListSchema, { items: [aStore({ name: 'corner-shop' })] });
    const { items } = await api('GET', '/stores', storeListSchema);
    expect(items.map((s) => s.name)).toEqual(['corner-shop']);
  });

  it('names the endpoint, the field and the value when a reply has an unexpected shape', async () => {
    const paused = { ...aStore({ name: 'corner-shop' }), status: 'paused' };
    new FakeApi().install().replyText('GET', '/stores', 200, JSON.stringify({ items: [paused] }));
    const failure = api('GET', '/stores', storeListSchema);
    await expect(failure).rejects.toBeInstanceOf(UnexpectedResponseError);
    await expect(failure).rejects.toThrow(
      /^GET \/api\/v1\/stores answered with an unexpected shape: items\[0\]\.status: .*"running".* \(got "paused"\)$/,
    );
  });

  it('says when a reply is not JSON at all, such as a proxy’s page', async () => {
    new FakeApi().install().replyText('GET', '/stores/x', 200, '<!doctype html>', 'text/html');
    await expect(api('GET', '/stores/x', storeSchema)).rejects.toThrow(
      'GET /api/v1/stores/x answered with an unexpected shape: the reply is not JSON (text/html)',
    );
  });

  it('turns an error reply into an ApiError with the API’s sentence, or the status when it has none', async () => {
    const fake = new FakeApi()
      .install()
      .fail('GET', '/stores/x', 404, { code: 'not_found', message: 'no store named "x"' })
      .replyText('GET', '/stores/y', 502, 'Bad Gateway', 'text/plain');
    const missing = await api('GET', '/stores/x', storeSchema).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ApiError);
    expect(missing).toMatchObject({
      status: 404,
      message: 'no store named "x"',
      body: { code: 'not_found' },
    });
    await expect(api('GET', '/stores/y', storeSchema)).rejects.toThrow('HTTP 502');
    expect(fake.requests).toHaveLength(2);
  });

  it('reads a 204 as null, and sends the CSRF token and extra headers on writes', async () => {
    const fake = new FakeApi().install().reply('POST', '/auth/logout', noContentSchema, null, 204);
    setCsrfToken('csrf-1');
    const reply = api('POST', '/auth/logout', noContentSchema, {
      body: { a: 1 },
      headers: { 'if-match': '"3"' },
    });
    await expect(reply).resolves.toBeNull();
    expect(fake.requests).toEqual([
      {
        method: 'POST',
        path: '/auth/logout',
        headers: { 'content-type': 'application/json', 'if-match': '"3"', 'x-csrf-token': 'csrf-1' },
        body: { a: 1 },
      },
    ]);
  });
});
