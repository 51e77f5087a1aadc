/**
 * Issue 14's wizard, store page and activity log in headless Chromium against the real provisioner (serving the
 * production build, at most 3 stores a user), PostgreSQL and the local control plane: a typed name made valid and
 * previewed, the quota on the first step, MedusaJS unselectable, each step in the address (browser Back keeps the
 * input); copy buttons read back from the real clipboard, links off until Running, the danger zone; activity
 * filters matching any part of a name whatever its case, with readable actions, a total and Clear filters. Each
 * state is checked with axe at 1280 and 390 px.
 */
import { storeSchema } from '@store-platform/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  createDatabase,
  startProvisioner,
  type ProvisionerProcess,
} from '../../../apps/provisioner/test/provisioner-process.js';
import { launchBrowser, watchConsole } from './browser.js';
import {
  dashboardDist,
  expectAccessibleAtBothWidths,
  requireDashboardBuild,
  signIn,
  statusBadge,
} from './served-dashboard.js';

let provisioner: ProvisionerProcess;
let browser: Browser;
let context: BrowserContext;
const baseDomain = '127.0.0.1.nip.io';

beforeAll(async () => {
  requireDashboardBuild();
  const databaseUrl = await createDatabase(inject('databaseUrl'), 'dashboard_pages');
  [provisioner, browser] = await Promise.all([
    startProvisioner({ DATABASE_URL: databaseUrl, DASHBOARD_DIR: dashboardDist, MAX_STORES_PER_USER: '3' }),
    launchBrowser(),
  ]);
  // A store that is Running by the time its page is opened.
  const created = await provisioner.api.call('POST', '/stores', {
    body: { name: 'acme-shop', engine: 'woocommerce', plan: 'basic' },
  });
  expect(created.status).toBe(202);
  // The clipboard, as a user who allowed it: copy buttons are read back from it.
  context = await browser.newContext({
    baseURL: provisioner.url,
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
});
afterAll(async () => {
  await browser?.close();
  await provisioner?.stop();
});

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe('wizard, store page and activity in Chromium', () => {
  it('creates "demo shop" as demo-shop with its address previewed; Back keeps the input', async () => {
    const page = await context.newPage();
    const consoleErrors = watchConsole(page);
    await signIn(page, 'admin', provisioner.adminPassword);
    await page.goto('/stores/new');
    await page.getByRole('heading', { name: 'Choose an engine' }).waitFor();
    // The quota in plain words, before anything is typed.
    expect(await page.getByTestId('quota').textContent()).toBe('1 of 3 stores used.');
    // MedusaJS is there, Coming Soon, and cannot be chosen.
    const medusa = page.getByLabel(/MedusaJS/);
    expect(await medusa.isDisabled()).toBe(true);
    expect(await page.locator('label', { has: medusa }).textContent()).toContain('Coming Soon');
    await medusa.click({ force: true });
    expect(await medusa.isChecked()).toBe(false);
    expect(await page.getByLabel(/WooCommerce/).isChecked()).toBe(true);
    await expectAccessibleAtBothWidths(page, 'the wizard, engine step with the quota', 'wizard-engine');

    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL('**/stores/new?step=plan');
    const name = page.getByLabel('Store name');
    await name.pressSequentially('demo shop');
    expect(await name.inputValue()).toBe('demo-shop');
    expect(await page.getByTestId('name-preview').textContent()).toBe(
      `Its address: https://demo-shop.${baseDomain}`,
    );
    await page.getByLabel(/Standard/).check();
    await expectAccessibleAtBothWidths(page, 'the wizard, name step with the preview', 'wizard-name-preview');

    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL('**/stores/new?step=review');
    // The browser's Back: the previous step, as it was left.
    await page.goBack();
    await page.getByRole('heading', { name: 'Name and plan' }).waitFor();
    expect(await name.inputValue()).toBe('demo-shop');
    expect(await page.getByLabel(/Standard/).isChecked()).toBe(true);
    await page.goBack();
    await page.getByRole('heading', { name: 'Choose an engine' }).waitFor();
    await page.goForward();
    await page.goForward();
    await page.getByRole('heading', { name: 'Review and create' }).waitFor();
    await page.getByRole('button', { name: 'Copy as curl to create this store' }).click();
    await expect.poll(() => clipboard(page)).toContain(`curl -X POST '${provisioner.url}/api/v1/stores'`);
    expect(await clipboard(page)).toContain(
      `--data '{"name":"demo-shop","engine":"woocommerce","plan":"standard"}'`,
    );
    await page.getByRole('button', { name: 'Copied to create this store' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'the wizard, review step', 'wizard-review');
    await page.getByRole('button', { name: 'Create store' }).click();
    await page.waitForURL('**/stores/demo-shop');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('copies addresses, namespace and password; links only while Running; Delete in the danger zone', async () => {
    const page = await context.newPage();
    const consoleErrors = watchConsole(page);
    // A store still provisioning: its addresses are not links yet, and there is no Open admin.
    const provisioning = storeSchema.parse((await provisioner.api.call('GET', '/stores/demo-shop')).body);
    await page.goto('/stores/demo-shop');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    // Seconds after its create: provisioning takes far longer on the local control plane.
    expect(provisioning.status).toBe('provisioning');
    await statusBadge(page, 'Provisioning').waitFor();
    const overview = page.getByRole('region', { name: 'Overview' });
    expect(await overview.getByRole('link').count()).toBe(0);
    expect(await overview.textContent()).toContain('(not a link until the store is running)');
    expect(await page.getByRole('link', { name: 'Open admin' }).count()).toBe(0);
    await expectAccessibleAtBothWidths(page, 'a provisioning store, links off', 'store-links-off');
    await page.getByRole('button', { name: 'Copy storefront URL' }).click();
    await page.getByRole('button', { name: 'Copied storefront URL' }).waitFor();
    expect(await clipboard(page)).toBe(provisioning.urls.storefront);

    // A running store: Open admin first, live links, copy buttons, credentials, the danger zone last.
    const running = await provisioner.api.waitForStatus('acme-shop', 'running');
    await page.goto('/stores/acme-shop');
    await statusBadge(page, 'Running').waitFor();
    const openAdmin = page.getByRole('link', { name: 'Open admin' });
    expect(await openAdmin.getAttribute('href')).toBe(running.urls.admin);
    expect(await openAdmin.getAttribute('class')).toContain('button-primary');
    await page
      .getByRole('region', { name: 'Overview' })
      .getByRole('link', { name: running.urls.storefront, exact: true })
      .waitFor();
    for (const [what, value] of [
      ['admin URL', running.urls.admin],
      ['namespace', running.namespace],
    ] as const) {
      await page.getByRole('button', { name: `Copy ${what}` }).click();
      await page.getByRole('button', { name: `Copied ${what}` }).waitFor();
      expect(await clipboard(page)).toBe(value);
    }
    await page.getByRole('button', { name: 'Reveal admin credentials' }).click();
    const password = (await page.getByTestId('admin-password').textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(await page.getByTestId('reveal-countdown').textContent()).toMatch(
      /^Hidden again in (60|59|58) s\.$/,
    );
    await page.getByRole('button', { name: 'Copy admin password' }).click();
    await expect.poll(() => clipboard(page)).toBe(password);

    const danger = page.getByRole('region', { name: 'Danger zone' });
    await danger.getByRole('button', { name: 'Delete store' }).waitFor();
    expect(
      await page.evaluate(() =>
        Array.from(document.querySelectorAll('section')).at(-1)?.getAttribute('aria-labelledby'),
      ),
    ).toBe('danger-title');
    await danger.getByRole('button', { name: 'Copy as curl to delete this store' }).click();
    await expect
      .poll(() => clipboard(page))
      .toContain(`curl -X DELETE '${provisioner.url}/api/v1/stores/acme-shop'`);
    await expectAccessibleAtBothWidths(
      page,
      'a running store with copy buttons and the danger zone',
      'store-page',
    );
    await page.getByRole('button', { name: 'Hide now' }).click();
    // The query library tells the page of the reset a moment after the click: waited for, not counted at once.
    await page.getByTestId('admin-password').waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('filters the activity by any part of a store or user name, in words, with a total and Clear filters', async () => {
    // Every store settled first: a create that finishes meanwhile would add an entry to the log being counted.
    await provisioner.api.waitForStatus('demo-shop', 'running');
    const page = await context.newPage();
    const consoleErrors = watchConsole(page);
    await page.goto('/activity');
    const log = page.getByRole('table', { name: 'Activity' });
    await log.waitFor();
    const total = page.getByTestId('activity-total');
    const everything = Number((await total.textContent())?.split(' ')[0]);
    await page.getByLabel('Store').fill('ACME');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?store=ACME');
    await expect
      .poll(async () => [...new Set(await log.locator('[data-label="Store"]').allTextContents())])
      .toEqual(['acme-shop']);
    await page.getByLabel('User').fill('DMI');
    await expect.poll(() => total.textContent()).toMatch(/^\d+ entries$/);
    const actions = await log.locator('[data-label="Action"]').allTextContents();
    expect(actions).toContain('Created store');
    expect(actions).toContain('Revealed credentials');
    expect(actions.join(' ')).not.toContain('reveal-credentials');
    const filtered = Number((await total.textContent())?.split(' ')[0]);
    expect(filtered).toBeLessThan(everything);
    expect(await log.getByRole('link', { name: 'acme-shop' }).first().getAttribute('href')).toBe(
      '/stores/acme-shop',
    );
    await expectAccessibleAtBothWidths(page, 'the activity log, filtered', 'activity-filtered');
    // On a phone, each entry's result is on screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const result = await log.locator('[data-label="Result"]').first().boundingBox();
    expect(result && result.x + result.width).toBeLessThanOrEqual(390);
    expect(await log.locator('[data-label="Result"]').first().isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByLabel('Store').inputValue()).toBe('');
    await expect.poll(() => total.textContent()).toBe(`${everything} entries`);
    expect(await page.getByRole('button', { name: 'Clear filters' }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
