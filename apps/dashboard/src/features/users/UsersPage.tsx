import { roles, type Role, type UserView } from '@store-platform/contracts';
import { useState } from 'react';

import {
  useCreateUser,
  useDeleteUser,
  useResetPassword,
  useUpdateUser,
  useUsers,
} from '../../api/accounts.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { Button } from '../../ui/Button.js';
import { exactTime } from '../../ui/time.js';
import { When } from '../../ui/When.js';
import { CreateUserForm } from './CreateUserForm.js';
import { ResetPasswordDialog } from './ResetPasswordDialog.js';
import { usePageTitle } from '../../ui/use-page-title.js';
import { QueryError } from '../../ui/ErrorState.js';
import { TableScroll } from '../../ui/TableScroll.js';

type Pending = { action: 'disable' | 'delete' | 'reset'; user: UserView } | undefined;

const confirmations = {
  disable: {
    title: (u: string) => `Disable ${u}?`,
    description:
      'Their browser sessions end and their API tokens are revoked now; they cannot sign in until enabled.',
    action: 'Disable',
  },
  delete: {
    title: (u: string) => `Delete ${u}?`,
    description:
      'The account goes for good, with its sessions and API tokens. The activity log keeps what they did.',
    action: 'Delete',
  },
};

/** Admins: every user, with role changes, disable/enable, password reset and delete (never the last admin). */
export function UsersPage({ me }: { me: string }) {
  usePageTitle('Users');
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const reset = useResetPassword();
  const [pending, setPending] = useState<Pending>();
  const [created, setCreated] = useState(0);
  const close = () => {
    setPending(undefined);
    for (const m of [update, remove, reset]) m.reset();
  };
  const confirmation = pending && pending.action !== 'reset' ? confirmations[pending.action] : undefined;
  return (
    <>
      <div className="page-title">
        <h1>Users</h1>
      </div>
      <CreateUserForm
        key={created}
        submitting={create.isPending}
        error={create.error?.message}
        onSubmit={(request) => create.mutate(request, { onSuccess: () => setCreated((n) => n + 1) })}
      />
      {!pending && update.error && (
        <p role="alert" className="alert">
          {update.error.message}
        </p>
      )}
      {users.isPending && <p role="status">Loading users…</p>}
      <QueryError what="The users" query={users} />
      {users.data && (
        <TableScroll label="Users">
          <table aria-label="Users">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col" className="optional">
                  Last sign-in
                </th>
                <th scope="col" className="optional">
                  Created
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.username} data-user={user.username}>
                  <td>
                    {user.username} {user.username === me && <span className="muted">(you)</span>}
                  </td>
                  <td>
                    <select
                      aria-label={`Role of ${user.username}`}
                      value={user.role}
                      disabled={update.isPending}
                      onChange={(e) =>
                        update.mutate({ username: user.username, role: e.target.value as Role })
                      }
                    >
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{user.disabled ? 'Disabled' : 'Active'}</td>
                  <td className="optional">
                    {user.lastSignInAt ? (
                      <When iso={user.lastSignInAt} />
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                  <td className="optional">{exactTime(user.createdAt)}</td>
                  <td>
                    <div className="row">
                      {user.disabled ? (
                        <Button onClick={() => update.mutate({ username: user.username, disabled: false })}>
                          Enable<span className="visually-hidden"> {user.username}</span>
                        </Button>
                      ) : (
                        <Button onClick={() => setPending({ action: 'disable', user })}>
                          Disable<span className="visually-hidden"> {user.username}</span>
                        </Button>
                      )}
                      {user.username !== me && (
                        <Button onClick={() => setPending({ action: 'reset', user })}>
                          Reset password<span className="visually-hidden"> of {user.username}</span>
                        </Button>
                      )}
                      <Button variant="danger" onClick={() => setPending({ action: 'delete', user })}>
                        Delete<span className="visually-hidden"> {user.username}</span>
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ConfirmDialog
        open={Boolean(confirmation)}
        onOpenChange={(open) => !open && close()}
        title={confirmation?.title(pending?.user.username ?? '') ?? ''}
        description={confirmation?.description ?? ''}
        action={confirmation?.action ?? ''}
        busy={update.isPending || remove.isPending}
        error={(pending?.action === 'delete' ? remove.error : update.error)?.message}
        onConfirm={() => {
          if (!pending) return;
          const username = pending.user.username;
          if (pending.action === 'delete') remove.mutate(username, { onSuccess: close });
          else update.mutate({ username, disabled: true }, { onSuccess: close });
        }}
      />
      <ResetPasswordDialog
        username={pending?.user.username ?? ''}
        open={pending?.action === 'reset'}
        onOpenChange={(open) => !open && close()}
        busy={reset.isPending}
        error={reset.error?.message}
        onConfirm={(password) =>
          pending && reset.mutate({ username: pending.user.username, password }, { onSuccess: close })
        }
      />
    </>
  );
}
