/**
 * Store creation from a description (issue 17) in headless Chromium, against the real provisioner serving the
 * production build, PostgreSQL, the local control plane and a scripted OpenAI-compatible model over real HTTP:
 * describe the shop, edit the proposal (a price made wrong and put right, a product removed), confirm, and watch
 * the store become Running with its title and the edited catalog as the store chart's values.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { resolveTools } from '@store-platform/test-cluster';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  createDatabase,
  startProvisioner,
  type ProvisionerProcess,
} from '../../../apps/provisioner/test/provisioner-process.js';
import { bakeryAnswer, startScriptedModel } from '../../../apps/provisioner/test/scripted-model-server.js';
import { launchBrowser, screenshot, watchConsole } from './browser.js';
import {
  dashboardDist,
  expectAccessibleAtBothWidths,
  requireDashboardBuild,
  signIn,
  statusBadge,
} from './served-dashboard.js';

const run = promisify(execFile);
let provisioner: ProvisionerProcess;
let browser: Browser;
let model: Awaited<ReturnType<typeof startScriptedModel>>;

beforeAll(async () => {
  requireDashboardBuild();
  model = await startScriptedModel();
  const databaseUrl = await createDatabase(inject('databaseUrl'), 'dashboard_describe_store');
  [provisioner, browser] = await Promise.all([
    startProvisioner({
      DATABASE_URL: databaseUrl,
      DASHBOARD_DIR: dashboardDist,
      ASSISTANT_BASE_URL: model.baseUrl,
      ASSISTANT_MODEL: 'scripted-model',
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await provisioner?.stop();
  await model?.close();
});

// The model's title lacks the city: the person adds it.
const proposal = { ...bakeryAnswer, name: 'sweet-crumbs', title: 'Sweet Crumbs' };

describe('Describe your store, in Chromium', () => {
  it('describes a shop, edits the proposal, confirms it, and the store becomes Running with that catalog', async () => {
    model.script({ answer: 'content', content: JSON.stringify(proposal) });
    const context = await browser.newContext({
      baseURL: provisioner.url,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const consoleErrors = watchConsole(page);
    await signIn(page, 'admin', provisioner.adminPassword);
    await page.getByRole('link', { name: 'Create store', exact: true }).click();
    await page.getByRole('link', { name: 'Describe your store' }).click();
    await page
      .getByLabel('Describe your store')
      .fill('A bakery in Pune called Sweet Crumbs, small to start, with three cakes and cash on delivery');
    await expectAccessibleAtBothWidths(page, 'the describe step');
    await page.getByRole('button', { name: 'Propose a store' }).click();

    // The proposal, to edit: nothing is created yet.
    await page.getByRole('heading', { name: 'Review the proposal' }).waitFor();
    expect(await page.getByLabel('Store name').inputValue()).toBe('sweet-crumbs');
    expect(await page.getByLabel('Product 2 price').inputValue()).toBe('700.50');
    expect((await provisioner.api.call('GET', '/stores')).body.items).toEqual([]);
    await page.getByLabel('Store title').fill('Sweet Crumbs, Pune');
    await page.getByLabel('Product 1 price').fill('$5');
    expect(await page.getByRole('button', { name: 'Create store' }).isDisabled()).toBe(true);
    await page.getByLabel('Product 1 price').fill('675');
    await page.getByRole('button', { name: 'Remove product 3' }).click();
    await expectAccessibleAtBothWidths(page, 'the proposal to review');
    await screenshot(page, 'issue17-proposal');
    await page.getByRole('button', { name: 'Create store' }).click();

    // The store's page follows it to Running.
    await page.waitForURL('**/stores/sweet-crumbs');
    await statusBadge(page, 'Running').first().waitFor({ timeout: 150_000 });
    await screenshot(page, 'issue17-running');
    const { stdout } = await run(
      (await resolveTools()).helm,
      ['get', 'values', 'store-sweet-crumbs', '-n', 'store-sweet-crumbs', '-o', 'json'],
      { env: { ...process.env, KUBECONFIG: inject('kubeconfig') } },
    );
    const values = JSON.parse(stdout) as { store: { title: string }; catalog: { products: unknown[] } };
    expect(values.store.title).toBe('Sweet Crumbs, Pune');
    expect(values.catalog.products).toEqual([
      { ...proposal.products[0], price: '675' },
      proposal.products[1],
    ]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
