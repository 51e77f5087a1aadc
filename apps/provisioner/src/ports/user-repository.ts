import type { Role } from '../domain/roles.js';

export interface UserRecord {
  username: string;
  passwordHash: string;
  role: Role;
}

/** A browser session, found by the hash of its id. */
export interface SessionRecord {
  username: string;
  role: Role;
  expiresAt: Date;
  /** The last request made with it, to a minute (touchSession). */
  lastSeenAt: Date;
}

/** Users, browser sessions and API tokens. Session ids and tokens are stored only as hashes. */
export interface UserRepository {
  countUsers(): Promise<number>;
  findUser(username: string): Promise<UserRecord | undefined>;
  /** Creates a user; a conflict error when the name is taken. */
  createUser(user: UserRecord): Promise<void>;
  createSession(session: { idHash: string; username: string; expiresAt: Date }): Promise<void>;
  findSession(idHash: string): Promise<SessionRecord | undefined>;
  /** Records a request of the session now (its idle timeout starts again). */
  touchSession(idHash: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes sessions past their expiry, or without a request for `idleMinutes`. */
  purgeSessions(idleMinutes: number): Promise<void>;
  createToken(token: {
    username: string;
    name: string;
    tokenHash: string;
  }): Promise<{ id: string; createdAt: Date }>;
  /** The token's owner; also records that the token was used. */
  findToken(tokenHash: string): Promise<{ username: string; role: Role } | undefined>;
}
