/**
 * Store names that YAML or Helm's --set would read as something else (a number, a boolean, null, a float) are
 * valid DNS labels, so the API takes them; each must install as the string it is and reach Running, then go.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { expect, inject, it } from 'vitest';

import { resolveTools } from '@store-platform/test-cluster';
import { useProvisioner } from './provisioner-process.js';

const run = promisify(execFile);
const provisioner = useProvisioner('store_names');
const names = ['2024', 'true', 'null', '1e3'];

it('installs stores named 2024, true, null and 1e3 as those strings, to Running, and deletes them', async () => {
  const api = provisioner().api;
  for (const name of names) {
    const created = await api.call('POST', '/stores', {
      body: { name, engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status, name).toBe(202);
  }
  const tools = await resolveTools();
  for (const name of names) {
    const running = await api.waitForStatus(name, 'running');
    expect(running.name).toBe(name);
    expect(running.urls.storefront).toBe(`https://${name}.127.0.0.1.nip.io/`);
    // What the release was given, as Helm stored it: the name as a string, not 2024, true, null or 1000.
    const { stdout } = await run(
      tools.helm,
      ['get', 'values', `store-${name}`, '-n', `store-${name}`, '-o', 'json'],
      { env: { ...process.env, KUBECONFIG: inject('kubeconfig') } },
    );
    expect((JSON.parse(stdout) as { store: { name: unknown } }).store.name, name).toBe(name);
  }
  for (const name of names) expect((await api.call('DELETE', `/stores/${name}`)).status, name).toBe(202);
  for (const name of names) await api.waitForGone(name);
});
