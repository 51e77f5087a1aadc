import type { Me } from '@store-platform/contracts';
import { useState } from 'react';
import { Link } from 'react-router';

import { useChangePassword } from '../../api/accounts.js';
import { ChangePasswordForm } from './ChangePasswordForm.js';
import { usePageTitle } from '../../ui/use-page-title.js';

/** The signed-in user's account: who they are, their password, and a way to their tokens. */
export function AccountPage({ me }: { me: Me }) {
  usePageTitle('My account');
  const change = useChangePassword();
  // A new form (empty fields) after each change.
  const [changes, setChanges] = useState(0);
  return (
    <>
      <div className="page-title">
        <h1>My account</h1>
      </div>
      <p>
        Signed in as <strong>{me.username}</strong> with the <strong>{me.role}</strong> role. Scripts use{' '}
        <Link to="/tokens">API tokens</Link>.
      </p>
      <ChangePasswordForm
        key={changes}
        submitting={change.isPending}
        error={change.error?.message}
        done={change.isSuccess}
        onSubmit={(request) => change.mutate(request, { onSuccess: () => setChanges((n) => n + 1) })}
      />
    </>
  );
}
