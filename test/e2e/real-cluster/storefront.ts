/**
 * How `make e2e` finds WooCommerce's controls, kept apart from the run so that a test can check the locators
 * against WooCommerce's markup (storefront.test.ts) without a cluster.
 */
import type { Locator, Page } from 'playwright-core';

/**
 * The single-product form's "Add to cart" button. Storefront lists related products under it, whose links carry
 * role="button" and the name "Add to cart: “Canvas Tote Bag”" (WooCommerce 10's loop button); Playwright matches
 * names by substring unless told `exact`, so a page-wide match finds several and the click throws.
 */
export function addToCartButton(page: Page): Locator {
  return page.locator('form.cart').getByRole('button', { name: 'Add to cart', exact: true });
}
