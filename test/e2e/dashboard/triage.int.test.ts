/**
 * Triage of many stores in headless Chromium against the real provisioner (serving the production build),
 * PostgreSQL and the local control plane: stores that failed for two causes (hook Jobs that fail, a storage class
 * the cluster lacks) are counted, explained row by row, grouped in Needs attention and deleted together; toasts
 * announce a store running and the deletions; on a 390 px phone the list is cards with folded filters.
 */
import { storeSchema } from '@store-platform/contracts';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';

import {
  createDatabase,
  failingJobsValues,
  startProvisioner,
  type ProvisionerProcess,
} from '../../../apps/provisioner/test/provisioner-process.js';
import { launchBrowser, screenshot, watchConsole } from './browser.js';
import {
  dashboardDist,
  desktop,
  expectAccessible,
  expectAccessibleAtBothWidths,
  expectFitsPhone,
  phone,
  resize,
  signIn,
  statusBadge,
} from './served-dashboard.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Starts a provisioner on `databaseUrl` with `env`, stopped at the end of the file at the latest. */
async function provisionerWith(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<ProvisionerProcess> {
  const provisioner = await startProvisioner({
    DATABASE_URL: databaseUrl,
    DASHBOARD_DIR: dashboardDist,
    ...env,
  });
  cleanups.push(() => provisioner.stop());
  return provisioner;
}

/** Creates stores through the API and waits until each has failed. */
async function failStores(provisioner: ProvisionerProcess, names: string[]): Promise<void> {
  for (const name of names) {
    const created = await provisioner.api.call('POST', '/stores', {
      body: { name, engine: 'woocommerce', plan: 'basic' },
    });
    expect(created.status).toBe(202);
  }
  for (const name of names) await provisioner.api.waitForStatus(name, 'failed', 170_000);
}

const toasts = (page: Page) => page.getByRole('status').and(page.locator('.toasts'));

describe('triage of failed stores in Chromium', () => {
  it('counts, explains, groups and bulk-deletes failed stores, and toasts what finished', async () => {
    const databaseUrl = await createDatabase(inject('databaseUrl'), 'dashboard_triage');
    // Two stores whose hook Jobs fail (one try each), then one refused at pre-flight: two causes.
    const jobs = await provisionerWith(databaseUrl, {
      STORE_VALUES_FILES: await failingJobsValues('triage-failing', 0),
    });
    await failStores(jobs, ['jobs-one', 'jobs-two']);
    await jobs.stop();
    const password = jobs.adminPassword;
    const storage = await provisionerWith(databaseUrl, {
      STORAGE_CLASS: 'fast-ssd',
      PLATFORM_ADMIN_PASSWORD: password,
    });
    await failStores(storage, ['ssd-shop']);
    await storage.stop();
    const provisioner = await provisionerWith(databaseUrl, { PLATFORM_ADMIN_PASSWORD: password });
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ baseURL: provisioner.url, viewport: desktop });
    const page = await context.newPage();
    const consoleErrors = watchConsole(page);
    await signIn(page, 'admin', password);

    // A store created meanwhile: its toast says it runs, with its storefront.
    expect(
      (
        await provisioner.api.call('POST', '/stores', {
          body: { name: 'triage-live', engine: 'woocommerce', plan: 'basic' },
        })
      ).status,
    ).toBe(202);
    await toasts(page).getByText('triage-live is running').waitFor({ timeout: 120_000 });
    const live = storeSchema.parse((await provisioner.api.call('GET', '/stores/triage-live')).body);
    expect(await toasts(page).getByRole('link', { name: 'Open storefront' }).getAttribute('href')).toBe(
      live.urls.storefront,
    );
    await expectAccessibleAtBothWidths(page, 'the list with a toast');
    await screenshot(page, 'issue14-toast-running');
    // Four stores, one live region: the toasts' (a badge per row would be a chorus for a screen reader).
    const liveRegions = '[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])';
    const regions = await page
      .locator(liveRegions)
      .evaluateAll((found) =>
        found.map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent}`),
      );
    expect(regions, 'the live regions of the list').toHaveLength(1);

    // Counts by status, each a filter.
    const counts = page.getByRole('group', { name: 'Stores by status' });
    expect(await counts.textContent()).toBe('Running 1 · Failed 3');
    await counts.getByRole('button', { name: 'Failed 3' }).click();
    await expect.poll(() => page.locator('tr[data-store]').count()).toBe(3);
    expect(page.url()).toContain('status=failed');
    // Each failed row says why in a line.
    const jobRow = page.locator('tr[data-store="jobs-one"]');
    expect(await jobRow.locator('.failure-reason').getAttribute('title')).toMatch(
      /Setup job failed|Install store \(Helm\)/,
    );
    expect(await page.locator('tr[data-store="ssd-shop"] .failure-reason').textContent()).toContain(
      'fast-ssd',
    );
    await expectAccessibleAtBothWidths(page, 'the failed stores');
    await screenshot(page, 'issue14-failed-counts');

    // Needs attention: two groups, by cause.
    await page.getByRole('link', { name: 'Needs attention (3)' }).click();
    const groups = page.locator('.attention-group');
    await expect.poll(() => groups.count()).toBe(2);
    expect(await groups.nth(0).getByRole('link').allTextContents()).toEqual(['jobs-one', 'jobs-two']);
    expect(await groups.nth(0).getByRole('button', { name: 'Retry all 2' }).isEnabled()).toBe(true);
    expect(await groups.nth(1).getByRole('link').allTextContents()).toEqual(['ssd-shop']);
    await expectAccessibleAtBothWidths(page, 'Needs attention');
    await screenshot(page, 'issue14-needs-attention');

    // On a phone: cards, filters folded behind "Filters (1)".
    await page.getByRole('link', { name: 'All stores' }).click();
    await page
      .getByRole('group', { name: 'Stores by status' })
      .getByRole('button', { name: 'Failed 3' })
      .click();
    await resize(page, phone);
    const cards = page.getByRole('list', { name: 'Stores' });
    await expect.poll(() => cards.getByRole('listitem').count()).toBe(3);
    expect(await page.getByRole('table').count()).toBe(0);
    await page.getByRole('button', { name: 'Filters (1)' }).click();
    await page.getByLabel('Search by name').waitFor();
    await expectFitsPhone(page, 'the phone list with its filters open');
    await expectAccessible(page, 'the phone list with its filters open');
    await screenshot(page, 'issue14-phone-cards');
    await resize(page, desktop);

    // Bulk delete: every failed store shown, confirmed by typing "delete 3 stores".
    await page.getByRole('checkbox', { name: 'Select all shown stores' }).check();
    await page.getByRole('button', { name: 'Delete 3' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 3 stores?' });
    await dialog.getByLabel('Type "delete 3 stores" to confirm').fill('delete 3 stores');
    await expectAccessible(page, 'the bulk delete dialog at 1280 px');
    await screenshot(page, 'issue14-bulk-delete');
    // Every toast from now on, kept: one that came and went before the last deletion still counts.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { seenToasts: seen });
      new MutationObserver(() => {
        for (const p of Array.from(document.querySelectorAll('.toast p'))) {
          if (p.textContent && !seen.includes(p.textContent)) seen.push(p.textContent);
        }
      }).observe(document.querySelector('.toasts') as Node, { childList: true, subtree: true });
    });
    await dialog.getByRole('button', { name: 'Delete 3' }).click();
    // The deleted stores leave the filtered list at once (and with them the selection); the outcome stays.
    expect(await page.locator('.outcome-note p').textContent()).toBe('3 stores are being deleted.');
    const seenToasts = () => page.evaluate(() => (window as unknown as { seenToasts: string[] }).seenToasts);
    for (const name of ['jobs-one', 'jobs-two', 'ssd-shop']) {
      await expect
        .poll(async () => (await seenToasts()).find((t) => t.includes(name) && / deleted in \d+ s/.test(t)), {
          timeout: 120_000,
        })
        .toBeTruthy();
    }
    console.log(`deletion toasts: ${JSON.stringify(await seenToasts())}`);
    await page.getByRole('link', { name: 'All stores' }).click();
    expect(await page.getByRole('group', { name: 'Stores by status' }).textContent()).toBe('Running 1');
    expect(await statusBadge(page, 'Failed').count()).toBe(0);
    await expectAccessibleAtBothWidths(page, 'the list after a bulk delete');
    await screenshot(page, 'issue14-toast-deleted');
    expect(consoleErrors).toEqual([]);

    expect((await provisioner.api.call('DELETE', '/stores/triage-live')).status).toBe(202);
    await provisioner.api.waitForGone('triage-live');
  });
});
