/**
 * MAX_STORES and MAX_STORES_PER_USER hold under concurrent creates: twenty at once at a limit create exactly the
 * limit, the rest are refused with the reason. The provisioner runs as the API role only, so that the accepted
 * stores stay queued and nothing reaches the cluster.
 */
import { expect, it } from 'vitest';

import { apiClient } from './api-client.js';
import { useProvisioner } from './provisioner-process.js';

const provisioner = useProvisioner('store_limits', {
  ROLE: 'api',
  MAX_STORES: '8',
  MAX_STORES_PER_USER: '3',
  WRITE_RATE_LIMIT_PER_MINUTE: '1000',
});

/** Fires twenty creates at once as `api`: how many were accepted (202), and the refusals. */
async function twentyAtOnce(api: ReturnType<typeof apiClient>, prefix: string) {
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      api.call('POST', '/stores', { body: { name: `${prefix}-${i}`, engine: 'woocommerce', plan: 'basic' } }),
    ),
  );
  const created = answers.filter((a) => a.status === 202).length;
  const refusals = answers
    .filter((a) => a.status !== 202)
    .map((a) => `${a.status} ${String(a.body.message)}`);
  return { created, refusals };
}

it('creates exactly the limit when twenty creates race for it, per user and for the platform', async () => {
  const admin = provisioner().api;
  const mine = await twentyAtOnce(admin, 'adm');
  expect(mine.created).toBe(3);
  expect(new Set(mine.refusals)).toEqual(new Set(['429 you already have your maximum of 3 stores']));

  // Two more users: the second fills the platform's 8, the third gets what is left of it.
  const password = 'correct horse battery staple 42';
  const users = [];
  for (const username of ['olga', 'omar']) {
    const made = await admin.call('POST', '/auth/users', { body: { username, password, role: 'operator' } });
    expect(made.status).toBe(201);
    users.push(apiClient(provisioner().url, await apiClient(provisioner().url).tokenFor(username, password)));
  }
  const [olga, omar] = users as [ReturnType<typeof apiClient>, ReturnType<typeof apiClient>];
  expect((await twentyAtOnce(olga, 'olga')).created).toBe(3);
  const last = await twentyAtOnce(omar, 'omar');
  expect(last.created).toBe(2);
  expect(new Set(last.refusals)).toEqual(new Set(['429 the platform already has its maximum of 8 stores']));

  const listed = await admin.call('GET', '/stores');
  expect((listed.body.items as unknown[]).length).toBe(8);

  // The refusal is one the API documents for POST /stores, with the error body (code, message).
  const document = (await (await fetch(`${provisioner().url}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
  };
  const refusal = document.paths['/stores']?.post?.responses['429'];
  expect(JSON.stringify(refusal?.content)).toContain('"code"');
});
