import type { Engine } from './engine.js';

const salts = [
  'auth-key',
  'secure-auth-key',
  'logged-in-key',
  'nonce-key',
  'auth-salt',
  'secure-auth-salt',
  'logged-in-salt',
  'nonce-salt',
];

/** WordPress + WooCommerce + MySQL (helm-charts/store-instance, engine woocommerce). */
export const woocommerce: Engine = {
  id: 'woocommerce',
  setupJob: (store) => `${store}-setup`,
  generatedSecrets: {
    'db-password': 32,
    'db-root-password': 32,
    'admin-password': 24,
    ...Object.fromEntries(salts.map((salt) => [`wp-${salt}`, 64])),
  },
  adminLogin: () => 'admin',
  adminPath: '/wp-admin/',
  storefrontPath: '/',
  appPort: 8080,
  appDeployment: (store) => `${store}-app`,
  database: { kind: 'mysql', port: 3306, name: 'wordpress', user: 'wordpress', passwordKey: 'db-password' },
  uploadsClaim: (store) => `${store}-uploads`,
};
