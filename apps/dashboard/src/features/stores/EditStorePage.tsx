import { storeStatusTitles, type UpdateStoreRequest } from '@store-platform/contracts';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { ApiError } from '../../api/client.js';
import { useEngines, useStore } from '../../api/queries.js';
import { usePreviewUpdate, useUpdateStore } from '../../api/updates.js';
import { Button } from '../../ui/Button.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { EditStoreForm } from './EditStoreForm.js';
import { PreviewDiff } from './PreviewDiff.js';
import { usePageTitle } from '../../ui/use-page-title.js';
import { QueryError } from '../../ui/ErrorState.js';
import { CopyAsCurl } from '../../ui/CopyAsCurl.js';
import { storeActionRequest } from './store-curl.js';

const changedMeanwhile = (error: Error | null) => error instanceof ApiError && error.status === 409;

/**
 * Changing a running store (operators): edit, preview what would change, confirm, apply. The update is applied
 * against the version the preview was made from (If-Match): a store that changed since says so and offers to
 * preview again. Once accepted, the store's page shows the update's steps.
 */
export function EditStorePage() {
  const { name = '' } = useParams();
  usePageTitle(`Edit ${name}`, 'Stores');
  const store = useStore(name);
  const engines = useEngines();
  const preview = usePreviewUpdate(name);
  const update = useUpdateStore(name);
  const navigate = useNavigate();
  const [request, setRequest] = useState<UpdateStoreRequest>();
  const [confirming, setConfirming] = useState(false);

  const heading = (
    <div className="page-title">
      <h1>Edit {name}</h1>
      <Link to={`/stores/${name}`}>Back to {name}</Link>
    </div>
  );
  if (store.isPending) return <p role="status">Loading {name}…</p>;
  if (store.error) {
    return (
      <>
        {heading}
        <QueryError what="The store" query={store} />
      </>
    );
  }
  const s = store.data;
  if (!s || (s.status !== 'running' && !update.isSuccess)) {
    return (
      <>
        {heading}
        <p role="status">
          {s
            ? `Only a running store can be changed; ${name} is ${storeStatusTitles[s.status].toLowerCase()}.`
            : `There is no store named ${name}; it may have been deleted.`}
        </p>
      </>
    );
  }
  const versions = engines.data?.find((e) => e.id === s.engine)?.versions ?? [];
  const runPreview = (next: UpdateStoreRequest) => {
    setRequest(next);
    update.reset();
    preview.mutate(next);
  };
  const apply = () => {
    if (!request || !preview.data) return;
    update.mutate(
      { request, version: preview.data.version },
      {
        onSuccess: () => void navigate(`/stores/${name}`),
        // A refusal shows on the page, beside what it refers to (and Preview again, for a store that changed).
        onError: () => setConfirming(false),
      },
    );
  };

  return (
    <>
      {heading}
      <section className="card" aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        <EditStoreForm
          store={s}
          versions={versions}
          previewing={preview.isPending}
          onEdit={() => {
            preview.reset();
            update.reset();
          }}
          onPreview={runPreview}
        />
        {preview.error && (
          <p role="alert" className="alert">
            The platform refused this change: {preview.error.message}
          </p>
        )}
      </section>

      {preview.data && (
        <>
          <PreviewDiff preview={preview.data} />
          {changedMeanwhile(update.error) ? (
            <div role="alert" className="alert">
              <p>
                {name} changed since this preview (someone else changed it, or it is busy), so nothing was
                applied. Preview again to see what the update would change now.
              </p>
              <Button variant="primary" onClick={() => request && runPreview(request)}>
                Preview again
              </Button>
            </div>
          ) : (
            update.error && (
              <p role="alert" className="alert">
                The update was refused: {update.error.message}
              </p>
            )
          )}
          <div className="row">
            <Button
              variant="primary"
              disabled={preview.data.values.length === 0 || changedMeanwhile(update.error)}
              onClick={() => setConfirming(true)}
            >
              Apply
            </Button>
            {request && (
              <CopyAsCurl what="for these changes" request={storeActionRequest(s, 'update', request)} />
            )}
            <Link to={`/stores/${name}`}>Cancel</Link>
          </div>
        </>
      )}

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Apply these changes to ${name}?`}
        description="The store is upgraded with Helm to exactly what the preview shows, and keeps serving meanwhile. If the upgrade fails, it is rolled back to the current revision by itself, and the store's page says why."
        action="Apply"
        busy={update.isPending}
        onConfirm={apply}
      />
    </>
  );
}
