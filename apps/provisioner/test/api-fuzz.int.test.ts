/**
 * The API fuzz (docs/decisions/014-api-fuzzing.md): schemathesis runs every operation of /api/v1/openapi.json
 * against a real provisioner, once as an operator and once with no credentials, with a fixed seed and budget. No
 * answer may be a 5xx or break the document (status, schema, content type, headers, 405 with Allow), and the stores
 * the run made must be what the API lists and leave no namespace or Helm release behind once deleted. The names YAML
 * reads as something else (test/fuzz/api-fuzz-hooks.py sends them) come back as the strings they are.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { adminKube, resolveTools, toolsBinDir, waitFor } from '@store-platform/test-cluster';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';

import { apiClient } from './api-client.js';
import { useProvisioner } from './provisioner-process.js';
import { fuzzAnswers, fuzzFailures } from './api-fuzz-report.js';
import { startScriptedModel } from './scripted-model-server.js';

const run = promisify(execFile);
/** Kept in step with REGRESSION_NAMES of the hooks. */
const regressionNames = ['2026', 'false', 'yes', '1e5'];
/** The run's stores: the regression names and the names the hooks prefix with `fz`. */
const madeByFuzz = (name: string) => name.startsWith('fz') || regressionNames.includes(name);

// The assistant's model: a scripted OpenAI-compatible server with a good answer, so that /assistant/plan is fuzzed
// through to its proposal (its own tests cover the bad answers). Registered before the provisioner's beforeAll,
// which reads the settings once the server's port is known.
const settings: Record<string, string> = {
  // Bounded: a handful of stores at a time, and no limiter between the fuzz and the answers it checks.
  MAX_STORES: '8',
  MAX_STORES_PER_USER: '8',
  TOKEN_MAX_TTL_DAYS: '365',
  WRITE_RATE_LIMIT_PER_MINUTE: '10000',
  LOGIN_ATTEMPTS_PER_MINUTE: '10000',
  CREDENTIAL_CREATES_PER_HOUR: '10000',
  ASSISTANT_MODEL: 'scripted-model',
  ASSISTANT_PLANS_PER_HOUR: '10000',
};
let model: Awaited<ReturnType<typeof startScriptedModel>>;
beforeAll(async () => {
  model = await startScriptedModel();
  model.script({
    answer: 'content',
    content: JSON.stringify({
      name: 'fz-bakery',
      plan: 'basic',
      title: 'Fuzz Bakery',
      products: [{ name: 'Bread', price: '3.50', description: 'Sourdough.' }],
    }),
  });
  settings.ASSISTANT_BASE_URL = model.baseUrl;
});
afterAll(async () => model?.close());
const provisioner = useProvisioner('api_fuzz', settings);

const fuzzDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fuzz');

/**
 * schemathesis's coverage phase sends an optional header's boundary values ("0", "") as valid data although the
 * document gives If-Match a pattern; the API answers such an If-Match with 400, as it should. That one report is
 * left out (its fuzzing phase keeps to the pattern and checks these routes' valid requests).
 */
const headerBoundaryQuirk = (failure: string) =>
  failure.includes('Schema-valid request rejected') &&
  failure.includes('If-Match must be the ETag of the store') &&
  !/-H 'If-Match: (W\/)?"[0-9]+"'/.test(failure);

/**
 * Runs schemathesis over the document's operations (narrowed by `filters`) with `headers`; returns the request
 * count, the failures (each with its curl reproduction) and every 5xx answer seen.
 */
async function fuzz(label: string, headers: string[], filters: string[] = []) {
  const reports = await mkdtemp(path.join(os.tmpdir(), `api-fuzz-${label}-`));
  const args = [
    '--config-file',
    path.join(fuzzDir, 'schemathesis.toml'),
    'run',
    `${provisioner().url}/api/v1/openapi.json`,
    '--checks',
    'all',
    '--max-examples',
    '8',
    '--generation-deterministic',
    '--workers',
    '1',
    '--request-timeout',
    '10',
    '--no-color',
    '--report',
    'junit,ndjson',
    '--report-junit-path',
    path.join(reports, 'junit.xml'),
    '--report-ndjson-path',
    path.join(reports, 'events.ndjson'),
    ...filters,
    ...headers.flatMap((header) => ['-H', header]),
  ];
  const result = await run(path.join(toolsBinDir(), 'schemathesis'), args, {
    env: { ...process.env, SCHEMATHESIS_HOOKS: path.join(fuzzDir, 'api-fuzz-hooks.py') },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
  }).catch((error: { stdout?: string; stderr?: string; code?: number }) => ({
    stdout: error.stdout ?? '',
    stderr: `${error.stderr ?? ''}\n(exit code ${String(error.code)})`,
  }));
  const output = `${result.stdout}\n${result.stderr}`;
  const events = await readFile(path.join(reports, 'events.ndjson'), 'utf8').catch(() => {
    throw new Error(`schemathesis (${label}) wrote no report:\n${output}`);
  });
  const { requests, serverErrors, created } = fuzzAnswers(events);
  const failures = fuzzFailures(await readFile(path.join(reports, 'junit.xml'), 'utf8'))
    .filter((failure) => !headerBoundaryQuirk(failure))
    .map((failure) => `[${label}] ${failure}`);
  console.log(
    `api fuzz (${label}): ${requests} requests, ${failures.length} failures; stores it created: ${created.join(', ') || 'none'}`,
  );
  return { requests, failures, serverErrors, output };
}

