import pg from 'pg';

/** The process's PostgreSQL pool, shared by the repositories, the queue's lock and the login guard. */
export const createPool = (connectionString: string, max: number) => new pg.Pool({ connectionString, max });
