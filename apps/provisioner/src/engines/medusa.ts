import type { Engine } from './engine.js';

/** Medusa + PostgreSQL + Redis (helm-charts/store-instance, engine medusa); "coming soon" unless enabled. */
export const medusa: Engine = {
  id: 'medusa',
  // Creates the administrator `admin@{host}` with `medusa user` (the schema is migrated by then, in the init
  // container of the server and worker pods).
  setupJob: (store) => `${store}-setup`,
  generatedSecrets: { 'db-password': 32, 'admin-password': 24, 'jwt-secret': 64, 'cookie-secret': 64 },
  adminLogin: (host) => `admin@${host}`,
  adminPath: '/app',
  storefrontPath: '/health',
  appPort: 9000,
  appDeployment: (store) => `${store}-app`,
  // Medusa keeps its files in the database (no uploads claim): a backup is its dump alone.
  database: { kind: 'postgres', port: 5432, name: 'medusa', user: 'medusa', passwordKey: 'db-password' },
};
