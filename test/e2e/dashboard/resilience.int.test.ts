/**
 * The dashboard when things go wrong and for keyboard users (issue 14, items 1, 8 and 12), in Debian's Chromium
 * against a real provisioner serving the production build, PostgreSQL and the local control plane: the provisioner
 * is stopped and started again on the same address and database; its stores fail (their hook Jobs' pods fail).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  createDatabase,
  failingJobsValues,
  restartProvisioner,
  startProvisioner,
  type ProvisionerProcess,
} from '../../../apps/provisioner/test/provisioner-process.js';
import { launchBrowser, screenshot, watchConsole } from './browser.js';
import {
  dashboardDist,
  expectAccessibleAtBothWidths,
  requireDashboardBuild,
  signIn,
  statusBadge,
} from './served-dashboard.js';

const store = 'fragile-shop';
let provisioner: ProvisionerProcess;
let browser: Browser;
let env: Record<string, string>;

beforeAll(async () => {
  requireDashboardBuild();
  const databaseUrl = await createDatabase(inject('databaseUrl'), 'dashboard_resilience');
  // Every store of this provisioner fails at its first hook Job, at once (no Job retries).
  const values = await failingJobsValues('dashboard-resilience', 0);
  env = { DATABASE_URL: databaseUrl, DASHBOARD_DIR: dashboardDist, STORE_VALUES_FILES: values };
  [provisioner, browser] = await Promise.all([startProvisioner(env), launchBrowser()]);
  const created = await provisioner.api.call('POST', '/stores', {
    body: { name: store, engine: 'woocommerce', plan: 'basic' },
  });
  expect(created.status).toBe(202);
});
afterAll(async () => {
  await browser?.close();
  await provisioner?.stop();
});

async function newPage(colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({
    baseURL: provisioner.url,
    viewport: { width: 1280, height: 900 },
    colorScheme,
  });
  const page = await context.newPage();
  return { page, consoleErrors: watchConsole(page) };
}

/** What has focus: its tag and its words. */
const focused = (page: Page) =>
  page.evaluate(() => `${document.activeElement?.tagName}: ${document.activeElement?.textContent?.trim()}`);
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

