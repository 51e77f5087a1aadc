import type { CreateUserRequest, UpdateUserRequest, UserView } from '@store-platform/contracts';

import { PlatformError } from '../domain/errors.js';
import { requireStrongPassword } from '../domain/password-strength.js';
import type { Principal } from '../domain/roles.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { UserRepository, UserSummary } from '../ports/user-repository.js';
import { sha256 } from './secrets.js';
import type { StreamRegistry } from './stream-registry.js';

const view = (user: UserSummary): UserView => ({
  username: user.username,
  role: user.role,
  disabled: user.disabled,
  createdAt: user.createdAt.toISOString(),
  lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
});

/**
 * Users and their passwords: the admins' list, create, role, disable/enable, delete, reset, and everyone's own
 * password change. Disabling, deleting and any password change end the user's sessions and revoke their tokens
 * (a change of one's own password keeps the session it was made from), and so do their open event streams on
 * this replica (on other replicas, within STREAM_RECHECK_SECONDS). Each change is in the activity log, never with
 * a password.
 */
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly activity: Pick<StoreRepository, 'appendActivity'>,
    private readonly streams: Pick<StreamRegistry, 'closeFor'>,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.listUsers()).map(view);
  }

  async create(actor: string, input: CreateUserRequest): Promise<void> {
    const passwordHash = await this.hashNewPassword(input.password, input.username, 'body.password');
    await this.users.createUser({ username: input.username, passwordHash, role: input.role });
    await this.log(actor, 'user-create', `user "${input.username}" (${input.role})`);
  }

  async update(actor: string, username: string, change: UpdateUserRequest): Promise<UserView> {
    const user = await this.users.updateUser(username, change);
    if (change.role !== undefined)
      await this.log(actor, 'user-role', `user "${username}" is now ${change.role}`);
    if (change.disabled === true) {
      this.streams.closeFor(username, 'your account was disabled by an admin');
      await this.log(actor, 'user-disable', `user "${username}"; their sessions and tokens ended`);
    }
    if (change.disabled === false) await this.log(actor, 'user-enable', `user "${username}"`);
    return view(user);
  }

  async remove(actor: string, username: string): Promise<void> {
    await this.users.deleteUser(username);
    this.streams.closeFor(username, 'your account was deleted by an admin');
    await this.log(actor, 'user-delete', `user "${username}" with their sessions and tokens`);
  }

  /**
   * The caller's own password, proven by the current one. Their other sessions end and all their tokens are
   * revoked (whoever knew the old password may have made them); `sessionId`, the session making the change, stays.
   */
  async changeOwnPassword(
    caller: Principal,
    input: { currentPassword: string; newPassword: string },
    sessionId?: string,
  ): Promise<void> {
    const user = await this.users.findUser(caller.username);
    if (!user || !(await this.hasher.verify(user.passwordHash, input.currentPassword))) {
      throw new PlatformError('forbidden', 'the current password is not right');
    }
    const keep = caller.via === 'session' && sessionId ? sha256(sessionId) : undefined;
    const hash = await this.hashNewPassword(input.newPassword, caller.username, 'body.newPassword');
    await this.users.setPassword(caller.username, hash, keep);
    this.streams.closeFor(
      caller.username,
      'your password was changed in another session; sign in again',
      keep && `session:${keep}`,
    );
    await this.log(
      caller.username,
      'password-change',
      `user "${caller.username}"; their other sessions and all their tokens ended`,
    );
  }

  /** An admin sets someone else's password; all of that user's sessions and tokens end. */
  async resetPassword(actor: string, username: string, password: string): Promise<void> {
    if (actor === username) {
      throw new PlatformError(
        'validation_failed',
        'to change your own password use PUT /auth/password, which asks for the current one',
      );
    }
    await this.users.setPassword(username, await this.hashNewPassword(password, username, 'body.password'));
    this.streams.closeFor(username, 'an admin set a new password for your account; sign in again');
    await this.log(actor, 'password-reset', `user "${username}"; their sessions and tokens ended`);
  }

  /** Every new password passes here (create, change, reset): the one place for the rule on passwords. */
  private hashNewPassword(password: string, username: string, field: string): Promise<string> {
    requireStrongPassword(password, [username], field);
    return this.hasher.hash(password);
  }

  private log(actor: string, action: string, detail: string) {
    return this.activity.appendActivity({ actor, action, result: 'succeeded', detail });
  }
}
