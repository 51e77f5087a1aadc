/**
 * Credentials in the dashboard, in headless Chromium against the real provisioner (serving the production build),
 * PostgreSQL and the local control plane: an admin makes and revokes an API token, creates a user, and disables
 * them while they are signed in elsewhere, whose session then ends.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { apiClient } from '../../../apps/provisioner/test/api-client.js';
import { type ProvisionerProcess } from '../../../apps/provisioner/test/provisioner-process.js';
import { screenshot, watchConsole } from './browser.js';
import { expectAccessible, signIn, startServedDashboard } from './served-dashboard.js';

let provisioner: ProvisionerProcess;
let browser: Browser;

beforeAll(async () => {
  ({ provisioner, browser } = await startServedDashboard('dashboard_accounts'));
});
afterAll(async () => {
  await browser?.close();
  await provisioner?.stop();
});

/** A fresh browser profile (its own cookies), allowed to use the clipboard as a user who clicked Copy. */
async function newPage() {
  const context = await browser.newContext({
    baseURL: provisioner.url,
    viewport: { width: 1280, height: 900 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: provisioner.url });
  const page = await context.newPage();
  return { page, consoleErrors: watchConsole(page) };
}

describe('credentials in the dashboard', () => {
  it('creates a token shown once, lists it, and revokes it so that the API refuses it', async () => {
    const { page, consoleErrors } = await newPage();
    await signIn(page, 'admin', provisioner.adminPassword);
    await page.getByRole('link', { name: 'My tokens' }).click();
    await page.getByRole('heading', { name: 'My tokens', level: 1 }).waitFor();
    await page.getByLabel('Token name').fill('e2e-token');
    await page.getByLabel('Role').selectOption('operator');
    await page.getByRole('button', { name: 'Create token' }).click();

    const secret = await page.getByLabel('Your new token').inputValue();
    expect(secret).toMatch(/^spt_/);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const row = page.locator('tr[data-token="e2e-token"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('operator');
    await expectAccessible(page, 'My tokens with a new token');
    await screenshot(page, '9-my-tokens');
    await page.getByRole('button', { name: 'Done' }).click();
    // Shown once: gone from the page, and never in the list.
    expect(await page.getByLabel('Your new token').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain(secret);

    const script = apiClient(provisioner.url, secret);
    expect((await script.call('GET', '/stores')).status).toBe(200);
    await page.reload();
    await row.waitFor();
    await expect.poll(() => row.textContent()).not.toContain('Never'); // its last use shows

    await page.getByRole('button', { name: 'Revoke e2e-token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke e2e-token?' });
    await dialog.waitFor();
    await expectAccessible(page, 'the revoke dialog');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    const refused = await script.call('GET', '/stores');
    expect([refused.status, refused.body.message]).toEqual([
      401,
      'the bearer token is not valid (revoked, or never issued)',
    ]);
    expect(consoleErrors).toEqual([]);
  });

  it('creates a user, and disabling them ends the session they have open elsewhere', async () => {
    const admin = await newPage();
    await signIn(admin.page, 'admin', provisioner.adminPassword);
    await admin.page.getByRole('link', { name: 'Users' }).click();
    await admin.page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await admin.page.getByLabel("New user's name").fill('casey');
    await admin.page.getByLabel('First password').fill('casey-password-1');
    await admin.page.getByLabel("New user's role").selectOption('operator');
    await admin.page.getByRole('button', { name: 'Create user' }).click();
    const row = admin.page.locator('tr[data-user="casey"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Active');

    // Casey signs in in another browser (a context of its own: its own cookie).
    const casey = await newPage();
    await signIn(casey.page, 'casey', 'casey-password-1');
    await admin.page.reload();
    await expect.poll(() => row.textContent()).not.toContain('Never'); // casey's sign-in shows
    await expectAccessible(admin.page, 'the users page');
    await screenshot(admin.page, '10-users');
    // On a phone the page fits the screen's width (the table scrolls inside its box, optional columns hide).
    await admin.page.setViewportSize({ width: 390, height: 844 });
    expect(await admin.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(admin.page, '10-users-phone');
    await admin.page.setViewportSize({ width: 1280, height: 900 });

    await admin.page.getByRole('button', { name: 'Disable casey' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Disable casey?' });
    await dialog.getByRole('button', { name: 'Disable' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent()).toContain('Disabled');

    // Casey's dashboard shows the sign-in page by itself, without a click: its event stream ended with the
    // account. Signing in again says why.
    await casey.page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10_000 });
    await casey.page.reload();
    await casey.page.getByLabel('Username').fill('casey');
    await casey.page.getByLabel('Password').fill('casey-password-1');
    await casey.page.getByRole('button', { name: 'Sign in' }).click();
    await casey.page.getByText('this account is disabled').waitFor();
    // The browser logs the refused requests (401) as errors; nothing else may appear.
    expect(casey.consoleErrors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    expect(admin.consoleErrors).toEqual([]);
  });
});
