import { engineTitles, planTitles, type DeletedStoreView } from '@store-platform/contracts';
import { useState } from 'react';
import { Link } from 'react-router';

import { useDeletedStores } from '../../api/backups.js';
import { Button } from '../../ui/Button.js';
import { QueryError } from '../../ui/ErrorState.js';
import { TableScroll } from '../../ui/TableScroll.js';
import { usePageTitle } from '../../ui/use-page-title.js';
import { When } from '../../ui/When.js';
import { CloneFromBackupDialog } from './CloneFromBackupDialog.js';
import './backups.css';

/**
 * Deleted stores the deletion policy keeps (docs/decisions/012-backups.md, "Deletion policy"): each until its
 * purge ("restore until"), and, for operators, "Restore into a new store": a clone from its last backup under a
 * name they choose (its old one by default: it is free once deleted).
 */
export function DeletedStoresPage({ canRestore }: { canRestore: boolean }) {
  usePageTitle('Deleted stores');
  const deleted = useDeletedStores();
  const [restoring, setRestoring] = useState<DeletedStoreView | null>(null);
  return (
    <>
      <div className="page-title">
        <h1>Deleted stores</h1>
        <Link to="/">Back to the stores</Link>
      </div>
      <section className="card" aria-labelledby="deleted-intro">
        <h2 id="deleted-intro">Still restorable</h2>
        <p className="muted">
          A deleted store stays here until its date, when its backups and kept volumes are removed for good.
        </p>
        {deleted.isPending && <p>Loading deleted stores…</p>}
        {deleted.error && <QueryError what="The deleted stores" query={deleted} />}
        {deleted.data?.length === 0 && <p>No deleted store can be restored.</p>}
        {deleted.data && deleted.data.length > 0 && (
          <TableScroll label="Deleted stores">
            <table aria-label="Deleted stores" className="backups-table">
              <thead>
                <tr>
                  <th scope="col">Store</th>
                  <th scope="col">Deleted</th>
                  <th scope="col">Restore until</th>
                  {canRestore && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {deleted.data.map((store) => (
                  <tr key={`${store.name}-${store.deletedAt}`} data-store={store.name}>
                    <td data-label="Store">
                      <span>
                        <strong>{store.name}</strong>{' '}
                        <span className="muted">
                          {engineTitles[store.engine]}, {planTitles[store.plan]}
                        </span>
                      </span>
                    </td>
                    <td data-label="Deleted">
                      <span>
                        <When iso={store.deletedAt} /> by {store.deletedBy}
                      </span>
                    </td>
                    <td data-label="Until">
                      <When iso={store.restorableUntil} />
                    </td>
                    {canRestore && (
                      <td>
                        {store.lastBackupId ? (
                          <Button
                            onClick={() => setRestoring(store)}
                            aria-label={`Restore into a new store: ${store.name}`}
                          >
                            Restore into a new store
                          </Button>
                        ) : (
                          <span className="muted">No backup was taken; only its volumes are kept.</span>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {restoring?.lastBackupId && (
        <CloneFromBackupDialog
          open
          onOpenChange={(open) => !open && setRestoring(null)}
          source={restoring}
          backupId={restoring.lastBackupId}
          suggestedName={restoring.name}
          title={`Restore ${restoring.name} into a new store`}
          deleted
        />
      )}
    </>
  );
}