describe('dashboard resilience and keyboard in Chromium', () => {
  it('counts failing stores in the tab title, and is driven by keyboard: /, Ctrl-K, focus on navigation and after dialogs', async () => {
    const { page, consoleErrors } = await newPage();
    await signIn(page, 'admin', provisioner.adminPassword);
    await statusBadge(page, 'Failed').waitFor({ timeout: 170_000 });
    await expect.poll(() => page.title()).toBe('(1) Stores · Store Platform');
    await screenshot(page, 'issue14-tab-count');

    // `/` focuses the store search, and is not typed into it.
    await blur(page);
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search by name' });
    expect(await search.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await search.inputValue()).toBe('');

    // Ctrl-K: the jump box lists the stores, filtered as one types; Enter opens the store, its h1 takes focus.
    await blur(page);
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: 'Store name' });
    await box.waitFor();
    await box.pressSequentially('frag');
    await page.getByRole('option', { name: new RegExp(store) }).waitFor();
    await expectAccessibleAtBothWidths(page, 'the jump-to-store box');
    await screenshot(page, 'issue14-jump-box');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/stores/${store}`);
    await expect.poll(() => focused(page)).toBe(`H1: ${store} Failed`);
    expect(await page.title()).toBe(`(1) ${store} · Stores · Store Platform`);

    // Escape and Cancel in the delete dialog give focus back to the Delete button.
    const remove = page.getByRole('button', { name: 'Delete store' });
    await remove.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: `Delete ${store}?` }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('BUTTON: Delete store');
    await remove.click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => focused(page)).toBe('BUTTON: Delete store');

    // A link to another page moves focus to that page's h1.
    await page.getByRole('link', { name: 'Activity' }).click();
    await expect.poll(() => focused(page)).toBe('H1: Activity');
    expect(await page.title()).toBe('(1) Activity · Store Platform');
    expect(consoleErrors).toEqual([]);
  });

  it('follows the system dark mode, readable everywhere', async () => {
    const { page, consoleErrors } = await newPage('dark');
    await signIn(page, 'admin', provisioner.adminPassword);
    await statusBadge(page, 'Failed').waitFor({ timeout: 170_000 });
    const background = await page.evaluate(
      () => getComputedStyle(document.body.parentElement!).backgroundColor,
    );
    expect(background).toBe('rgb(17, 24, 39)');
    await expectAccessibleAtBothWidths(page, 'the store list in dark mode');
    await screenshot(page, 'issue14-dark-stores');
    await page.getByRole('link', { name: store, exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(store), level: 1 }).waitFor();
    await expectAccessibleAtBothWidths(page, 'a failed store in dark mode');
    await screenshot(page, 'issue14-dark-store');
    await page.getByRole('button', { name: 'Delete store' }).click();
    await expectAccessibleAtBothWidths(page, 'the delete dialog in dark mode');
    await page.keyboard.press('Escape');
    expect(consoleErrors).toEqual([]);
  });

  it('says when live updates are lost, greys badges, explains failed loads with Retry, and recovers', async () => {
    const { page, consoleErrors } = await newPage();
    await signIn(page, 'admin', provisioner.adminPassword);
    const badge = statusBadge(page, 'Failed');
    await badge.waitFor({ timeout: 170_000 });
    const banner = page.locator('.connection-banner');

    await provisioner.stop();
    await banner.filter({ hasText: /^Live updates lost at \d{1,2}:\d\d:\d\d/ }).waitFor();
    // Read out through the page's one live region.
    await expect
      .poll(() => page.locator('.toasts[role="status"]').textContent())
      .toMatch(/Live updates lost at .*, reconnecting…/);
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-offline'))).toBe(true);
    expect(await badge.evaluate((b) => getComputedStyle(b).filter)).toBe('grayscale(1)');
    await expectAccessibleAtBothWidths(page, 'the store list with live updates lost');
    await screenshot(page, 'issue14-connection-lost');

    // Another page cannot load: it says why in plain words, with Retry.
    await page.getByRole('link', { name: 'My tokens' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'Your tokens could not be loaded' });
    await failed.waitFor();
    expect(await failed.textContent()).toContain('The platform did not answer (it may be restarting');
    await expectAccessibleAtBothWidths(page, 'a page that could not load');
    await screenshot(page, 'issue14-error-state');

    // Retry while it is still away: the same words again.
    await page.getByRole('button', { name: 'Retry' }).click();
    // The alert leaves while the retry loads and comes back when it fails: polled, not read once, for as long as a
    // refused fetch can take on a loaded machine (Vitest's default poll gives up after 1 s).
    await expect.poll(() => failed.count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    const whileAway = consoleErrors.length;

    // Back: the page refetches what failed by itself, and says so briefly.
    provisioner = await restartProvisioner(provisioner, env);
    await banner.filter({ hasText: /^Reconnected/ }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-offline'))).toBe(false);
    await page.getByRole('table', { name: 'API tokens' }).waitFor();
    expect(await failed.count()).toBe(0);
    await screenshot(page, 'issue14-reconnected');
    await expectAccessibleAtBothWidths(page, 'the banner saying live updates are back');

    // Fresh data: a store made after the restart appears, live.
    await page.getByRole('link', { name: 'Stores', exact: true }).click();
    expect(
      (
        await provisioner.api.call('POST', '/stores', {
          body: { name: 'after-restart', engine: 'woocommerce', plan: 'basic' },
        })
      ).status,
    ).toBe(202);
    await page.getByRole('link', { name: 'after-restart', exact: true }).waitFor();
    // "Reconnected" goes after a few seconds.
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toBe('');
    // While the provisioner was away the browser logged its refused requests; nothing else, before or after.
    const refused = /ERR_CONNECTION_REFUSED|Failed to load resource/;
    expect(consoleErrors.slice(0, whileAway).filter((e) => !refused.test(e))).toEqual([]);
    expect(consoleErrors.slice(whileAway).filter((e) => !refused.test(e))).toEqual([]);
  });
});
