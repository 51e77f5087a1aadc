/**
 * `make e2e`: the acceptance run on a real cluster made by `make up` (kind, or a kube context), with internet.
 * A person's day with the platform, in Chromium: sign in to the dashboard, create a WooCommerce store, see it
 * Running within 5 minutes, buy a sample product with Cash on Delivery in the store, find the order in
 * WooCommerce admin and complete it, delete the store, and see its namespace and Ingress gone within 2 minutes.
 * Prints the time of each step. Not part of `make test`: no container runs on the simulated cluster.
 */
import path from 'node:path';

import { waitFor } from '@store-platform/test-cluster';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import {
  chromiumPath,
  gone,
  kubectl,
  loopbackResolverArgs,
  secretValue,
  settings,
  step,
  writeTimings,
} from './support.js';
import { addToCartButton } from './storefront.js';

// What the scenario looks for, by the names people see (the dashboard's accessible names, WooCommerce's labels).
const ui = {
  dashboard: {
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    createStore: 'Create store',
    engine: /WooCommerce/,
    next: 'Next',
    storeName: 'Store name',
    plan: /Basic/,
    running: 'Running',
    failed: 'Failed',
    deleteStore: 'Delete store',
    confirmName: "Type the store's name to confirm",
    confirmDelete: 'Delete',
  },
  store: {
    // One of the sample products the store's setup Job creates (helm-charts/store-instance/files/woocommerce/setup.sh).
    productPath: '/product/ceramic-coffee-mug/',
    addedToCart: /has been added to your cart/,
    checkoutPath: '/checkout/',
    email: 'Email address',
    firstName: 'First name',
    lastName: 'Last name',
    address: 'Address',
    city: 'City',
    postcode: /ZIP Code|Postcode|Postal code/,
    state: 'State',
    cashOnDelivery: /Cash on delivery/i,
    placeOrder: /Place Order/i,
  },
  admin: {
    username: 'Username or Email Address',
    password: 'Password',
    logIn: 'Log In',
    update: 'Update',
    updated: 'Order updated.',
  },
};

const dashboardUrl = settings.dashboardUrl ?? `https://dashboard.${settings.baseDomain}`;
const storeUrl = `https://${settings.store}.${settings.baseDomain}`;
const namespace = `store-${settings.store}`;
const minutes = (n: number) => n * 60_000;

async function signInToDashboard(page: Page): Promise<void> {
  const password =
    settings.adminPassword ??
    (await secretValue(settings.platformNamespace, `${settings.platformRelease}-admin`, 'password'));
  await page.goto(dashboardUrl);
  await page.getByLabel(ui.dashboard.username).fill('admin');
  await page.getByLabel(ui.dashboard.password).fill(password);
  await page.getByRole('button', { name: ui.dashboard.signIn }).click();
  await page.getByRole('link', { name: ui.dashboard.createStore }).first().waitFor();
}

async function createStore(page: Page): Promise<void> {
  await page.getByRole('link', { name: ui.dashboard.createStore }).first().click();
  await page.getByRole('radio', { name: ui.dashboard.engine }).check();
  await page.getByRole('button', { name: ui.dashboard.next }).click();
  await page.getByLabel(ui.dashboard.storeName).fill(settings.store);
  await page.getByRole('radio', { name: ui.dashboard.plan }).check();
  await page.getByRole('button', { name: ui.dashboard.next }).click();
  await page.getByRole('button', { name: ui.dashboard.createStore }).click();
  await page.waitForURL(`**/stores/${settings.store}`);
}

async function waitUntilRunning(page: Page): Promise<void> {
  const status = page
    .getByRole('heading', { name: settings.store })
    .getByText(new RegExp(`^(${ui.dashboard.running}|${ui.dashboard.failed})$`));
  await status.waitFor({ timeout: minutes(5) });
  const text = await status.textContent();
  if (text !== ui.dashboard.running) {
    const reason = await page.getByRole('alert').allTextContents();
    throw new Error(`the store is ${text}: ${reason.join(' ') || 'see its page in the dashboard'}`);
  }
}

