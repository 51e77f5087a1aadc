import type { Role } from '@store-platform/contracts';
import { Link, useParams } from 'react-router';

import { useRetryStore, useStore } from '../../api/queries.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { Button } from '../../ui/Button.js';
import { CopyAsCurl } from '../../ui/CopyAsCurl.js';
import { ActivityTable } from '../activity/ActivityTable.js';
import { BackupsPanel } from './BackupsPanel.js';
import { CredentialsPanel } from './CredentialsPanel.js';
import { SecretsPanel } from './SecretsPanel.js';
import { DangerZone } from './DangerZone.js';
import { FailurePanel } from './FailurePanel.js';
import { OperationProgress } from './OperationProgress.js';
import { HealthPanel } from './HealthPanel.js';
import { isLive, StoreOverview } from './StoreOverview.js';
import { storeActionRequest } from './store-curl.js';
import { usePageTitle } from '../../ui/use-page-title.js';
import { QueryError } from '../../ui/ErrorState.js';

/**
 * One store: status, progress, health, addresses, failure and its evidence, credentials, activity, and the actions
 * (edit and release history on pages of their own): "Open admin" first while the store serves, Retry when it
 * failed, and Delete last, in its danger zone.
 */
export function StoreDetailsPage({ role }: { role: Role }) {
  const { name = '' } = useParams();
  usePageTitle(name, 'Stores');
  const store = useStore(name);
  const retry = useRetryStore();
  const canOperate = role !== 'viewer';

  if (store.isPending) return <p role="status">Loading {name}…</p>;
  if (store.error) {
    return <QueryError what="The store" query={store} />;
  }
  if (!store.data) {
    return (
      <section className="card">
        <h1>{name}</h1>
        <p role="status">There is no store named {name}; it may have been deleted.</p>
        <Link to="/">Back to the stores</Link>
      </section>
    );
  }
  const s = store.data;

  return (
    <>
      <div className="page-title">
        <h1>
          {s.name} <StatusBadge status={s.status} />
        </h1>
        <div className="row">
          {isLive(s) && (
            <a className="button button-primary" href={s.urls.admin} target="_blank" rel="noreferrer">
              Open admin
            </a>
          )}
          <Link className="button" to={`/stores/${s.name}/history`}>
            Release history
          </Link>
          {canOperate && s.status === 'running' && (
            <Link className="button" to={`/stores/${s.name}/edit`}>
              Edit
            </Link>
          )}
          {canOperate && s.status === 'failed' && (
            <>
              <Button variant="primary" disabled={retry.isPending} onClick={() => retry.mutate(s)}>
                {retry.isPending ? 'Retrying…' : 'Retry'}
              </Button>
              <CopyAsCurl what="to retry this store" request={storeActionRequest(s, 'retry')} />
            </>
          )}
        </div>
      </div>
      {retry.error && (
        <p role="alert" className="alert">
          {retry.error.message}
        </p>
      )}

      {s.status === 'failed' && (
        <section className="card" aria-labelledby="failure-title">
          <h2 id="failure-title">Why it failed</h2>
          <FailurePanel store={s} canOperate={canOperate} alert retryElsewhere />
        </section>
      )}

      <StoreOverview store={s} />

      {s.operation && <OperationProgress operation={s.operation} canCancel={canOperate} />}
      {(s.status === 'running' || s.status === 'updating') && (
        <HealthPanel store={s} canOperate={canOperate} />
      )}
      {role === 'admin' && s.status === 'running' && <CredentialsPanel store={s.name} />}
      {s.status !== 'provisioning' && s.status !== 'deleting' && <BackupsPanel store={s} role={role} />}
      {(s.status === 'running' || s.status === 'updating') && (
        <SecretsPanel store={s} canOperate={canOperate} />
      )}

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">Activity</h2>
        <ActivityTable filter={{ store: s.name }} showStore={false} />
      </section>

      {canOperate && <DangerZone store={s} role={role} />}
    </>
  );
}