it('answers every fuzzed request as its document says, and leaves no store behind', async () => {
  const { core } = adminKube(inject('kubeconfig'));
  const admin = provisioner().api;
  const password = 'fuzz operator passphrase 16';
  const made = await admin.call('POST', '/auth/users', {
    body: { username: 'fuzz-operator', password, role: 'operator' },
  });
  expect(made.status).toBe(201);
  const token = await apiClient(provisioner().url).tokenFor('fuzz-operator', password);
  const operator = apiClient(provisioner().url, token);

  // The operator's token must outlive the run: revoking tokens (DELETE /auth/tokens/{id}, which the stateful phase
  // reaches from GET /auth/tokens) runs last, and the event stream (never ends) is fuzzed without credentials only.
  const bearer = [`Authorization: Bearer ${token}`];
  const runs = [
    await fuzz('operator', bearer, ['--exclude-path', '/stream', '--exclude-path', '/auth/tokens/{id}']),
    await fuzz('operator-revoke', bearer, ['--include-path', '/auth/tokens/{id}']),
    await fuzz('anonymous', []),
  ];
  const total = runs.reduce((sum, r) => sum + r.requests, 0);
  console.log(`api fuzz: ${total} requests in all`);
  expect(total).toBeGreaterThan(500);
  // The only 5xx the document allows: the backup routes' 503 on a platform without backup storage.
  const serverErrors = runs.flatMap((r) => r.serverErrors);
  const unexpected = serverErrors.filter((e) => !e.includes('backups_not_configured'));
  // The provisioner's log lines of those requests (by the request id the 500 names) say why.
  const ids = unexpected.map((e) => /request ([0-9a-f-]{36})/.exec(e)?.[1]).filter(Boolean) as string[];
  const log = provisioner()
    .output()
    .split('\n')
    .filter((line) => ids.some((id) => line.includes(id)));
  expect(unexpected, log.join('\n')).toEqual([]);
  const failures = runs.flatMap((r) => r.failures);
  expect(failures, failures.join('\n\n')).toEqual([]);

  // Every namespace of the run's stores belongs to a store the API lists; after their deletes none is left.
  const namespaces = async () =>
    (await core.listNamespace()).items
      .map((namespace) => namespace.metadata?.name ?? '')
      .filter((namespace) => namespace.startsWith('store-') && madeByFuzz(namespace.slice(6)));
  const deleteAll = async (names: string[]) => {
    for (const name of names) {
      const deleted = await operator.call('DELETE', `/stores/${name}`);
      expect([202, 404], `DELETE /stores/${name}: ${JSON.stringify(deleted.body)}`).toContain(deleted.status);
    }
    for (const name of names) await operator.waitForGone(name, 170_000);
    await waitFor(
      'the run namespaces to be gone',
      async () => ((await namespaces()).length ? undefined : true),
      {
        timeoutMs: 120_000,
        intervalMs: 1000,
      },
    );
  };
  const listed = await operator.call('GET', '/stores');
  const names = (listed.body.items as { name: string }[]).map((store) => store.name).filter(madeByFuzz);
  for (const namespace of await namespaces()) expect(names).toContain(namespace.slice(6));
  await deleteAll(names);

  // The names YAML would read as a number, a boolean or null: the hooks put them in the fuzz's creates, but whether
  // those get a place under MAX_STORES depends on what the fuzz made before, so they are also created outright
  // here. Each is answered, listed and run as the string it is (not 2026, false, true or 100000).
  for (const name of regressionNames) {
    const created = await operator.call('POST', '/stores', {
      body: { name, engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    expect((created.body as { name: unknown }).name).toBe(name);
  }
  // Running, or refused by the pre-flight for room: the test files running beside this one share the cluster's CPU.
  for (const name of regressionNames) {
    await waitFor(
      `store ${name} to end its create`,
      async () => {
        const { body } = await operator.call('GET', `/stores/${name}`);
        const store = body as { status: string; reason: string | null };
        if (store.status === 'running') return true;
        if (
          store.status === 'failed' &&
          /^Pre-flight checks failed: the cluster has/.test(store.reason ?? '')
        )
          return true;
        if (store.status === 'failed') throw new Error(`store ${name} failed: ${store.reason ?? ''}`);
        return undefined;
      },
      { timeoutMs: 150_000, intervalMs: 500 },
    );
  }
  const again = await operator.call('GET', '/stores');
  const listedNames = (again.body.items as { name: unknown }[]).map((store) => store.name);
  for (const name of regressionNames) expect(listedNames).toContain(name);
  await deleteAll(regressionNames);
  const tools = await resolveTools();
  const { stdout } = await run(tools.helm, ['list', '-A', '-a', '-o', 'json'], {
    env: { ...process.env, KUBECONFIG: inject('kubeconfig') },
  });
  const releases = (JSON.parse(stdout) as { name: string }[]).map((release) => release.name);
  expect(releases.filter((release) => madeByFuzz(release.replace(/^store-/, '')))).toEqual([]);
}, 600_000);
