import type { NewToken, Role, TokenView } from '@store-platform/contracts';
import { useState } from 'react';

import { useCreateToken, useMyTokens, useRevokeToken } from '../../api/accounts.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { Button } from '../../ui/Button.js';
import { When } from '../../ui/When.js';
import { CreateTokenForm } from './CreateTokenForm.js';
import { NewTokenNotice } from './NewTokenNotice.js';
import { usePageTitle } from '../../ui/use-page-title.js';
import { QueryError } from '../../ui/ErrorState.js';
import { TableScroll } from '../../ui/TableScroll.js';

const when = (iso: string | null, never = 'Never') =>
  iso ? <When iso={iso} /> : <span className="muted">{never}</span>;

/** Everyone's own API tokens: create one (shown once), see when each was used and expires, revoke. */
export function MyTokensPage({ role }: { role: Role }) {
  usePageTitle('My tokens');
  const tokens = useMyTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<NewToken>();
  const [revoking, setRevoking] = useState<TokenView>();
  return (
    <>
      <div className="page-title">
        <h1>My tokens</h1>
      </div>
      <p className="muted">
        Scripts send a token as <code>Authorization: Bearer …</code>. It acts as you, with its role or your
        current role, whichever is lower; changing your password revokes all of them.
      </p>
      {created ? (
        <NewTokenNotice token={created} onDone={() => setCreated(undefined)} />
      ) : (
        <CreateTokenForm
          role={role}
          submitting={create.isPending}
          error={create.error?.message}
          onSubmit={(request) => create.mutate(request, { onSuccess: setCreated })}
        />
      )}
      {tokens.isPending && <p role="status">Loading tokens…</p>}
      <QueryError what="Your tokens" query={tokens} />
      {tokens.data?.length === 0 && <p>You have no API tokens.</p>}
      {tokens.data && tokens.data.length > 0 && (
        <TableScroll label="API tokens">
          <table aria-label="API tokens">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col" className="optional">
                  Created
                </th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id} data-token={token.name}>
                  <td>{token.name}</td>
                  <td>{token.role}</td>
                  <td className="optional">{when(token.createdAt)}</td>
                  <td>{when(token.lastUsedAt)}</td>
                  <td>{when(token.expiresAt)}</td>
                  <td>
                    <Button variant="danger" onClick={() => setRevoking(token)}>
                      Revoke<span className="visually-hidden"> {token.name}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ConfirmDialog
        open={Boolean(revoking)}
        onOpenChange={(open) => {
          if (!open) {
            setRevoking(undefined);
            revoke.reset();
          }
        }}
        title={`Revoke ${revoking?.name ?? ''}?`}
        description="Anything using this token gets 401 from its next request. This cannot be undone."
        action="Revoke"
        busy={revoke.isPending}
        error={revoke.error?.message}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(undefined) })}
      />
    </>
  );
}
