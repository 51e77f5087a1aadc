import type { Role } from '../domain/roles.js';

export interface UserRecord {
  username: string;
  passwordHash: string;
  role: Role;
  /** A disabled user cannot sign in. */
  disabled?: boolean;
}

/** A user as the admins' list shows it. */
export interface UserSummary {
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
}

/** A browser session of an enabled user, found by the hash of its id. */
export interface SessionRecord {
  username: string;
  role: Role;
  expiresAt: Date;
  /** The last request made with it, to a minute (touchSession). */
  lastSeenAt: Date;
}

/** Users and browser sessions. Session ids are stored only as hashes. */
export interface UserRepository {
  countUsers(): Promise<number>;
  findUser(username: string): Promise<UserRecord | undefined>;
  /** Creates a user; a conflict error when the name is taken. */
  createUser(user: UserRecord): Promise<void>;
  createSession(session: { idHash: string; username: string; expiresAt: Date }): Promise<void>;
  /** The session of an enabled user; undefined for an unknown session or a disabled user. */
  findSession(idHash: string): Promise<SessionRecord | undefined>;
  /** Records a request of the session now (its idle timeout starts again). */
  touchSession(idHash: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes sessions past their expiry, or without a request for `idleMinutes`. */
  purgeSessions(idleMinutes: number): Promise<void>;
  /** Notes a successful sign-in, for the admins' list. */
  recordSignIn(username: string): Promise<void>;
  /** Every user, by name. */
  listUsers(): Promise<UserSummary[]>;
  /**
   * Changes a user's role and/or disables or enables them, atomically refusing (conflict) a change that would
   * leave no enabled admin. Disabling also ends all their sessions and revokes all their tokens. Not found: a
   * not_found error.
   */
  updateUser(username: string, change: { role?: Role; disabled?: boolean }): Promise<UserSummary>;
  /** Deletes a user with their sessions and tokens; refuses the last enabled admin (conflict). */
  deleteUser(username: string): Promise<void>;
  /**
   * Sets a user's password hash, ends their sessions (but the one whose hash is `keepSession`) and revokes all
   * their tokens, in one transaction. Not found: a not_found error.
   */
  setPassword(username: string, passwordHash: string, keepSession?: string): Promise<void>;
}
