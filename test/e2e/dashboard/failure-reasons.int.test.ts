/**
 * Failure reasons in the dashboard (issue 14, item 3), in headless Chromium against the real provisioner (serving
 * the production build), scheduler, quota, Helm and PostgreSQL: a store whose database pod no node can schedule is
 * headlined by that cause, its evidence is listed once per line, and "Retry with Basic" retries it on the smaller
 * plan, which comes up; a name a hand-made namespace holds fails the pre-flight with no evidence and offers another
 * name. Each state is checked with axe at 1280 and 390 px.
 */
import { adminKube } from '@store-platform/test-cluster';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { unschedulableOnStandard } from '../../../apps/provisioner/test/failure-values.js';
import {
  createDatabase,
  startProvisioner,
  type ProvisionerProcess,
} from '../../../apps/provisioner/test/provisioner-process.js';
import { launchBrowser, screenshot, watchConsole } from './browser.js';
import {
  dashboardDist,
  expectAccessible,
  requireDashboardBuild,
  signIn,
  statusBadge,
} from './served-dashboard.js';

const { core } = adminKube(inject('kubeconfig'));
/** Helm gives up after about a minute (70% of the operation's timeout, 60 s at least), then the cleanup. */
const failsWithin = 180_000;

let provisioner: ProvisionerProcess;
let browser: Browser;

beforeAll(async () => {
  requireDashboardBuild();
  [provisioner, browser] = await Promise.all([
    startProvisioner({
      DATABASE_URL: await createDatabase(inject('databaseUrl'), 'dashboard_failure_reasons'),
      DASHBOARD_DIR: dashboardDist,
      STORE_VALUES_FILES: await unschedulableOnStandard('dashboard-failure-reasons'),
      OPERATION_TIMEOUT_SECONDS: '100',
      UPDATE_TIMEOUT_SECONDS: '20',
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await provisioner?.stop();
});

async function newPage(width = 1280) {
  const context = await browser.newContext({
    baseURL: provisioner.url,
    viewport: width === 1280 ? { width, height: 900 } : { width, height: 844 },
  });
  const page = await context.newPage();
  return { page, consoleErrors: watchConsole(page) };
}

async function openStore(page: Page, name: string) {
  await page.goto(`/stores/${name}`);
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** The failure alert's lines: the headline, then the step's message. */
const alertLines = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'failed' }).locator('p').allTextContents();

/** The same state at phone width: axe-clean, no console error, and a screenshot. */
async function checkOnPhone(name: string, shot: string) {
  const { page, consoleErrors } = await newPage(390);
  await signIn(page, 'admin', provisioner.adminPassword);
  await openStore(page, name);
  await page.getByRole('alert').first().waitFor();
  await expectAccessible(page, `${shot} at 390 px`);
  // The failure panel fits the phone's width.
  const panel = await page.locator('.failure-panel').boundingBox();
  expect((panel?.x ?? 0) + (panel?.width ?? 1000)).toBeLessThanOrEqual(390);
  await screenshot(page, `${shot}-phone`);
  expect(consoleErrors).toEqual([]);
  await page.context().close();
}

describe('failure reasons in the dashboard', () => {
  // Two whole operations: an install that waits out Helm (about a minute), then a retry that comes up.
  it('headlines a database pod no node has CPU for, lists each line once, and Retry with Basic brings it up', async () => {
    const { page, consoleErrors } = await newPage();
    await signIn(page, 'admin', provisioner.adminPassword);
    const created = await provisioner.api.call('POST', '/stores', {
      body: { name: 'too-big', engine: 'woocommerce', plan: 'standard' },
    });
    expect(created.status).toBe(202);
    await openStore(page, 'too-big');
    await statusBadge(page, 'Failed').waitFor({ timeout: failsWithin });

    const [headline, message] = await alertLines(page);
    expect(headline).toBe('Database pod cannot be scheduled: not enough CPU');
    expect(message).toMatch(/^Install store \(Helm\) failed: .*Everything created for the store was removed/);
    const evidence = await page.getByLabel('Evidence').getByRole('listitem').allTextContents();
    expect(evidence[0]).toMatch(
      /^(Pod too-big-db-0: FailedScheduling: 0\/3 nodes are available: 3 Insufficient cpu|pod too-big-db-0 requests 9 CPU; no node has more than 8 allocatable)/,
    );
    expect(new Set(evidence).size).toBe(evidence.length);
    const steps = page.getByRole('group', { name: 'Next steps' });
    expect(await steps.getByRole('button').allTextContents()).toEqual(['Retry with Basic']);
    expect(await page.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(1);
    await expectAccessible(page, 'a store failed for lack of CPU');
    await screenshot(page, 'issue14-failure-cpu');
    await checkOnPhone('too-big', 'issue14-failure-cpu');

    await steps.getByRole('button', { name: 'Retry with Basic' }).click();
    await statusBadge(page, 'Provisioning').waitFor();
    await page.getByText('WooCommerce, Basic').waitFor();
    // Basic is not the plan the cluster lacked room for: the retry comes up.
    await statusBadge(page, 'Running').waitFor({ timeout: failsWithin });
    expect(await page.getByRole('heading', { name: 'Retry operation: succeeded' }).count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    expect((await provisioner.api.call('DELETE', '/stores/too-big')).status).toBe(202);
    await provisioner.api.waitForGone('too-big');
  }, 360_000);

  it('shows no evidence for a pre-flight failure on a taken name, and offers another name', async () => {
    // Made by hand, without the platform's labels: not the platform's, so nothing in it is read or removed.
    await core.createNamespace({ body: { metadata: { name: 'store-taken', labels: { team: 'payments' } } } });
    try {
      const { page, consoleErrors } = await newPage();
      await signIn(page, 'admin', provisioner.adminPassword);
      const created = await provisioner.api.call('POST', '/stores', {
        body: { name: 'taken', engine: 'woocommerce', plan: 'basic' },
      });
      expect(created.status).toBe(202);
      // Through the API first: a wait that times out then says the store's last state, not only the page's.
      await provisioner.api.waitForStatus('taken', 'failed', 120_000);
      await openStore(page, 'taken');
      await statusBadge(page, 'Failed').waitFor();

      const [headline, message] = await alertLines(page);
      expect(headline).toMatch(/^The name "taken" is taken: namespace store-taken is not this platform/);
      expect(message).toContain('Pre-flight checks failed');
      expect(await page.getByLabel('Evidence').count()).toBe(0);
      const another = page.getByRole('link', { name: 'Choose another name' });
      expect(await another.getAttribute('href')).toBe('/stores/new?name=taken');
      // Basic already: no smaller plan to offer.
      expect(await page.getByRole('button', { name: 'Retry with Basic' }).count()).toBe(0);
      await expectAccessible(page, 'a store whose name is taken');
      await screenshot(page, 'issue14-failure-name-taken');
      await checkOnPhone('taken', 'issue14-failure-name-taken');

      await another.click();
      await page.waitForURL(/\/stores\/new\?name=taken$/);
      expect(consoleErrors).toEqual([]);
      expect((await provisioner.api.call('DELETE', '/stores/taken')).status).toBe(202);
      await provisioner.api.waitForGone('taken');
    } finally {
      await core.deleteNamespace({ name: 'store-taken' });
    }
  });
});
