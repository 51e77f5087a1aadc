/**
 * A running store's second day in the dashboard, in headless Chromium against the real provisioner (serving the
 * production build, checking health every few seconds), PostgreSQL and the local control plane: an operator sees
 * the store's observed health in the list and on its page, changes its plan through the preview and a
 * confirmation, and rolls it back from its release history with the typed confirmation; a viewer sees none of it.
 */
import { storeSchema } from '@store-platform/contracts';
import { adminKube } from '@store-platform/test-cluster';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { appPod, crashLooping, writeStatus } from '../../../apps/provisioner/test/pod-status.js';
import type { ProvisionerProcess } from '../../../apps/provisioner/test/provisioner-process.js';
import { screenshot, watchConsole } from './browser.js';
import { expectAccessible, signIn, startServedDashboard, statusBadge } from './served-dashboard.js';

const store = 'day2-ui';
/** An update or rollback: helm upgrade --wait on the local control plane, plus the worker picking it up. */
const operationTimeout = 150_000;

let provisioner: ProvisionerProcess;
let browser: Browser;

beforeAll(async () => {
  ({ provisioner, browser } = await startServedDashboard('dashboard_day2'));
  const viewer = await provisioner.api.call('POST', '/auth/users', {
    body: { username: 'vic', password: 'viewer-password-2', role: 'viewer' },
  });
  expect(viewer.status).toBe(201);
  const created = await provisioner.api.call('POST', '/stores', {
    body: { name: store, engine: 'woocommerce', plan: 'basic' },
  });
  expect(created.status).toBe(202);
  await provisioner.api.waitForStatus(store, 'running');
});
afterAll(async () => {
  await browser?.close();
  await provisioner?.stop();
});