/** Buys one sample product as a guest with Cash on Delivery; returns the order number. */
async function buyWithCashOnDelivery(page: Page): Promise<string> {
  await page.goto(`${storeUrl}${ui.store.productPath}`);
  await addToCartButton(page).click();
  await page.getByText(ui.store.addedToCart).first().waitFor();
  await page.goto(`${storeUrl}${ui.store.checkoutPath}`);
  await page.getByLabel(ui.store.email).fill(`buyer@${settings.store}.example.com`);
  await page.getByLabel(ui.store.firstName, { exact: true }).first().fill('Ada');
  await page.getByLabel(ui.store.lastName, { exact: true }).first().fill('Buyer');
  await page.getByLabel(ui.store.address, { exact: true }).first().fill('1 Market Street');
  await page.getByLabel(ui.store.city, { exact: true }).first().fill('San Francisco');
  await page.getByLabel(ui.store.postcode).first().fill('94105');
  // The store's country is US:CA (store-instance values), so the state is usually chosen already.
  const state = page.getByLabel(ui.store.state, { exact: true }).first();
  if ((await state.count()) > 0 && !(await state.inputValue()))
    await state.selectOption({ label: 'California' });
  // With one payment method WooCommerce shows it without a choice; with several, pick it.
  const cod = page.getByRole('radio', { name: ui.store.cashOnDelivery });
  if ((await cod.count()) > 0) await cod.check();
  else await page.getByText(ui.store.cashOnDelivery).first().waitFor();
  await page.getByRole('button', { name: ui.store.placeOrder }).click();
  await page.waitForURL(/\/order-received\/\d+\//, { timeout: minutes(1) });
  const order = /\/order-received\/(\d+)\//.exec(page.url())?.[1];
  if (!order) throw new Error(`no order number in ${page.url()}`);
  return order;
}

/** Signs in to WooCommerce admin, finds the order in the list, marks it Completed and checks that it stuck. */
async function completeOrderInAdmin(page: Page, order: string): Promise<void> {
  const password = await secretValue(namespace, `${settings.store}-credentials`, 'admin-password');
  await page.goto(`${storeUrl}/wp-login.php`);
  await page.getByLabel(ui.admin.username).fill('admin');
  await page.getByLabel(ui.admin.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: ui.admin.logIn }).click();
  await page.waitForURL(/\/wp-admin\//);
  // The orders list (WooCommerce sends the legacy address to its own order screens when those are on).
  await page.goto(`${storeUrl}/wp-admin/edit.php?post_type=shop_order`);
  await page
    .getByRole('link', { name: new RegExp(`#${order}\\b`) })
    .first()
    .click();
  // The status <select> is hidden behind WooCommerce's enhanced select widget; set it as the widget does.
  await page.locator('#order_status').selectOption('wc-completed', { force: true });
  await page.getByRole('button', { name: ui.admin.update, exact: true }).click();
  await page.getByText(ui.admin.updated).first().waitFor();
  const status = await page.locator('#order_status').inputValue();
  if (status !== 'wc-completed') throw new Error(`order ${order} is ${status} after the update`);
}

async function deleteStore(page: Page): Promise<void> {
  await page.goto(`${dashboardUrl}/stores/${settings.store}`);
  await page.getByRole('button', { name: ui.dashboard.deleteStore }).click();
  await page.getByLabel(ui.dashboard.confirmName).fill(settings.store);
  await page.getByRole('button', { name: ui.dashboard.confirmDelete, exact: true }).click();
  await waitFor(
    `namespace ${namespace} and Ingress ${settings.store} to be gone`,
    async () =>
      (await gone(['-n', namespace, 'ingress', settings.store])) && (await gone(['namespace', namespace]))
        ? true
        : undefined,
    { timeoutMs: minutes(2), intervalMs: 2000 },
  );
}

/** A screenshot of the page each step leaves, into {artifacts}/screenshots/NN-step.png. */
function screenshotter(pages: () => Page[]): (name: string, ok: boolean) => Promise<void> {
  let count = 0;
  return async (name, ok) => {
    const page = pages().at(-1);
    if (!page || page.isClosed()) return;
    count += 1;
    const slug = name
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    const file = `${String(count).padStart(2, '0')}-${slug}${ok ? '' : '-FAILED'}.png`;
    await page.screenshot({ path: path.join(settings.artifacts, 'screenshots', file), fullPage: true });
  };
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  // The local certificates come from a self-signed ClusterIssuer.
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    ...(settings.video
      ? { recordVideo: { dir: path.join(settings.artifacts, 'video'), size: { width: 1280, height: 800 } } }
      : {}),
  });
  context.setDefaultTimeout(30_000);
  return context;
}

async function main(): Promise<void> {
  console.log(`[e2e] store ${settings.store} at ${storeUrl}, dashboard ${dashboardUrl}`);
  console.log(
    `[e2e] artifacts in ${settings.artifacts}; video ${settings.video ? 'on' : 'off (E2E_VIDEO=true turns it on after `npx playwright-core install ffmpeg`)'}`,
  );
  await step('cluster reachable', async () => void (await kubectl(['version', '--request-timeout=10s'])));
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: settings.headless,
    args: loopbackResolverArgs(settings.baseDomain),
  });
  let context: BrowserContext | undefined;
  try {
    context = await newContext(browser);
    const pages = context.pages.bind(context);
    const shot = screenshotter(pages);
    const dashboard = await context.newPage();
    await step('sign in to the dashboard', () => signInToDashboard(dashboard), shot);
    await step('create a WooCommerce store', () => createStore(dashboard), shot);
    await step('store Running (at most 5 minutes)', () => waitUntilRunning(dashboard), shot);
    const shop = await context.newPage();
    const order = await step('buy a product with Cash on Delivery', () => buyWithCashOnDelivery(shop), shot);
    console.log(`[e2e] order #${order} placed`);
    await step(
      `complete order #${order} in WooCommerce admin`,
      () => completeOrderInAdmin(shop, order),
      shot,
    );
    await shop.close();
    await step(
      'delete the store; namespace and Ingress gone (at most 2 minutes)',
      () => deleteStore(dashboard),
      shot,
    );
  } finally {
    // Closing the context first writes its video, also after a failed step.
    await context?.close();
    await browser.close();
    console.log(`[e2e] step times in ${writeTimings()}`);
  }
  console.log('[e2e] passed');
}

main().catch((error: unknown) => {
  console.error(`[e2e] failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(
    `[e2e] if the store ${settings.store} still exists, delete it in the dashboard or: kubectl delete namespace ${namespace}`,
  );
  process.exit(1);
});
