import { engineTitles, planTitles, type Role } from '@store-platform/contracts';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { useDeleteStore, useRetryStore, useStore } from '../../api/queries.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { Button } from '../../ui/Button.js';
import { When } from '../../ui/When.js';
import { ActivityTable } from '../activity/ActivityTable.js';
import { CredentialsPanel } from './CredentialsPanel.js';
import { DeleteStoreDialog } from './DeleteStoreDialog.js';
import { FailurePanel } from './FailurePanel.js';
import { OperationProgress } from './OperationProgress.js';
import { HealthPanel } from './HealthPanel.js';
import { HealthSummaryText } from './HealthSummaryText.js';
import { usePageTitle } from '../../ui/use-page-title.js';

/**
 * One store: status, progress, health, addresses, failure and its evidence, credentials, activity, and the actions
 * (edit and release history on pages of their own).
 */
export function StoreDetailsPage({ role }: { role: Role }) {
  const { name = '' } = useParams();
  usePageTitle(name, 'Stores');
  const store = useStore(name);
  const retry = useRetryStore();
  const remove = useDeleteStore();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const canOperate = role !== 'viewer';

  if (store.isPending) return <p role="status">Loading {name}…</p>;
  if (store.error) return <p role="alert">The store could not be loaded: {store.error.message}</p>;
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
  const busy = s.status === 'provisioning' || s.status === 'deleting' || s.status === 'updating';
  return (
    <>
      <div className="page-title">
        <h1>
          {s.name} <StatusBadge status={s.status} />
        </h1>
        <div className="row">
          <Link className="button" to={`/stores/${s.name}/history`}>
            Release history
          </Link>
          {canOperate && s.status === 'running' && (
            <Link className="button" to={`/stores/${s.name}/edit`}>
              Edit
            </Link>
          )}
          {canOperate && (
            <>
              {s.status === 'failed' && (
                <Button variant="primary" disabled={retry.isPending} onClick={() => retry.mutate(s)}>
                  {retry.isPending ? 'Retrying…' : 'Retry'}
                </Button>
              )}
              <Button variant="danger" disabled={busy} onClick={() => setConfirming(true)}>
                Delete store
              </Button>
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

      <section className="card" aria-labelledby="overview-title">
        <h2 id="overview-title">Overview</h2>
        <dl>
          <dt>Health</dt>
          <dd>
            <HealthSummaryText store={s} />
          </dd>
          <dt>Engine and plan</dt>
          <dd>
            {engineTitles[s.engine]}, {planTitles[s.plan]}
          </dd>
          <dt>Storefront</dt>
          <dd>
            <a href={s.urls.storefront} target="_blank" rel="noreferrer">
              {s.urls.storefront}
            </a>
          </dd>
          <dt>Admin</dt>
          <dd>
            <a href={s.urls.admin} target="_blank" rel="noreferrer">
              {s.urls.admin}
            </a>
          </dd>
          <dt>Namespace</dt>
          <dd>
            <code>{s.namespace}</code>
          </dd>
          <dt>Created</dt>
          <dd>
            <When iso={s.createdAt} /> by {s.createdBy}
          </dd>
        </dl>
      </section>

      {s.operation && <OperationProgress operation={s.operation} />}
      {(s.status === 'running' || s.status === 'updating') && (
        <HealthPanel store={s} canOperate={canOperate} />
      )}
      {role === 'admin' && s.status === 'running' && <CredentialsPanel store={s.name} />}

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">Activity</h2>
        <ActivityTable filter={{ store: s.name }} showStore={false} />
      </section>

      <DeleteStoreDialog
        store={s.name}
        open={confirming}
        onOpenChange={setConfirming}
        deleting={remove.isPending}
        error={remove.error?.message}
        onConfirm={() =>
          remove.mutate(s, {
            onSuccess: () => {
              setConfirming(false);
              void navigate('/');
            },
          })
        }
      />
    </>
  );
}