async function newPage() {
  const context = await browser.newContext({
    baseURL: provisioner.url,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  return { page, consoleErrors: watchConsole(page) };
}

const row = (page: Page, name: string) => page.locator(`tr[data-store="${name}"]`);
const overview = (page: Page) => page.getByRole('region', { name: 'Overview' });
/** The store's page, opened from the list. */
async function openStore(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Stores', exact: true }).click();
  await page.getByRole('link', { name: store, exact: true }).click();
  await overview(page).waitFor();
}
/** Waits until the store's page shows the operation of `kind` succeeded and the store Running on `plan`. */
async function waitForOperation(page: Page, kind: 'Update' | 'Rollback', plan: string): Promise<void> {
  await page
    .getByRole('heading', { name: `${kind} operation: succeeded` })
    .waitFor({ timeout: operationTimeout });
  await statusBadge(page, 'Running').waitFor();
  await expect.poll(() => overview(page).textContent()).toContain(`WooCommerce, ${plan}`);
}
const text = async (locator: Locator) => (await locator.textContent()) ?? '';

describe('a running store, day two, in Chromium', () => {
  it('shows its health, updates its plan through the preview, and rolls it back from History', async () => {
    const { page, consoleErrors } = await newPage();
    await signIn(page, 'admin', provisioner.adminPassword);

    // Health, observed by the worker (a check every few seconds here): in the list, then on the store's page.
    await expect.poll(() => text(row(page, store)), { timeout: 30_000 }).toContain('Health: ✓ Healthy');
    await page.getByRole('link', { name: store, exact: true }).click();
    const health = page.getByRole('region', { name: 'Health' });
    await health.waitFor();
    expect(await page.title()).toBe(`${store} · Stores · Store Platform`);
    expect(await text(health)).toContain('Healthy');
    expect(await text(health)).toMatch(/last checked .+ · /);
    expect(await text(health)).toContain('Nothing needs attention.');
    await health.getByRole('button', { name: 'Repair', exact: true }).waitFor();
    await expectAccessible(page, 'the store page with its health');
    await screenshot(page, '10-store-health');

    // Its app pod crash-loops: the page turns Down by itself (the event stream), with the reason and the change in
    // its history; the list says it too. Then it recovers.
    const { core } = adminKube(inject('kubeconfig'));
    const pod = await appPod(core, store);
    const serving = pod.status ?? {};
    await writeStatus(core, pod, crashLooping(serving));
    await expect.poll(() => text(health), { timeout: 30_000 }).toContain('Down');
    expect(await text(health)).toContain('app_not_ready');
    expect(await text(health)).toContain('CrashLoopBackOff');
    await expect.poll(() => text(health), { timeout: 10_000 }).toMatch(/healthy -> down: app_not_ready/);
    await expectAccessible(page, 'the store page of a store that is down');
    await screenshot(page, '10b-store-down');
    await page.getByRole('link', { name: 'Stores', exact: true }).click();
    await expect.poll(() => text(row(page, store))).toContain('Health: ✗ Down');
    expect(await text(row(page, store))).toContain('CrashLoopBackOff');
    await writeStatus(core, await appPod(core, store), serving);
    await expect.poll(() => text(row(page, store)), { timeout: 30_000 }).toContain('Health: ✓ Healthy');
    await page.getByRole('link', { name: store, exact: true }).click();
    await health.waitFor();

    // Edit: Standard with one app replica (more would need shared storage for uploads), previewed first.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: `Edit ${store}`, level: 1 }).waitFor();
    await page.getByLabel(/Standard/).check();
    await page.getByLabel('App replicas', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    const values = page.getByRole('table', { name: 'Values that change' });
    await values.waitFor();
    const plan = values
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Plan', exact: true }) });
    expect(await text(plan)).toMatch(/Basic.*Standard/);
    // The plan's quota changes; its manifest's diff opens on a click, its lines marked + and - in text.
    const quota = page.locator('details.manifest').filter({ hasText: 'ResourceQuota' });
    expect(await quota.count()).toBeGreaterThan(0);
    await quota.first().locator('summary').click();
    expect(await quota.first().locator('ins').count()).toBeGreaterThan(0);
    expect(await text(quota.first().locator('ins').first())).toMatch(/^\+/);
    await expectAccessible(page, 'the edit page with its preview');
    await screenshot(page, '11-edit-preview');
    await page.getByRole('button', { name: 'Apply' }).click();
    const confirm = page.getByRole('dialog', { name: `Apply these changes to ${store}?` });
    await confirm.waitFor();
    await expectAccessible(page, 'the apply confirmation');
    await confirm.getByRole('button', { name: 'Apply' }).click();

    // The store's page follows the update's steps until it is done.
    await page.waitForURL(`**/stores/${store}`);
    await waitForOperation(page, 'Update', 'Standard');
    const updated = storeSchema.parse((await provisioner.api.call('GET', `/stores/${store}`)).body);
    expect(updated.plan).toBe('standard');
    expect(updated.settings.replicas).toBe(1);
    await screenshot(page, '12-store-updated');

    // History: the update is the current revision; rolling back to the install needs the store's name typed.
    await page.getByRole('link', { name: 'Release history' }).click();
    const revisions = page.getByRole('table', { name: 'Revisions' });
    await revisions.waitFor();
    const current = revisions.locator('tr[data-revision="2"]');
    await expect.poll(() => text(current)).toContain('(current)');
    expect(await text(current)).toContain('admin');
    expect(await text(current)).toMatch(/Plan: Basic → Standard/);
    expect(await current.getByRole('button').count()).toBe(0);
    await expectAccessible(page, 'the release history');
    await screenshot(page, '13-release-history');
    await revisions
      .locator('tr[data-revision="1"]')
      .getByRole('button', { name: 'Roll back to revision 1' })
      .click();
    const rollback = page.getByRole('dialog', { name: `Roll back ${store} to revision 1?` });
    await rollback.waitFor();
    const rollBack = rollback.getByRole('button', { name: 'Roll back' });
    expect(await rollBack.isDisabled()).toBe(true);
    await rollback.getByLabel("Type the store's name to confirm").fill(store.slice(0, -1));
    expect(await rollBack.isDisabled()).toBe(true);
    await rollback.getByLabel("Type the store's name to confirm").fill(store);
    await expectAccessible(page, 'the rollback confirmation');
    await screenshot(page, '14-rollback-dialog');
    await rollBack.click();

    await page.waitForURL(`**/stores/${store}`);
    await waitForOperation(page, 'Rollback', 'Basic');
    const rolledBack = storeSchema.parse((await provisioner.api.call('GET', `/stores/${store}`)).body);
    expect(rolledBack.plan).toBe('basic');
    // The store's activity has both, with who did them.
    const activity = page.getByRole('table', { name: 'Activity' });
    await expect.poll(() => text(activity)).toContain('Rolled back store');
    expect(await text(activity)).toContain('Updated store');
    expect(consoleErrors).toEqual([]);
  });

  it('moves relative times on by themselves, every 30 s, with the exact time beside them (a fake clock)', async () => {
    const { page, consoleErrors } = await newPage();
    const created = storeSchema.parse((await provisioner.api.call('GET', `/stores/${store}`)).body).createdAt;
    // The page's clock starts two minutes after the store was made and then runs on its own; the server's is real.
    await page.clock.install({ time: Date.parse(created) + 120_000 });
    await signIn(page, 'admin', provisioner.adminPassword);
    const createdCell = row(page, store).locator('time');
    await expect.poll(() => text(createdCell)).toMatch(/^2 minutes ago · \d{1,2}:\d{2}/);
    const exact = (await text(createdCell)).split(' · ')[1];
    // Three minutes pass with nothing else to redraw the page: the shared 30 s timer moves the time on.
    await page.clock.fastForward(180_000);
    await expect.poll(() => text(createdCell)).toBe(`5 minutes ago · ${exact}`);
    expect(consoleErrors).toEqual([]);
  });

  it('shows a viewer the health and the history, but no Edit, Repair or Rollback', async () => {
    const { page, consoleErrors } = await newPage();
    await signIn(page, 'vic', 'viewer-password-2');
    await openStore(page);
    await page.getByRole('region', { name: 'Health' }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Repair' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Release history' }).click();
    await page.getByRole('table', { name: 'Revisions' }).waitFor();
    expect(await page.getByRole('button', { name: /Roll back/ }).count()).toBe(0);
    // Typing the edit page's address leads back to the store's page.
    await page.goto(`/stores/${store}/edit`);
    await overview(page).waitFor();
    expect(await page.getByRole('button', { name: 'Preview changes' }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect((await provisioner.api.call('DELETE', `/stores/${store}`)).status).toBe(202);
    await provisioner.api.waitForGone(store);
  });
});
