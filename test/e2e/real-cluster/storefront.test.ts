/**
 * `make e2e`'s browser set-up and locators, checked in Debian's Chromium without a cluster: WooCommerce's product
 * page markup, and nip.io names answered by Chromium itself when DNS-rebind protection drops them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchBrowser } from '../dashboard/browser.js';
import { addToCartButton } from './storefront.js';
import { loopbackResolverArgs } from './support.js';

// A product page as WooCommerce 10 with Storefront renders it: the product's form, then related products whose
// loop buttons are links with role="button" and an aria-label naming the product.
const productPage = `<!doctype html><html lang="en"><head><title>Ceramic Coffee Mug</title></head><body><main>
<h1>Ceramic Coffee Mug</h1>
<form class="cart" method="post"><label for="qty">Quantity</label><input id="qty" type="number" value="1">
<button type="submit" name="add-to-cart" value="15" class="single_add_to_cart_button button alt">Add to cart</button>
</form>
<section class="related products"><h2>Related products</h2><ul>
<li><a href="?add-to-cart=12" role="button" class="button add_to_cart_button" aria-label="Add to cart: &ldquo;Canvas Tote Bag&rdquo;">Add to cart</a></li>
<li><a href="?add-to-cart=13" role="button" class="button add_to_cart_button" aria-label="Add to cart: &ldquo;Linen Apron&rdquo;">Add to cart</a></li>
</ul></section></main></body></html>`;

let browser: Browser;
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(productPage);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  browser = await launchBrowser(loopbackResolverArgs('127.0.0.1.nip.io'));
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('make e2e in Chromium', () => {
  it('finds the one Add to cart button of the product form among related products', async () => {
    const page = await browser.newPage();
    await page.setContent(productPage);
    // The page-wide match the run used before finds the related products' links too.
    expect(await page.getByRole('button', { name: 'Add to cart' }).count()).toBe(3);
    const button = addToCartButton(page);
    expect(await button.count()).toBe(1);
    expect(await button.getAttribute('name')).toBe('add-to-cart');
    await page.close();
  });

  it('reaches *.127.0.0.1.nip.io on 127.0.0.1 without asking DNS', async () => {
    const page = await browser.newPage();
    // This machine has no DNS for nip.io, like a home router that drops answers pointing at 127.0.0.1.
    const response = await page.goto(`http://shop-e2e.127.0.0.1.nip.io:${port}/product/ceramic-coffee-mug/`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Ceramic Coffee Mug');
    await page.close();
  });

  it('maps only the loopback nip.io domain', () => {
    expect(loopbackResolverArgs('127.0.0.1.nip.io')).toEqual([
      '--host-resolver-rules=MAP *.127.0.0.1.nip.io 127.0.0.1',
    ]);
    expect(loopbackResolverArgs('stores.example.com')).toEqual([]);
  });
});
