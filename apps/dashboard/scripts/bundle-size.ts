/**
 * Prints the gzipped size of the JavaScript the production build's index.html loads first, and fails above the
 * budget (200 KB gzipped).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const budget = 200 * 1024;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = await readFile(path.join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.js)"/g)].map(
  (m) => m[1] as string,
);
let total = 0;
for (const script of scripts) total += gzipSync(await readFile(path.join(dist, script))).length;
console.log(
  `[dashboard] initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${budget / 1024} KB), ${scripts.length} file(s)`,
);
if (scripts.length === 0 || total > budget) {
  console.error(
    scripts.length === 0 ? '[dashboard] no script found in dist/index.html' : '[dashboard] over budget',
  );
  process.exit(1);
}
