/**
 * The dashboard in headless Chromium against the real provisioner (serving the production build), PostgreSQL and
 * the local control plane: what an operator, a viewer and someone facing a failure see and do.
 */
import { storeSchema } from '@store-platform/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  createDatabase,
  failingJobsValues,
  startProvisioner,
  type ProvisionerProcess,
} from '../../../apps/provisioner/test/provisioner-process.js';
import { screenshot, watchConsole } from './browser.js';
import {
  dashboardDist,
  expectAccessible,
  signIn,
  startServedDashboard,
  statusBadge,
} from './served-dashboard.js';

let provisioner: ProvisionerProcess;
let browser: Browser;

beforeAll(async () => {
  ({ provisioner, browser } = await startServedDashboard('dashboard'));
  const viewer = await provisioner.api.call('POST', '/auth/users', {
    body: { username: 'vera', password: 'viewer-password-1', role: 'viewer' },
  });
  expect(viewer.status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
  await provisioner?.stop();
});

async function newPage(baseUrl: string) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return { page, consoleErrors: watchConsole(page) };
}

const badge = statusBadge;
const row = (page: Page, store: string) => page.locator(`tr[data-store="${store}"]`);

describe('dashboard in Chromium', () => {
  it('is served with a strict Content-Security-Policy, no referrer and no framing', async () => {
    for (const page of ['/', '/stores/foo', '/favicon.svg']) {
      const response = await fetch(`${provisioner.url}${page}`, { headers: { accept: 'text/html' } });
      expect(response.status, page).toBe(200);
      expect(response.headers.get('content-security-policy'), page).toBe(
        "default-src 'self';style-src-elem 'self' 'unsafe-inline';frame-ancestors 'none';object-src 'none';base-uri 'none'",
      );
      expect(response.headers.get('x-content-type-options'), page).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), page).toBe('DENY');
      expect(response.headers.get('referrer-policy'), page).toBe('no-referrer');
    }
    // The pages below run under it: any inline script or style it refused would be a console error there.
  });

  it('lets an operator create a store, watch it come up live, find it, open it and delete it', async () => {
    const { page, consoleErrors } = await newPage(provisioner.url);
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'the sign-in page');
    await screenshot(page, '1-sign-in');
    await signIn(page, 'admin', provisioner.adminPassword);
    // The session survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Stores', level: 1 }).waitFor();
    // Set once: still there at the end means nothing below needed a reload.
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));

    await page.getByText('No stores yet').waitFor();
    await page.getByRole('link', { name: 'Create your first store' }).click();
    await page.getByRole('heading', { name: 'Choose an engine' }).waitFor();
    // MedusaJS is shown, Coming Soon, and cannot be chosen: WooCommerce stays chosen.
    expect(await page.getByLabel(/MedusaJS/).isDisabled()).toBe(true);
    await page.getByLabel(/MedusaJS/).click({ force: true });
    expect(await page.getByLabel(/MedusaJS/).isChecked()).toBe(false);
    expect(await page.getByLabel(/WooCommerce/).isChecked()).toBe(true);
    await expectAccessible(page, 'the wizard, engine step');
    await screenshot(page, '2-create-engine');
    await page.getByLabel(/WooCommerce/).check();
    await page.getByRole('button', { name: 'Next' }).click();
    // Capitals and other characters become what a name may hold; what is still wrong is said.
    await page.getByLabel('Store name').fill('Bad_Name');
    expect(await page.getByLabel('Store name').inputValue()).toBe('bad-name');
    await page.getByLabel('Store name').fill('ab');
    await page.getByText('must be 3 to 40 characters long').waitFor();
    await page.getByLabel('Store name').fill('e2e-shop');
    await page.getByLabel(/Basic/).check();
    await expectAccessible(page, 'the wizard, name and plan step');
    await screenshot(page, '3-create-name-plan');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Review and create' }).waitFor();
    await page.getByRole('button', { name: 'Create store' }).click();

    // The new store's page, then the list: Provisioning, then Running, with no reload.
    await page.waitForURL('**/stores/e2e-shop');
    await badge(page, 'Provisioning').waitFor();
    await page.getByRole('list', { name: 'Steps' }).waitFor();
    await page.getByRole('link', { name: 'Stores', exact: true }).click();
    await badge(row(page, 'e2e-shop'), 'Provisioning').waitFor();
    const shownAt = await page.waitForFunction(
      () =>
        document.querySelector('tr[data-store="e2e-shop"] .status-badge[data-status="running"]')
          ? Date.now()
          : 0,
      undefined,
      { polling: 'raf', timeout: 120_000 },
    );
    const running = storeSchema.parse((await provisioner.api.call('GET', '/stores/e2e-shop')).body);
    const lagMs = Number(await shownAt.jsonValue()) - new Date(running.operation?.finishedAt ?? 0).getTime();
    console.log(`Running reached the screen ${lagMs} ms after the provisioner recorded it`);
    expect(lagMs).toBeLessThan(1000);
    // Health is observed by the worker's next check (every few seconds here), not derived from Running.
    await expect
      .poll(() => row(page, 'e2e-shop').textContent(), { timeout: 30_000 })
      .toContain('Health: ✓ Healthy');
    await expectAccessible(page, 'the store list');
    await screenshot(page, '4-store-list');
    // On a phone the page fits the screen's width (the table scrolls inside its box, optional columns hide).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, '4-store-list-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Search, filters and their empty result.
    const search = page.getByLabel('Search by name');
    await search.fill('e2e');
    await row(page, 'e2e-shop').waitFor();
    await search.fill('no-such');
    await page.getByText('No store matches these filters.').waitFor();
    await search.fill('');
    await page.getByLabel('Status', { exact: true }).selectOption('running');
    await row(page, 'e2e-shop').waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('failed');
    await page.getByText('No store matches these filters.').waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByLabel('Engine').selectOption('medusa');
    await page.getByText('No store matches these filters.').waitFor();
    await page.getByLabel('Engine').selectOption('woocommerce');
    await row(page, 'e2e-shop').waitFor();

    // Details: steps with times, addresses, credentials on request, history.
    await page.getByRole('link', { name: 'e2e-shop', exact: true }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const steps = page.getByRole('list', { name: 'Steps' }).getByRole('listitem');
    expect(await steps.count()).toBe(6);
    expect(await steps.first().textContent()).toMatch(/Pre-flight.*\d+\.\d s/);
    await page.getByRole('link', { name: 'https://e2e-shop.127.0.0.1.nip.io/wp-admin/' }).waitFor();
    await page.getByRole('button', { name: 'Reveal admin credentials' }).click();
    const password = await page.getByTestId('admin-password').textContent();
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    const history = page.getByRole('table', { name: 'Activity' });
    await expect.poll(() => history.textContent()).toContain('Revealed credentials');
    expect(await history.textContent()).toContain('Created store');
    await expectAccessible(page, 'the store details');
    await screenshot(page, '5-store-details');

    // Delete: the name must be typed; the store shows Deleting, then leaves the list.
    await page.getByRole('button', { name: 'Delete store' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete e2e-shop?' });
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Delete' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'the delete dialog');
    await screenshot(page, '6-delete-dialog');
    await dialog.getByLabel("Type the store's name to confirm").fill('e2e-shop');
    const deleteClicked = Date.now();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL(/\/$/);
    await badge(row(page, 'e2e-shop'), 'Deleting').waitFor();
    await row(page, 'e2e-shop').waitFor({ state: 'detached', timeout: 120_000 });
    console.log(`e2e-shop left the list ${((Date.now() - deleteClicked) / 1000).toFixed(1)} s after Delete`);
    await page.getByText('No stores yet').waitFor();

    // The activity log, filtered by action.
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByLabel('Action').selectOption('delete');
    const log = page.getByRole('table', { name: 'Activity' });
    await expect.poll(() => log.getByRole('row').count()).toBe(3); // header, accepted, succeeded
    expect(await log.textContent()).not.toContain('Created store');
    await expectAccessible(page, 'the activity log');
    await screenshot(page, '7-activity');

    expect(await page.evaluate(() => 'loadedOnce' in window)).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it('shows a viewer the stores but no way to create, delete or see credentials', async () => {
    expect(
      (
        await provisioner.api.call('POST', '/stores', {
          body: { name: 'look-only', engine: 'woocommerce', plan: 'basic' },
        })
      ).status,
    ).toBe(202);
    await provisioner.api.waitForStatus('look-only', 'running');
    const { page, consoleErrors } = await newPage(provisioner.url);
    await signIn(page, 'vera', 'viewer-password-1');
    await badge(row(page, 'look-only'), 'Running').waitFor();
    expect(await page.getByRole('link', { name: 'Create store' }).count()).toBe(0);
    await page.getByRole('link', { name: 'look-only', exact: true }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    for (const action of ['Delete store', 'Retry', 'Reveal admin credentials']) {
      expect(await page.getByRole('button', { name: action }).count(), action).toBe(0);
    }
    // Typing the wizard's address leads back to the list.
    await page.goto('/stores/new');
    await page.getByRole('heading', { name: 'Stores', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Choose an engine' }).count()).toBe(0);
    // Signing out ends the session: a reload shows the sign-in page again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(consoleErrors).toEqual([]);
    expect((await provisioner.api.call('DELETE', '/stores/look-only')).status).toBe(202);
    await provisioner.api.waitForGone('look-only');
  });

  it('explains a failed store with its evidence, and a Retry brings it up', async () => {
    const databaseUrl = await createDatabase(inject('databaseUrl'), 'dashboard_failure');
    // Every hook Job pod of this provisioner's stores fails.
    const values = await failingJobsValues('dashboard-failing');
    const failing = await startProvisioner({
      DATABASE_URL: databaseUrl,
      DASHBOARD_DIR: dashboardDist,
      STORE_VALUES_FILES: values,
    });
    try {
      const { page, consoleErrors } = await newPage(failing.url);
      await signIn(page, 'admin', failing.adminPassword);
      await failing.api.call('POST', '/stores', {
        body: { name: 'ill-fated', engine: 'woocommerce', plan: 'basic' },
      });
      await page.getByRole('link', { name: 'ill-fated', exact: true }).click();
      await badge(page, 'Failed').waitFor({ timeout: 170_000 });
      const reason = page.getByRole('alert').filter({ hasText: 'failed' });
      // The cause first (the setup Job that failed), the step's words second.
      const [headline, message] = await reason.locator('p').allTextContents();
      expect(headline).toMatch(/^Setup job failed: /);
      expect(message).toMatch(/^Install store \(Helm\) failed/);
      expect(await reason.textContent()).toContain('Install store (Helm) failed');
      expect(await reason.textContent()).toContain('Everything created for the store was removed');
      expect(await page.getByLabel('Evidence').textContent()).toMatch(/BackoffLimitExceeded|failed|Error/);
      expect(await page.getByRole('button', { name: 'Retry', exact: true }).isEnabled()).toBe(true);
      // The history hears of the outcome too (it is logged after the store changed).
      const history = page.getByRole('table', { name: 'Activity' });
      await expect.poll(() => history.textContent()).toMatch(/Created store\s*Failed/);
      await expectAccessible(page, 'a failed store');
      await screenshot(page, '8-store-failed');
      expect(consoleErrors).toEqual([]);
    } finally {
      await failing.stop();
    }

    // The cause is fixed (no more failing Jobs); the same records, a provisioner without the failure.
    const fixed = await startProvisioner({
      DATABASE_URL: databaseUrl,
      DASHBOARD_DIR: dashboardDist,
      PLATFORM_ADMIN_PASSWORD: failing.adminPassword,
    });
    try {
      const { page, consoleErrors } = await newPage(fixed.url);
      await signIn(page, 'admin', failing.adminPassword);
      await page.getByRole('link', { name: 'ill-fated', exact: true }).click();
      await page.getByRole('button', { name: 'Retry', exact: true }).click();
      await badge(page, 'Provisioning').waitFor();
      await badge(page, 'Running').waitFor({ timeout: 120_000 });
      expect(await page.getByRole('heading', { name: 'Retry operation: succeeded' }).count()).toBe(1);
      expect(consoleErrors).toEqual([]);
      expect((await fixed.api.call('DELETE', '/stores/ill-fated')).status).toBe(202);
      await fixed.api.waitForGone('ill-fated');
    } finally {
      await fixed.stop();
    }
  });
});
