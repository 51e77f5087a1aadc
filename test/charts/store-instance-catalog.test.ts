/**
 * The WooCommerce starter catalog (helm-charts/store-instance `catalog.products`): how the chart renders it into
 * the scripts ConfigMap (real helm, no cluster; passed with --set-json as the provisioner does), what its schema
 * refuses, and the setup's loader (files/woocommerce/catalog.sh) replayed with bash against a stand-in of the
 * image's wp-cli, which keeps its products in a file and answers as `wp eval` (the ID `product_id_by_sku` echoes)
 * and `wp wc product create --porcelain` (the new ID; a SKU already taken is refused, as WooCommerce's REST API
 * does with "Invalid or duplicated SKU.") do upstream.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { find, renderWith, type K8sObject } from './helm.js';

const run = promisify(execFile);

interface Product {
  name: string;
  price: string;
  description: string;
}

const products: Product[] = [
  {
    name: 'Mug, "large" edition',
    price: '12.50',
    description: 'A 350 ml stoneware mug, "dishwasher safe", for the first coffee of the day.',
  },
  { name: 'Gâteau au chocolat', price: '8', description: '' },
  { name: 'मसाला चाय', price: '1234567.05', description: 'अदरक और इलायची वाली चाय।\nSecond line.' },
];

/** The SKU the chart gives a name: `CATALOG-` and 10 hex digits of the sha256 of it trimmed and lower-cased. */
const skuOf = (name: string) =>
  `CATALOG-${createHash('sha256').update(name.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 10)}`;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The store chart rendered with a catalog given as the provisioner gives it, `--set-json catalog.products=`. */
const renderCatalog = (catalog: unknown[] | undefined, engine = 'woocommerce') =>
  renderWith('store-instance', [
    '--set',
    'store.name=my-store',
    '--set',
    `store.engine=${engine}`,
    ...(catalog ? ['--set-json', `catalog.products=${JSON.stringify(catalog)}`] : []),
  ]);
const catalogFile = (all: K8sObject[]) => find(all, 'ConfigMap', 'my-store-scripts').data?.['catalog.txt'];

