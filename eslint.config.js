// ESLint flat config: typescript-eslint's recommended rules plus the house boundaries (../shared/STYLE.md).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const appsNeverImportEachOther = (self, other) => ({
  files: [`apps/${self}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [`**/apps/${other}/**`, `@store-platform/${other}`, `@store-platform/${other}/*`],
            message: 'Apps never import each other; share code through packages/contracts.',
          },
        ],
      },
    ],
  },
});

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
);
