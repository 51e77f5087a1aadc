// Bundles storectl into one file (dist/storectl.js, or the path given) with its schemas from packages/contracts,
// which the workspace ships as TypeScript source: the published package then needs only Node 20 and its
// dependencies. The CLI's tests run this bundle, as users would.
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

await build({
  entryPoints: [fileURLToPath(new URL('src/main.ts', import.meta.url))],
  outfile: process.argv[2] ?? fileURLToPath(new URL('dist/storectl.js', import.meta.url)),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Installed beside it (package.json dependencies); the workspace's own packages are bundled.
  external: ['commander', 'eventsource-parser', 'zod', '@modelcontextprotocol/sdk'],
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
