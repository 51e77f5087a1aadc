import type { Role } from '../domain/roles.js';

/** An API token as stored (its secret only as a hash, which never leaves the repository). */
export interface TokenRecord {
  id: string;
  name: string;
  owner: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
}

/** API tokens for scripts (Authorization: Bearer). Only their SHA-256 hash is stored. */
export interface TokenRepository {
  createToken(token: {
    username: string;
    name: string;
    tokenHash: string;
    role: Role;
    expiresAt: Date;
  }): Promise<TokenRecord>;
  /**
   * The token with this hash and its owner's current role, when the owner is enabled; records that an unexpired
   * token was used.
   */
  findToken(tokenHash: string): Promise<(TokenRecord & { ownerRole: Role }) | undefined>;
  /** A user's tokens, newest first. */
  listTokens(username: string): Promise<TokenRecord[]>;
  /** Deletes the token `id` (only when its owner is `owner`, if given); the deleted token, or undefined. */
  deleteToken(id: string, owner?: string): Promise<TokenRecord | undefined>;
}
