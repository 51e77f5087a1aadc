import pg from 'pg';

/** The process's PostgreSQL pool, shared by the repositories, the queue's lock and the login guard. */
export const createPool = (connectionString: string, max: number) => new pg.Pool({ connectionString, max });

/** SQLSTATE classes and codes that mean the connection or the server went away, not that a statement was wrong. */
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
]);

/** Whether `error` says that PostgreSQL could not be reached or dropped the connection (a restart, a failover). */
export function isConnectionLoss(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (connectionCodes.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && /^Connection terminated/.test(message);
}
