import {
  rotationKindTitles,
  type RotationKind,
  type SecretVersionView,
  type StoreView,
} from '@store-platform/contracts';
import { useState } from 'react';

import { useRotateSecrets, useSecretVersions } from '../../api/secrets.js';
import { Button } from '../../ui/Button.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { TableScroll } from '../../ui/TableScroll.js';
import { When } from '../../ui/When.js';

/** What each rotation does to the people using the store, as the confirmation says it. */
const consequences: Record<RotationKind, string> = {
  database:
    'A new database user and password are made, the store’s pods restart one at a time on them, and the old user is removed once they are ready. Shoppers notice nothing; if the restart fails, the store goes back to its current credentials.',
  salts:
    'New sign-in salts: the store’s pods restart one at a time, and everyone signed in (customers and administrators) is signed out and must sign in again.',
  admin:
    'A new store administrator password is set at once; the old one stops working. Reveal the credentials afterwards to see it (shown once, recorded in the activity log).',
};

/** Medusa stores rotate only their salts (JWT and cookie secrets). */
const kindsOf = (store: StoreView): RotationKind[] =>
  store.engine === 'medusa' ? ['salts'] : ['database', 'salts', 'admin'];

const whatText = (v: SecretVersionView) => (v.what ? rotationKindTitles[v.what] : 'First credentials');

/**
 * The versions of the store's credentials (what changed, when, who; never a value), and for operators the
 * rotations, each confirmed with what users will notice. The rotation runs as an operation shown on the page.
 */
export function SecretsPanel({ store, canOperate }: { store: StoreView; canOperate: boolean }) {
  const versions = useSecretVersions(store.name);
  const rotate = useRotateSecrets();
  const [asking, setAsking] = useState<RotationKind | null>(null);
  const busy = store.operation?.phase === 'queued' || store.operation?.phase === 'running';
  return (
    <section className="card" aria-labelledby="secrets-title">
      <h2 id="secrets-title">Secrets</h2>
      {versions.error && (
        <p role="alert" className="alert">
          {versions.error.message}
        </p>
      )}
      {versions.data && (
        <TableScroll label="Secret versions">
          <table aria-label="Secret versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">What changed</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.version} data-version={v.version}>
                  <td>
                    {v.version}
                    {v.current ? ' (current)' : ''}
                  </td>
                  <td>{whatText(v)}</td>
                  <td>
                    <When iso={v.createdAt} />
                  </td>
                  <td>{v.createdBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canOperate && store.status === 'running' && (
        <p className="row">
          {kindsOf(store).map((what) => (
            <Button key={what} variant="secondary" disabled={busy} onClick={() => setAsking(what)}>
              Rotate {rotationKindTitles[what].toLowerCase()}
            </Button>
          ))}
        </p>
      )}
      <ConfirmDialog
        open={asking !== null}
        onOpenChange={(open) => {
          if (!open) {
            rotate.reset();
            setAsking(null);
          }
        }}
        title={asking ? `Rotate the ${rotationKindTitles[asking].toLowerCase()} of ${store.name}?` : ''}
        description={asking ? consequences[asking] : ''}
        action="Rotate"
        busy={rotate.isPending}
        error={rotate.error?.message}
        onConfirm={() => {
          if (asking) rotate.mutate({ store, what: asking }, { onSuccess: () => setAsking(null) });
        }}
      />
    </section>
  );
}
