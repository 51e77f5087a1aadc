import type { Engine } from './engine.js';

/** Medusa + PostgreSQL + Redis (helm-charts/store-instance, engine medusa); "coming soon" unless enabled. */
export const medusa: Engine = {
  id: 'medusa',
  setupNote: 'Medusa migrates its database in the init container of its server and worker pods',
  generatedSecrets: { 'db-password': 32, 'admin-password': 24, 'jwt-secret': 64, 'cookie-secret': 64 },
  adminLogin: (host) => `admin@${host}`,
  adminPath: '/app',
  storefrontPath: '/health',
  appPort: 9000,
};
