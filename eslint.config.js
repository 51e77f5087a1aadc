// ESLint flat config: typescript-eslint's recommended rules plus the house boundaries (../shared/STYLE.md).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const appsNeverImportEachOther = (self, ...others) => ({
  files: [`apps/${self}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: others.map((other) => ({
          group: [`**/apps/${other}/**`, `@store-platform/${other}`, `@store-platform/${other}/*`],
          message: 'Apps never import each other; share code through packages/contracts.',
        })),
      },
    ],
  },
});

/**
 * Only adapters (and the composition root hands them in) touch PostgreSQL, the queue, Kubernetes, the backup
 * bucket (S3), the assistant's model API and processes.
 */
const drivers = {
  group: [
    'pg',
    'pg-boss',
    '@kubernetes/client-node',
    '@aws-sdk/*',
    'openai',
    'node:child_process',
    'child_process',
  ],
  message:
    'Only adapters/ touch PostgreSQL, pg-boss, Kubernetes, S3, the model API and child processes; use a port from ports/.',
};
const crossApp = (other) => ({
  group: [`**/apps/${other}/**`, `@store-platform/${other}`, `@store-platform/${other}/*`],
  message: 'Apps never import each other; share code through packages/contracts.',
});
const layer = (folder, message, ...regexes) => ({
  files: [`apps/provisioner/src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [crossApp('dashboard'), drivers, ...regexes.map((regex) => ({ regex, message }))] },
    ],
  },
});
/** An import of one of our folders from `depth` levels down in src/ (e.g. `../adapters/` from services/). */
const ours = (folders) => `^(\\.\\./)+(${folders.join('|')})/`;

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '.tools/**', '.cluster/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
    },
  },
  appsNeverImportEachOther('provisioner', 'dashboard'),
  appsNeverImportEachOther('dashboard', 'provisioner'),
  // storectl is a client of the API like the dashboard: it shares the contracts, never the server's code.
  appsNeverImportEachOther('cli', 'provisioner', 'dashboard', 'store-backup'),
  // The provisioner's layers (../shared/STYLE.md): routes -> services -> domain/ports; adapters implement ports.
  layer('domain', 'domain/ imports nothing of ours but packages/contracts (and itself).', '^\\.\\./'),
  layer(
    'ports',
    'ports/ import only domain/: they are the interfaces adapters implement.',
    ours(['services', 'adapters', 'routes', 'config', 'engines']),
  ),
  layer(
    'engines',
    'engines/ describe engines with domain/ and contracts only.',
    ours(['services', 'adapters', 'routes', 'ports']),
  ),
  layer(
    'services',
    'services/ never import adapters/ or routes/: main.ts hands adapters in through ports/.',
    ours(['adapters', 'routes']),
  ),
  layer(
    'routes',
    'routes/ call services/ and use domain/; never adapters/ (main.ts wires them).',
    ours(['adapters']),
  ),
  layer('config', 'config/ reads the environment only.', ours(['services', 'adapters', 'routes', 'ports'])),
  // The backup tool (the Jobs' image) stands alone: it shares nothing with the provisioner or the dashboard but the
  // env contract of docs/decisions/012-backups.md.
  {
    files: ['apps/store-backup/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossApp('provisioner'),
            crossApp('dashboard'),
            {
              regex: '^(\\.\\./)+(provisioner|dashboard)/',
              message: 'Apps never import each other; share code through packages/contracts.',
            },
          ],
        },
      ],
    },
  },
  // main.ts, the composition root, builds adapters; it does not use the drivers itself.
  {
    files: ['apps/provisioner/src/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [crossApp('dashboard'), drivers] }] },
  },
  // The flows' test doubles stand in for adapters: they implement ports and never reach a real driver or adapter.
  {
    files: ['apps/provisioner/test/doubles/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            drivers,
            {
              regex: '/src/adapters/',
              message: 'Test doubles implement ports/; they never wrap an adapter.',
            },
          ],
        },
      ],
    },
  },
  // The dashboard talks to the API through src/api only: one fetch wrapper, one event stream.
  {
    files: ['apps/dashboard/src/**/*.{ts,tsx}'],
    ignores: ['apps/dashboard/src/api/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Call the API through apps/dashboard/src/api (api() and its hooks).' },
        { name: 'EventSource', message: 'The event stream lives in apps/dashboard/src/api/stream.ts.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'fetch', message: 'Call the API through apps/dashboard/src/api.' },
      ],
    },
  },
);