describe('store-instance starter catalog (rendered)', () => {
  it('is one line a product in the scripts ConfigMap: SKU, base64 name, price, base64 description', async () => {
    const expected = products
      .map((p) => `${skuOf(p.name)}\t${b64(p.name)}\t${p.price}\t${b64(p.description)}\n`)
      .join('');
    expect(catalogFile(await renderCatalog(products))).toBe(expected);
  });

  it('gives each name the same SKU at every render, whatever its case and surrounding spaces', async () => {
    const skus = (text: string | undefined) =>
      (text ?? '')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    const first = skus(catalogFile(await renderCatalog(products)));
    expect(first).toEqual(products.map((p) => skuOf(p.name)));
    // Pinned, so that a change of the recipe (which would re-create every catalog product) cannot pass unseen.
    expect(first[1]).toBe('CATALOG-c0078763ea');
    const respelled = products.map((p) => ({ ...p, name: `  ${p.name.toUpperCase()} ` }));
    expect(skus(catalogFile(await renderCatalog(respelled)))).toEqual(first);
    expect(new Set(first).size).toBe(products.length);
  });

  it('renders an empty catalog file without products, and none for Medusa (which ignores the catalog)', async () => {
    expect(catalogFile(await renderCatalog(undefined))).toBe('');
    expect(catalogFile(await renderCatalog([]))).toBe('');
    const medusa = find(await renderCatalog(products, 'medusa'), 'ConfigMap', 'my-store-scripts');
    expect(Object.keys(medusa.data ?? {})).toEqual(['setup.sh']);
  });

  it('ships the loader next to setup.sh, which runs it after the sample products', async () => {
    const scripts = find(await renderCatalog(undefined), 'ConfigMap', 'my-store-scripts').data ?? {};
    expect(scripts['catalog.sh']).toContain('load_catalog()');
    const setup = scripts['setup.sh'] ?? '';
    expect(setup).toContain('source "$(dirname "$0")/catalog.sh"');
    const sample = setup.indexOf('step "sample products"');
    const catalog = setup.indexOf('step "starter catalog"');
    expect(sample).toBeGreaterThan(-1);
    expect(catalog).toBeGreaterThan(sample);
    expect(setup.slice(catalog)).toContain('load_catalog "$STORE_CATALOG_FILE"');
  });

  const product = products[0]!;
  it.each([
    ['a price with a currency sign', [{ ...product, price: '$12' }], "at '/catalog/products/0/price'"],
    ['a price with three decimals', [{ ...product, price: '12.505' }], "at '/catalog/products/0/price'"],
    ['a number as the price', [{ ...product, price: 12 }], "at '/catalog/products/0/price'"],
    [
      '21 products',
      Array.from({ length: 21 }, (_, i) => ({ ...product, name: `Product ${i}` })),
      "at '/catalog/products': maxItems",
    ],
    ['an unknown field', [{ ...product, sku: 'MY-SKU' }], "at '/catalog/products/0'"],
    ['a missing description', [{ name: 'Mug', price: '1' }], "at '/catalog/products/0'"],
    ['a blank name', [{ ...product, name: '   ' }], "at '/catalog/products/0/name'"],
    ['a name of 121 characters', [{ ...product, name: 'x'.repeat(121) }], "at '/catalog/products/0/name'"],
    [
      'a description of 601 characters',
      [{ ...product, description: 'x'.repeat(601) }],
      "at '/catalog/products/0/description'",
    ],
  ])('refuses %s', async (_, catalog, message) => {
    await expect(renderCatalog(catalog)).rejects.toThrow(message);
  });

  it('refuses two names that are one once trimmed and lower-cased, naming it', async () => {
    const twice = [product, { ...product, name: ` ${product.name.toUpperCase()}` }];
    await expect(renderCatalog(twice)).rejects.toThrow(
      'catalog.products: "MUG, \\"LARGE\\" EDITION" is listed twice',
    );
  });
});

/**
 * A stand-in of the image's wp-cli: records each call's arguments (a JSON array a line, so that any character
 * survives), keeps the store's products as a JSON file of SKU -> ID, and answers `product_id_by_sku`'s `wp eval`
 * and `wp wc product create --porcelain` as upstream does; anything else is unexpected.
 */
