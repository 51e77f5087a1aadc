/** What the browser tests share: the production build, served by a provisioner of their own, and how to use it. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Browser, Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

import {
  createDatabase,
  startProvisioner,
  type ProvisionerProcess,
} from '../../../apps/provisioner/test/provisioner-process.js';
import { launchBrowser, screenshot, seriousA11yViolations } from './browser.js';

/** The dashboard's production build (make dashboard-build). */
export const dashboardDist = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../apps/dashboard/dist',
);

/** How often the served provisioner checks its stores' health. */
export const healthIntervalSeconds = 3;

/** Fails at once, saying what to run, when there is no production build to serve. */
export function requireDashboardBuild(): void {
  if (!existsSync(path.join(dashboardDist, 'index.html'))) {
    throw new Error(
      `no dashboard build in ${dashboardDist}: run \`make dashboard-build\` first (make test does)`,
    );
  }
}

/**
 * A provisioner on a database of its own (`database`) serving the production build, and a headless Chromium, both
 * started at once. Stores' health is checked every few seconds (not every 30), so that a page shows it soon.
 */
export async function startServedDashboard(
  database: string,
): Promise<{ provisioner: ProvisionerProcess; browser: Browser }> {
  requireDashboardBuild();
  const databaseUrl = await createDatabase(inject('databaseUrl'), database);
  const [provisioner, browser] = await Promise.all([
    startProvisioner({
      DATABASE_URL: databaseUrl,
      DASHBOARD_DIR: dashboardDist,
      HEALTH_INTERVAL_SECONDS: String(healthIntervalSeconds),
    }),
    launchBrowser(),
  ]);
  return { provisioner, browser };
}

/** A store's status badge showing `status` (its words, e.g. "Running"), within `scope`. */
export function statusBadge(scope: Page | Locator, status: string): Locator {
  return scope.locator('.status-badge', { hasText: new RegExp(`^${status}$`) });
}

/** Signs in through the sign-in page and waits for the store list. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Stores', level: 1 }).waitFor();
}

/** No serious accessibility problem (axe) on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await seriousA11yViolations(page), `serious accessibility problems on ${what}`).toEqual([]);
}

/** The widths every page is checked at: a laptop and a phone. */
export const desktop = { width: 1280, height: 900 };
export const phone = { width: 390, height: 844 };

/** Resizes the page and waits two frames, so that the layout for that width (cards or table) is drawn. */
export async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  for (let frame = 0; frame < 2; frame++) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
}

/** No horizontal scroll of the page on a phone; the message names what sticks out, if anything does. */
export async function expectFitsPhone(page: Page, what: string): Promise<void> {
  const { width, wider } = await page.evaluate((limit) => {
    return {
      width: document.documentElement.scrollWidth,
      wider: Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > limit)
        .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)}`)
        .slice(0, 5),
    };
  }, phone.width);
  expect(width, `${what} is wider than a phone: ${wider.join(', ')}`).toBeLessThanOrEqual(phone.width);
}

/**
 * The page as it is now, at 1280 px and then at 390 px: no serious axe problem at either, no horizontal scroll on
 * the phone, and (given `shot`) a screenshot of each, `issue14-{shot}` and `issue14-{shot}-phone`. The page is left
 * at 1280 px.
 */
export async function expectAccessibleAtBothWidths(page: Page, what: string, shot?: string): Promise<void> {
  await expectAccessible(page, `${what} at 1280 px`);
  if (shot) await screenshot(page, `issue14-${shot}`);
  await resize(page, phone);
  try {
    await expectFitsPhone(page, what);
    await expectAccessible(page, `${what} at 390 px`);
    if (shot) await screenshot(page, `issue14-${shot}-phone`);
  } finally {
    await resize(page, desktop);
  }
}
