import type { Role } from '../domain/roles.js';

export interface UserRecord {
  username: string;
  passwordHash: string;
  role: Role;
}

/** Users, browser sessions and API tokens. Session ids and tokens are stored only as hashes. */
export interface UserRepository {
  countUsers(): Promise<number>;
  findUser(username: string): Promise<UserRecord | undefined>;
  /** Creates a user; a conflict error when the name is taken. */
  createUser(user: UserRecord): Promise<void>;
  createSession(session: {
    idHash: string;
    username: string;
    csrfToken: string;
    expiresAt: Date;
  }): Promise<void>;
  findSession(
    idHash: string,
  ): Promise<{ username: string; role: Role; csrfToken: string; expiresAt: Date } | undefined>;
  deleteSession(idHash: string): Promise<void>;
  createToken(token: {
    username: string;
    name: string;
    tokenHash: string;
  }): Promise<{ id: string; createdAt: Date }>;
  /** The token's owner; also records that the token was used. */
  findToken(tokenHash: string): Promise<{ username: string; role: Role } | undefined>;
}