const standInWp = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const state = process.env.STAND_IN_STATE;
fs.appendFileSync(state + '.calls', JSON.stringify(args) + '\\n');
const products = fs.existsSync(state) ? JSON.parse(fs.readFileSync(state, 'utf8')) : {};
const command = args.filter((a) => !a.startsWith('--path=') && a !== '--no-color');
const option = (name) => args.find((a) => a.startsWith('--' + name + '='))?.slice(name.length + 3);
if (command[0] === 'eval' && command[1].includes('wc_get_product_id_by_sku')) {
  process.stdout.write(String(products[process.env.SETUP_LOOKUP_SKU] ?? 0));
} else if (command.slice(0, 3).join(' ') === 'wc product create' && args.includes('--porcelain')) {
  const sku = option('sku');
  if (sku in products) {
    console.error('Error: Invalid or duplicated SKU. {"status":400}');
    process.exit(1);
  }
  products[sku] = 100 + Object.keys(products).length;
  fs.writeFileSync(state, JSON.stringify(products));
  console.log(products[sku]);
} else {
  console.error('unexpected: wp ' + args.join(' '));
  process.exit(1);
}
`;

/** Runs the loader alone, as setup.sh does: lib.sh and catalog.sh sourced, then load_catalog on the file. */
const driver = `set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/catalog.sh"
load_catalog "$STORE_CATALOG_FILE"
`;

describe('store-instance starter catalog loader (replayed with a stand-in wp-cli)', () => {
  let scripts: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    const all = await renderCatalog(products);
    scripts = find(all, 'ConfigMap', 'my-store-scripts').data ?? {};
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'store-catalog-'));
    for (const name of ['lib.sh', 'catalog.sh', 'catalog.txt'])
      await writeFile(path.join(dir, name), scripts[name] ?? '');
    await writeFile(path.join(dir, 'setup.sh'), driver);
    await writeFile(path.join(dir, 'wp'), standInWp);
    await chmod(path.join(dir, 'wp'), 0o755);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const state = () => path.join(dir, 'products.json');
  const load = (extra: Record<string, string> = {}) =>
    run('bash', [path.join(dir, 'setup.sh')], {
      env: {
        PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        WP_PATH: dir,
        STAND_IN_STATE: state(),
        STORE_ADMIN_USER: 'admin',
        STORE_ADMIN_PASSWORD: 'Adm1nPassw0rdAdm1nPassw0',
        STORE_CATALOG_FILE: path.join(dir, 'catalog.txt'),
        ...extra,
      },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: error.stdout + error.stderr,
      }),
    );
  const calls = async () => {
    const text = await readFile(`${state()}.calls`, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string[]);
  };
  const creates = async () => (await calls()).filter((argv) => argv.includes('create'));

  it('creates each product once, published, with exactly its name, price and description', async () => {
    const first = await load();
    expect(first.code, first.output).toBe(0);
    expect(await creates()).toEqual(
      products.map((p) => [
        `--path=${dir}`,
        '--no-color',
        'wc',
        'product',
        'create',
        '--user=admin',
        '--type=simple',
        '--status=publish',
        `--name=${p.name}`,
        `--sku=${skuOf(p.name)}`,
        `--regular_price=${p.price}`,
        `--description=${p.description}`,
        '--porcelain',
      ]),
    );
    expect(JSON.parse(await readFile(state(), 'utf8'))).toEqual(
      Object.fromEntries(products.map((p, i) => [skuOf(p.name), 100 + i])),
    );
    expect(first.output).toContain(`[setup] product ${skuOf('Gâteau au chocolat')} created (ID 101)`);
    expect(first.output).toContain('[setup] starter catalog: 3 product(s) created, 0 already there');
    expect(first.output).not.toContain('Adm1nPassw0rd');
  });

  it('creates nothing when run again (a retried setup Job)', async () => {
    expect((await load()).code).toBe(0);
    const again = await load();
    expect(again.code, again.output).toBe(0);
    expect(await creates()).toHaveLength(products.length);
    expect(again.output).toContain(`[setup] product ${skuOf(products[2]!.name)} already exists (ID 102)`);
    expect(again.output).toContain('[setup] starter catalog: 0 product(s) created, 3 already there');
  });

  it('leaves a product whose SKU the store has as it is, and creates the others', async () => {
    await writeFile(state(), JSON.stringify({ [skuOf(products[0]!.name)]: 7 }));
    const result = await load();
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(
      `product ${skuOf(products[0]!.name)} already exists (ID 7); left as it is`,
    );
    expect((await creates()).map((argv) => argv.find((a) => a.startsWith('--sku=')))).toEqual(
      products.slice(1).map((p) => `--sku=${skuOf(p.name)}`),
    );
  });

  it('says there is no starter catalog, and calls nothing, when the file is empty', async () => {
    await writeFile(path.join(dir, 'catalog.txt'), '');
    const result = await load({ STORE_ADMIN_USER: '' });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('[setup] no starter catalog');
    expect(await calls()).toEqual([]);
  });

  it('fails, naming the line, on a line it cannot read, and on a missing file', async () => {
    await writeFile(path.join(dir, 'catalog.txt'), `${skuOf('Mug')}\t${b64('Mug')}\t$12\t\n`);
    const bad = await load();
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('catalog.txt line 1 (CATALOG-');
    expect(bad.output).toContain("price '$12' is not a decimal");
    expect(await calls()).toEqual([]);
    const missing = await load({ STORE_CATALOG_FILE: path.join(dir, 'none.txt') });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain(`starter catalog file ${path.join(dir, 'none.txt')} not found`);
  });
});
