import type pg from 'pg';

import type { Role } from '../../domain/roles.js';
import type { TokenRecord, TokenRepository } from '../../ports/token-repository.js';

const columns = 't.id, t.name, t.username, t.role, t.created_at, t.last_used_at, t.expires_at';
interface TokenRow {
  id: string;
  name: string;
  username: string;
  role: Role;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date;
}
const toToken = (row: TokenRow): TokenRecord => ({
  id: row.id,
  name: row.name,
  owner: row.username,
  role: row.role,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  expiresAt: row.expires_at,
});

/** TokenRepository over PostgreSQL. */
export class PgTokenRepository implements TokenRepository {
  constructor(private readonly pool: pg.Pool) {}

  async createToken(token: {
    username: string;
    name: string;
    tokenHash: string;
    role: Role;
    expiresAt: Date;
  }): Promise<TokenRecord> {
    const { rows } = await this.pool.query<TokenRow>(
      `insert into api_tokens as t (username, name, token_hash, role, expires_at) values ($1, $2, $3, $4, $5)
       returning ${columns}`,
      [token.username, token.name, token.tokenHash, token.role, token.expiresAt],
    );
    return toToken(rows[0] as TokenRow);
  }

  async findToken(tokenHash: string) {
    // An expired token is found (so that its 401 can say it expired) but not marked as used.
    const { rows } = await this.pool.query<TokenRow & { owner_role: Role }>(
      `update api_tokens t set last_used_at = case when t.expires_at > now() then now() else t.last_used_at end
       from users u
       where t.token_hash = $1 and u.username = t.username and u.disabled_at is null
       returning ${columns}, u.role as owner_role`,
      [tokenHash],
    );
    const row = rows[0];
    return row ? { ...toToken(row), ownerRole: row.owner_role } : undefined;
  }

  async listTokens(username: string): Promise<TokenRecord[]> {
    const { rows } = await this.pool.query<TokenRow>(
      `select ${columns} from api_tokens t where t.username = $1 order by t.created_at desc`,
      [username],
    );
    return rows.map(toToken);
  }

  async deleteToken(id: string, owner?: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.pool.query<TokenRow>(
      `delete from api_tokens t where t.id = $1 and ($2::text is null or t.username = $2) returning ${columns}`,
      [id, owner ?? null],
    );
    return rows[0] ? toToken(rows[0]) : undefined;
  }
}
